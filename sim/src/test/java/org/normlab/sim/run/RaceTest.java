package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.sim.data.DataSpec;

class RaceTest {
    /** Eight optimizers on the BN net, one with a scheduled change, one re-estimating BN statistics. */
    private static final String EIGHT_RUNS = """
            [{"name": "sgd", "optimizer": {"name": "sgd", "learningRate": 0.1},
              "changes": [{"step": 10, "name": "learningRate", "value": 0.05}]},
             {"name": "momentum", "optimizer": {"name": "momentum", "learningRate": 0.05}},
             {"name": "wd", "optimizer": {"name": "sgd_wd", "momentum": 0.9, "weightDecay": 1e-3}},
             {"name": "adam", "optimizer": {"name": "adam", "learningRate": 0.01}},
             {"name": "psi", "optimizer": {"name": "psi_sgd", "momentum": 0.9}},
             {"name": "wrs", "optimizer": {"name": "wrs", "momentum": 0.9}},
             {"name": "insgd", "optimizer": {"name": "insgd"}},
             {"name": "pswa", "optimizer": {"name": "pswa", "period": 4, "reestimateBatches": 2,
                                            "inner": {"name": "momentum"}}}]
            """;
    private static final List<String> RESULT_FILES = List.of(RunRecorder.METRICS, RunRecorder.EVENTS,
            RunRecorder.CHECKPOINT);

    @TempDir
    Path temp;

    private static DataSpec.Split data(Experiment e) {
        return e.data().load(Path.of("..", "assets"));
    }

    private List<HeadlessRace.Summary> race(Experiment e, String folder) throws IOException, InterruptedException {
        OutputDirectory out = OutputDirectory.create(temp.resolve(folder), false);
        List<HeadlessRace.Summary> summaries = new HeadlessRace(e, data(e)).execute(out, Progress.NONE);
        out.commit(true);
        return summaries;
    }

    @Test
    void aRunWritesTheSameBytesRacedAloneAndOnEveryRepetition() throws IOException, InterruptedException {
        Experiment e = ExperimentFile.parse(TinyExperiment.race("batch_norm", EIGHT_RUNS), "eight.json");
        race(e, "first");
        race(e, "again");
        for (Experiment.RunSetup run : e.runs()) {
            race(e.withRuns(run.name()), "alone-" + run.name());
            for (String file : RESULT_FILES) {
                byte[] raced = Files.readAllBytes(temp.resolve("first").resolve(run.name()).resolve(file));
                assertArrayEquals(raced, Files.readAllBytes(temp.resolve("again").resolve(run.name()).resolve(file)),
                        run.name() + "/" + file + " repeated");
                assertArrayEquals(raced, Files.readAllBytes(temp.resolve("alone-" + run.name()).resolve(run.name())
                        .resolve(file)), run.name() + "/" + file + " alone");
            }
        }
        List<String> events = Files.readAllLines(temp.resolve("first/sgd").resolve(RunRecorder.EVENTS));
        assertEquals(List.of(EventsCsv.HEADER, "sgd,10,set,learningRate,0.1,0.05"), events);
        assertFalse(Files.readString(temp.resolve("first/momentum").resolve(RunRecorder.METRICS))
                .equals(Files.readString(temp.resolve("first/sgd").resolve(RunRecorder.METRICS))
                        .replace("sgd,", "momentum,")), "different optimizers, different records");
    }

