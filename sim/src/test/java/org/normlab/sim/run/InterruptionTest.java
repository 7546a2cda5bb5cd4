package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A race stopped part-way (the path Ctrl-C takes, {@link HeadlessRace#stop}) keeps what it computed. No signal and
 * no clock: each run waits at step {@value #STOP_AT} until all are there, and the last to arrive stops the race, so
 * every run stops exactly there.
 */
class InterruptionTest {
    /** Not a multiple of {@link TinyExperiment#EVALUATE_EVERY}: the stop itself adds the last evaluation. */
    private static final int STOP_AT = 7;
    private static final String TWO_RUNS = """
            [{"name": "sgd", "optimizer": {"name": "sgd", "learningRate": 0.1}},
             {"name": "momentum", "optimizer": {"name": "momentum", "learningRate": 0.05}}]""";
    /** The rows the recorder writes itself (probe series follow their own schedule, which knows the last step). */
    private static final Set<String> RECORDED = Set.of(Metric.TRAIN_LOSS.id(), Metric.GRAD_NORM.id(),
            Metric.PROBE_LOSS.id(), Metric.PROBE_ACCURACY.id(), Metric.TEST_LOSS.id(), Metric.TEST_ACCURACY.id());

    @TempDir
    Path temp;

    private static HeadlessRace race(Experiment experiment) {
        return new HeadlessRace(experiment, experiment.data().load(Path.of("..", "assets")));
    }

    @Test
    void aStoppedRaceKeepsEachRunsFilesToItsStepACheckpointThereAndAMarker()
            throws IOException, InterruptedException {
        Experiment experiment = ExperimentFile.parse(TinyExperiment.race("batch_norm", TWO_RUNS), "two.json");
        HeadlessRace race = race(experiment);
        CyclicBarrier allAtStopStep = new CyclicBarrier(experiment.runs().size(), race::stop);
        Progress stopping = (run, step, totalSteps) -> {
            if (step == STOP_AT) {
                try {
                    allAtStopStep.await();
                } catch (InterruptedException | BrokenBarrierException e) {
                    throw new AssertionError(e);
                }
            }
        };
        Path stopped = temp.resolve("stopped");
        OutputDirectory out = OutputDirectory.create(stopped, false);

        List<HeadlessRace.Summary> summaries = race.execute(out, stopping);

        assertEquals(stopped, out.commit(false), "nothing to replace: the results go where they were asked to");
        for (HeadlessRace.Summary summary : summaries) {
            assertTrue(summary.interrupted(), summary.run());
            assertFalse(summary.diverged(), summary.run());
            assertEquals(STOP_AT, summary.steps(), summary.run());
        }
        assertEquals(List.of(HeadlessRace.INTERRUPTED_HEADER, "sgd," + STOP_AT, "momentum," + STOP_AT),
                Files.readAllLines(stopped.resolve(HeadlessRace.INTERRUPTED)));

        // The same race told to end at that step: the stopped runs' checkpoints and records are its very bytes.
        Experiment shorter = ExperimentFile.parse(TinyExperiment.race("batch_norm", TWO_RUNS)
                .replace("\"steps\": " + TinyExperiment.STEPS, "\"steps\": " + STOP_AT), "two.json");
        Path finished = temp.resolve("finished");
        OutputDirectory reference = OutputDirectory.create(finished, false);
        race(shorter).execute(reference, Progress.NONE);
        reference.commit(true);
        for (Experiment.RunSetup run : experiment.runs()) {
            assertArrayEquals(Files.readAllBytes(finished.resolve(run.name()).resolve(RunRecorder.CHECKPOINT)),
                    Files.readAllBytes(stopped.resolve(run.name()).resolve(RunRecorder.CHECKPOINT)), run.name());
            assertEquals(recorded(finished.resolve(run.name())), recorded(stopped.resolve(run.name())), run.name());
            assertFalse(Files.exists(finished.resolve(HeadlessRace.INTERRUPTED)));
        }
    }

    /** The rows of the run's metrics that the recorder writes, as a set (their order around the probes differs). */
    private static Set<String> recorded(Path run) throws IOException {
        return Files.readAllLines(run.resolve(RunRecorder.METRICS)).stream().skip(1)
                .filter(row -> RECORDED.contains(row.split(",")[2])).collect(Collectors.toSet());
    }
}
