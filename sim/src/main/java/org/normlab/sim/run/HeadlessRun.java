package org.normlab.sim.run;

import java.io.IOException;
import java.nio.file.Files;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;

/**
 * An experiment run to its end without a window. The constructor builds and checks everything (network, probe set,
 * batch size against the data) without touching the disk; {@link #execute} trains and writes {@value #METRICS}
 * every step, evaluations every {@code logging.evaluateEvery} steps and at both ends, {@value #PROBE_SET},
 * {@value #EXPERIMENT} (the experiment with every default written out) and, unless the run diverged,
 * {@value #CHECKPOINT}. A diverged run is a result, not an error: it stops and says at which step.
 */
public final class HeadlessRun {
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = "checkpoint.json";
    public static final String PROBE_SET = "probe-set.csv";
    public static final String EXPERIMENT = "experiment.json";

    private final Experiment experiment;
    private final DataSpec.Split data;
    private final Run run;
    private final ProbeSet probe;
    private Network.Evaluation lastProbe;
    private Network.Evaluation lastTest;

    public HeadlessRun(Experiment experiment, DataSpec.Split data) {
        int examples = data.train().size();
        int batchSize = experiment.training().batchSize();
        if (batchSize > examples) {
            throw new InvalidInputException("training.batchSize " + batchSize + " exceeds the " + examples
                    + " training examples; it must be at most that (or 0 for full batch)");
        }
        this.experiment = experiment;
        this.data = data;
        this.run = Run.of(experiment, data.train());
        this.probe = ProbeSet.draw(data.train(), experiment.probe().size(), experiment.probe().seed());
    }

    /**
     * How a run ended: steps taken, the step it diverged at (0 if it did not), the last evaluations (test is null
     * when the test set is empty).
     */
    public record Summary(long steps, long divergedAt, double seconds, Network.Evaluation probe,
                          Network.Evaluation test) {
        public boolean diverged() {
            return divergedAt > 0;
        }
    }

    public Summary execute(OutputDirectory out, Progress progress) throws IOException {
        long start = System.nanoTime();
        Files.writeString(out.file(EXPERIMENT), ExperimentFile.toJson(experiment));
        probe.writeCsv(out.file(PROBE_SET), data.train());
        Batch test = data.test().size() > 0 ? Batch.all(data.test()) : null;
        long total = experiment.training().steps();
        int every = experiment.logging().evaluateEvery();
        String name = experiment.name();
        try (MetricsCsv csv = new MetricsCsv(out.file(METRICS))) {
            evaluate(csv, test);
            while (run.steps() < total && !run.diverged()) {
                double loss = run.step();
                csv.write(name, run.steps(), Metric.TRAIN_LOSS, loss);
                csv.write(name, run.steps(), Metric.GRAD_NORM, run.gradientNorm());
                if (run.diverged()) {
                    csv.write(name, run.steps(), Metric.DIVERGED, 1);
                } else if (run.steps() % every == 0 || run.steps() == total) {
                    evaluate(csv, test);
                }
                progress.stepped(run.steps(), total, loss);
            }
        }
        if (!run.diverged()) {
            Checkpoint.of(name, run.steps(), run.network(), probe, PROBE_SET).write(out.file(CHECKPOINT));
        }
        return new Summary(run.steps(), run.divergedAt(), (System.nanoTime() - start) * 1e-9, lastProbe, lastTest);
    }

    /** Probe-set and (unless the test set is empty) test loss and accuracy in eval mode, at the current step. */
    private void evaluate(MetricsCsv csv, Batch test) throws IOException {
        lastProbe = run.network().evaluate(probe.batch(), BatchNormMode.EVAL);
        csv.write(experiment.name(), run.steps(), Metric.PROBE_LOSS, lastProbe.loss());
        csv.write(experiment.name(), run.steps(), Metric.PROBE_ACCURACY, lastProbe.accuracy());
        if (test != null) {
            lastTest = run.network().evaluate(test, BatchNormMode.EVAL);
            csv.write(experiment.name(), run.steps(), Metric.TEST_LOSS, lastTest.loss());
            csv.write(experiment.name(), run.steps(), Metric.TEST_ACCURACY, lastTest.accuracy());
        }
    }
}