    /**
     * A real run that blows up (η = 1e12): its sharpness is above 2/η = 2e-12 from the first estimate (step 0) and its
     * divergence comes at the step the summary names, both events in events.csv.
     */
    @Test
    void crossingAndDivergenceAreRecordedAsEvents() throws IOException, InterruptedException {
        Experiment e = ExperimentFile.parse(TinyExperiment.divergingJson(), "diverging.json");
        HeadlessRace.Summary summary = race(e, "diverging").get(0);
        assertTrue(summary.diverged());
        List<String> events = Files.readAllLines(temp.resolve("diverging/sgd").resolve(RunRecorder.EVENTS));
        assertEquals(3, events.size(), "" + events);
        assertTrue(events.get(1).startsWith("sgd,0,threshold_crossing,hessian.top_eig,2.0E-12,"), events.get(1));
        assertEquals(List.of(EventsCsv.HEADER, events.get(1), "sgd," + summary.divergedAt() + ",diverged,diverged,,1.0"),
                Files.readAllLines(temp.resolve("diverging/sgd").resolve(RunRecorder.EVENTS)));
    }

    @Test
    void probesNeverChangeTheTrajectory() throws IOException, InterruptedException {
        String eight = TinyExperiment.race("batch_norm", EIGHT_RUNS);
        String often = "\"probes\": {\"weightsEvery\": 1, \"evaluationsEvery\": 3, \"curvatureEvery\": 4}, \"logging\"";
        Experiment probed = ExperimentFile.parse(eight.replace("\"logging\"", often), "probed.json");
        Experiment plain = ExperimentFile.parse(eight.replace("\"logging\"", "\"probes\": {\"families\": []}, "
                + "\"logging\""), "plain.json");
        race(probed, "probed");
        race(plain, "plain");
        for (Experiment.RunSetup run : probed.runs()) {
            Path with = temp.resolve("probed").resolve(run.name());
            Path without = temp.resolve("plain").resolve(run.name());
            List<String> probedRows = Files.readAllLines(with.resolve(RunRecorder.METRICS));
            List<String> plainRows = Files.readAllLines(without.resolve(RunRecorder.METRICS));
            assertEquals(plainRows, probedRows.stream().filter(row -> isMetric(row.split(",")[2])).toList(),
                    run.name() + ": losses, gradient norms and evaluations bit for bit");
            assertTrue(probedRows.size() > plainRows.size() + 8 * TinyExperiment.STEPS, run.name() + " was probed");
            assertArrayEquals(Files.readAllBytes(without.resolve(RunRecorder.CHECKPOINT)),
                    Files.readAllBytes(with.resolve(RunRecorder.CHECKPOINT)), run.name() + ": final θ and statistics");
            boolean stateless = !List.of("adam", "insgd").contains(run.name());
            String sharpness = run.optimizer().stepKind().preconditioned() ? "preconditioned_hessian.top_eig"
                    : "hessian.top_eig";
            assertEquals(TinyExperiment.STEPS / 4 + (stateless ? 1 : 0),
                    probedRows.stream().filter(row -> row.split(",")[2].equals(sharpness)).count(),
                    run.name() + ": " + sharpness + " every 4 steps (Adam's and INSGD's from their first update on)");
        }
    }

    private static boolean isMetric(String id) {
        return Arrays.stream(Metric.values()).anyMatch(m -> m.id().equals(id)) || id.equals("metric");
    }

    @Test
    void aDivergingRunStopsAndTheOthersGoOn() throws IOException, InterruptedException {
        Experiment e = ExperimentFile.parse(TinyExperiment.race("none", """
                [{"name": "calm", "optimizer": {"name": "sgd", "learningRate": 0.1}},
                 {"name": "wild", "optimizer": {"name": "sgd", "learningRate": 1e12}},
                 {"name": "steady", "optimizer": {"name": "momentum", "learningRate": 0.05}}]
                """), "three.json");
        List<HeadlessRace.Summary> summaries = race(e, "out");

        HeadlessRace.Summary wild = summaries.get(1);
        assertTrue(wild.diverged(), "the huge learning rate diverges");
        assertEquals(wild.divergedAt(), wild.steps());
        List<String> rows = Files.readAllLines(temp.resolve("out/wild").resolve(RunRecorder.METRICS));
        assertEquals("wild," + wild.divergedAt() + ",diverged,1.0", rows.get(rows.size() - 1), "the last row");
        assertFalse(Files.exists(temp.resolve("out/wild").resolve(RunRecorder.CHECKPOINT)));
        for (HeadlessRace.Summary s : List.of(summaries.get(0), summaries.get(2))) {
            assertFalse(s.diverged(), s.run());
            assertEquals(TinyExperiment.STEPS, s.steps(), s.run());
            assertTrue(Files.exists(temp.resolve("out").resolve(s.run()).resolve(RunRecorder.CHECKPOINT)), s.run());
        }
    }

