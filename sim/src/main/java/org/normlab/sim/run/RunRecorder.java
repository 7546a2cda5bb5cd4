package org.normlab.sim.run;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.normlab.sim.data.Batch;
import org.normlab.sim.event.Event;
import org.normlab.sim.probe.Probes;

/**
 * Records one run of a headless race into its folder, on the run's thread: {@value #METRICS} (what the run's
 * {@link Recorder} records, on the probe set and the test set, written as it comes, and the step it diverged at),
 * {@value #EVENTS}, when the run reaches its last step or is stopped before it, {@value #CHECKPOINT}, and
 * {@code checkpoint-STEP.json} at each step of {@code logging.checkpointAt} it reaches. Nothing in the files depends
 * on timing, so a run's files are the same bit for bit whether it races or runs alone.
 */
final class RunRecorder implements RunListener, Closeable {
    static final String METRICS = "metrics.csv";
    static final String EVENTS = "events.csv";
    static final String CHECKPOINT = "checkpoint.json";

    private final String experiment;
    private final OutputDirectory out;
    private final String folder;
    private final ProbeSet probe;
    private final String probeFile;
    private final long lastStep;
    private final Set<Long> checkpointAt;
    private final Progress progress;
    private final MetricsCsv metrics;
    private final EventsCsv events;
    private final Recorder recorder;
    private long startNanos;
    private long endNanos;

    /**
     * @param run       the run's name, also its folder in {@code out}
     * @param probeFile the probe set's CSV, relative to {@code folder} (written into the checkpoint)
     * @param test      the whole test set as one batch, or null if it is empty
     */
    RunRecorder(Experiment experiment, OutputDirectory out, String run, ProbeSet probe, String probeFile,
                Batch test, Progress progress) throws IOException {
        this.experiment = experiment.name();
        this.out = out;
        this.folder = run;
        this.probe = probe;
        this.probeFile = probeFile;
        this.lastStep = experiment.training().steps();
        this.checkpointAt = Set.copyOf(experiment.logging().checkpointAt());
        this.progress = progress;
        this.metrics = new MetricsCsv(out.lines(folder, METRICS));
        this.events = new EventsCsv(out.lines(folder, EVENTS));
        this.recorder = new Recorder(experiment, probe, test,
                (series, step, value) -> write(() -> metrics.write(run, step, series, value)));
    }

    /** Read once the race is idle. */
    HeadlessRace.Summary summary(Run run, List<Probes.Cost> probeCosts) {
        return new HeadlessRace.Summary(run.name(), run.optimizerLabel(), run.steps(), run.divergedAt(),
                !run.diverged() && run.steps() < lastStep, (endNanos - startNanos) * 1e-9, recorder.lastProbe(),
                recorder.lastTest(), recorder.evaluatedAt(), probeCosts);
    }

    @Override
    public void started(Run run) {
        startNanos = System.nanoTime();
        endNanos = startNanos;
        recorder.started(run);
        checkpointIfAsked(run, 0);
    }

    @Override
    public void stepped(Run run, long step) {
        endNanos = System.nanoTime();
        recorder.stepped(run, step);
        if (!run.diverged()) {
            checkpointIfAsked(run, step);
        }
        progress.stepped(run.name(), step, lastStep);
    }

    @Override
    public void probed(Run run, String series, long step, double value) {
        endNanos = System.nanoTime();
        recorder.probed(run, series, step, value);
    }

    @Override
    public void changed(Run run, long step, String name, double old, double value) {
        write(() -> events.set(run.name(), step, name, old, value));
    }

    @Override
    public void marked(Run run, Event event) {
        write(() -> events.marked(run.name(), event));
    }

    @Override
    public void reset(Run run, long step) {
        write(() -> events.reset(run.name(), step));
    }

    @Override
    public void diverged(Run run, long step) {
        write(() -> metrics.write(run.name(), step, Metric.DIVERGED, 1));
        progress.diverged(run.name(), step);
    }

    @Override
    public void finished(Run run, long step) {
        checkpoint(run, step);
    }

    /** Stopped before its last step (the race was interrupted): evaluated there, and a checkpoint of it. */
    @Override
    public void stopped(Run run, long step) {
        recorder.stopped(run, step);
        checkpoint(run, step);
    }

    private void checkpoint(Run run, long step) {
        Checkpoint checkpoint = Checkpoint.of(experiment, step, run.network(), probe, probeFile);
        write(() -> out.write(folder + "/" + CHECKPOINT, checkpoint::writeTo));
    }

    private void checkpointIfAsked(Run run, long step) {
        if (checkpointAt.contains(step)) {
            Checkpoint checkpoint = Checkpoint.of(experiment, step, run.network(), probe, probeFile);
            write(() -> out.write(folder + "/checkpoint-" + step + ".json", checkpoint::writeTo));
        }
    }

    private interface Writing {
        void run() throws IOException;
    }

    private static void write(Writing writing) {
        try {
            writing.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            metrics.close();
        } finally {
            events.close();
        }
    }
}
