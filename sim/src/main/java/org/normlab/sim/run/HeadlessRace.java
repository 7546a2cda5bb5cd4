package org.normlab.sim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Network;
import org.normlab.sim.probe.Probes;

/**
 * An experiment's race run to its end without a window. The constructor builds and checks everything (networks,
 * optimizers, probe set, batch size against the data) without touching the disk; {@link #execute} races the runs and
 * writes, into the output directory:
 * <pre>
 * experiment.json        the experiment with every default written out
 * probe-set.csv          the probe set's rows (shared by all runs)
 * RUN/metrics.csv        per run: run,step,metric,value, every step and every probe (see {@link RunRecorder})
 * RUN/probe-costs.csv    per run: run,probe,measurements,seconds
 * RUN/events.csv         per run: run,step,event,name,old,new (scheduled hyperparameter changes)
 * RUN/checkpoint.json    per run that reached its last step or was stopped (a diverged run has none)
 * interrupted            only if the race was stopped ({@link #stop}): run,step, the step each run stopped at
 * </pre>
 * A diverged run is a result, not an error: it stops and says at which step, while the others go on.
 */
public final class HeadlessRace {
    public static final String EXPERIMENT = "experiment.json";
    public static final String PROBE_SET = "probe-set.csv";
    /** Per run: the time each probe took; apart from the metrics, which never depend on timing. */
    public static final String PROBE_COSTS = "probe-costs.csv";
    /** The marker of an interrupted race: {@value #INTERRUPTED_HEADER}, one line per run. */
    public static final String INTERRUPTED = "interrupted";
    static final String INTERRUPTED_HEADER = "run,step";

    private final Experiment experiment;
    private final DataSpec.Split data;
    private final ProbeSet probe;
    private final Race race;

    public HeadlessRace(Experiment experiment, DataSpec.Split data) {
        this.experiment = experiment;
        this.data = data;
        this.race = new Race(experiment, data.train());
        this.probe = race.probeSet();
    }

    /**
     * How one run ended: steps taken, the step it diverged at (0 if it did not), whether it was stopped before its
     * last step, seconds on its thread from its start to its last step (probes included), the last evaluations (test
     * is null when the test set is empty) and the step they were made at (before the last step for a diverged run),
     * the time each probe took.
     */
    public record Summary(String run, String optimizer, long steps, long divergedAt, boolean interrupted,
                          double seconds, Network.Evaluation probe, Network.Evaluation test, long evaluatedAt,
                          List<Probes.Cost> probeCosts) {
        public boolean diverged() {
            return divergedAt > 0;
        }
    }

    /**
     * Asks the runs to stop at their next step boundary (safe from any thread, e.g. a shutdown hook on Ctrl-C):
     * {@link #execute} then writes each run's files up to that step and a checkpoint of it, marks the output
     * {@value #INTERRUPTED} and returns.
     */
    public void stop() {
        race.stop();
    }

    /**
     * Races the runs to their last step (or divergence, or {@link #stop}) and returns how each ended, in the
     * experiment's order.
     *
     * @throws java.nio.file.FileSystemException naming the file, if a result could not be written
     */
    public List<Summary> execute(OutputDirectory out, Progress progress)
            throws IOException, InterruptedException {
        out.writeText(EXPERIMENT, ExperimentFile.toJson(experiment));
        out.write(PROBE_SET, file -> probe.writeCsv(file, data.train()));
        Batch test = data.test().size() > 0 ? Batch.all(data.test()) : null;
        List<RunRecorder> recorders = new ArrayList<>();
        try (race) {
            for (Run run : race.runs()) {
                RunRecorder recorder = new RunRecorder(experiment, out, run.name(), probe, "../" + PROBE_SET, test,
                        progress);
                recorders.add(recorder);
                race.listen(run.name(), recorder);
            }
            race.start();
            awaitIdle();
            List<Summary> summaries = new ArrayList<>();
            for (int i = 0; i < recorders.size(); i++) {
                Run run = race.runs().get(i);
                List<Probes.Cost> costs = race.probeCosts(run.name());
                out.writeText(run.name() + "/" + PROBE_COSTS, ProbeCostsCsv.text(run.name(), costs));
                summaries.add(recorders.get(i).summary(run, costs));
            }
            if (summaries.stream().anyMatch(Summary::interrupted)) {
                String steps = summaries.stream().map(s -> s.run() + "," + s.steps() + "\n")
                        .collect(Collectors.joining());
                out.writeText(INTERRUPTED, INTERRUPTED_HEADER + "\n" + steps);
            }
            return summaries;
        } finally {
            for (RunRecorder recorder : recorders) {
                recorder.close();
            }
        }
    }

    /** Waits for the runs; a run that could not write its files fails the race with that file and reason. */
    private void awaitIdle() throws IOException, InterruptedException {
        try {
            race.awaitIdle();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof UncheckedIOException unwritten) {
                throw unwritten.getCause();
            }
            throw e;
        }
    }
}