    /** What a listener hears, as text, and on which thread. */
    private static final class Recording implements RunListener {
        final List<String> heard = Collections.synchronizedList(new ArrayList<>());
        final List<Double> losses = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void started(Run run) {
            heard.add("started " + run.name());
        }

        @Override
        public void stepped(Run run, long step) {
            losses.add(run.loss());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void changed(Run run, long step, String name, double old, double value) {
            heard.add("changed " + run.name() + " " + step + " " + name + " " + old + " -> " + value);
        }

        @Override
        public void reset(Run run, long step) {
            heard.add("reset " + run.name() + " " + step);
        }

        @Override
        public void finished(Run run, long step) {
            heard.add("finished " + run.name() + " " + step);
        }

        @Override
        public void waiting(Run run) {
            heard.add("waiting " + run.name() + " " + run.steps());
        }
    }

    /** Two runs on the BN net: a with SGD, b with momentum. */
    private static Experiment twoRuns() {
        return ExperimentFile.parse(TinyExperiment.race("batch_norm", """
                [{"name": "a", "optimizer": {"name": "sgd", "learningRate": 0.1}},
                 {"name": "b", "optimizer": {"name": "momentum"}}]
                """), "two.json");
    }

    /**
     * A run added to a race under way records exactly what it records in a race built with it, on the race's one
     * probe set; a removed run stops and leaves the race while the others stay.
     */
    @Test
    void runsJoinAndLeaveARaceUnderWay() throws InterruptedException {
        Experiment e = twoRuns();
        List<String> together = new ArrayList<>();
        try (Race race = new Race(e, data(e).train())) {
            race.listen("b", new Recorder(e, race.probeSet(), null, (id, step, value) ->
                    together.add(id + "," + step + "," + value)));
            race.start();
            race.awaitIdle();
        }
        List<String> joined = new ArrayList<>();
        try (Race race = Race.withoutRuns(e, data(e).train())) {
            Run a = race.addRun(e.run("a"));
            race.send("a", new Command.Pause());
            race.start();
            race.send("a", new Command.Step(5));
            race.awaitIdle();
            Run b = race.addRun(e.run("b"));
            race.listen("b", new Recorder(e, race.probeSet(), null, (id, step, value) ->
                    joined.add(id + "," + step + "," + value)));
            race.start();
            race.awaitIdle();
            assertEquals(TinyExperiment.STEPS, b.steps());
            assertEquals(together, joined, "the same records, joined late");

            race.removeRun("a");
            assertEquals(List.of(b), race.runs());
            assertEquals(5, a.steps(), "stopped where it was");
            assertThrows(IllegalArgumentException.class, () -> race.send("a", new Command.Resume()));
            assertTrue(race.idle("a"), "a removed run has nothing to do");
            assertTrue(race.measuring("a").isEmpty(), "nor measures anything");
        }
    }

    /** A run whose thread fails tells every listener why (the one that failed aside) and the race reports it. */
    @Test
    void aFailedRunTellsItsListenersWhy() throws InterruptedException {
        Experiment e = twoRuns();
        List<String> told = new CopyOnWriteArrayList<>();
        try (Race race = new Race(e, data(e).train())) {
            race.listen("a", (run, step) -> {
                if (step == 3) {
                    throw new IllegalStateException("out of memory, say");
                }
            });
            race.listen("a", new RunListener() {
                @Override
                public void stepped(Run run, long step) {
                }

                @Override
                public void failed(Run run, Throwable cause) {
                    told.add(run.name() + " at " + run.steps() + ": " + cause.getMessage());
                }
            });
            race.start();
            IllegalStateException failure = assertThrows(IllegalStateException.class, race::awaitIdle);
            assertTrue(failure.getMessage().contains("out of memory, say"), failure.getMessage());
            assertEquals(List.of("a at 3: out of memory, say"), told);
        }
    }

    @Test
    void commandsPauseStepSetResetAndResumeBetweenSteps() throws InterruptedException {
        Experiment e = twoRuns();
        Recording recording = new Recording();
        try (Race race = new Race(e, data(e).train())) {
            Run a = race.runs().get(0);
            Run b = race.runs().get(1);
            race.listen("a", recording);
            race.sendAll(new Command.Pause());
            race.start();
            race.awaitIdle();
            assertEquals(0, a.steps() + b.steps(), "paused before the first step");
            assertTrue(recording.heard.contains("waiting a 0"), "told it waits: " + recording.heard);

            race.send("a", new Command.Step(3));
            race.awaitIdle();
            assertEquals(3, a.steps());
            assertEquals(0, b.steps());
            assertEquals("waiting a 3", recording.heard.get(recording.heard.size() - 1), "waits after single steps");
            List<Double> firstLosses = List.copyOf(recording.losses);
            assertTrue(recording.threads.stream().allMatch("run-a"::equals), "on the run's thread");

            double[] thetaAtThree = a.network().theta().toDoubleVector();
            race.send("a", new Command.Set("learningRate", 0));
            race.send("a", new Command.Step(2));
            race.awaitIdle();
            assertEquals(5, a.steps());
            assertArrayEquals(thetaAtThree, a.network().theta().toDoubleVector(), 0.0, "η = 0 from step 4 on");
            assertTrue(recording.heard.contains("changed a 3 learningRate 0.1 -> 0.0"), recording.heard.toString());

            race.send("a", new Command.Set("learningRate", 0.1));
            race.send("a", new Command.Reset());
            race.send("a", new Command.Step(3));
            race.awaitIdle();
            assertEquals(3, a.steps());
            assertTrue(recording.heard.contains("reset a 5"), recording.heard.toString());
            assertEquals(firstLosses, recording.losses.subList(5, 8), "the same start, batches and steps again");

            race.sendAll(new Command.Resume());
            race.awaitIdle();
            assertEquals(TinyExperiment.STEPS, a.steps());
            assertEquals(TinyExperiment.STEPS, b.steps());
            assertEquals(List.of("finished a " + TinyExperiment.STEPS, "waiting a " + TinyExperiment.STEPS),
                    recording.heard.subList(recording.heard.size() - 2, recording.heard.size()));
        }
    }

    @Test
    void aValueOutsideItsDomainIsRefusedAndTheRunGoesOn() throws InterruptedException {
        Experiment e = TinyExperiment.experiment();
        try (Race race = new Race(e, data(e).train())) {
            Run run = race.runs().get(0);
            race.send(TinyExperiment.RUN, new Command.Step(4));
            race.start();
            race.awaitIdle();
            double[] theta = run.network().theta().toDoubleVector();

            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> race.send(TinyExperiment.RUN, new Command.Set("learningRate", -1)));
            assertEquals("learningRate must be in [0, ∞), was -1.0", negative.getMessage());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> race.sendAll(new Command.Set("momentum", 0.5)));
            assertEquals("no hyperparameter 'momentum'; this optimizer has learningRate", unknown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> race.send("nobody", new Command.Pause()));

            race.awaitIdle();
            assertEquals(4, run.steps(), "nothing lost");
            assertArrayEquals(theta, run.network().theta().toDoubleVector(), 0.0);
            assertEquals(0.1, run.hyperparameters().value("learningRate"));
            race.send(TinyExperiment.RUN, new Command.Resume());
            race.awaitIdle();
            assertEquals(TinyExperiment.STEPS, run.steps(), "and it goes on");
        }
    }
}
