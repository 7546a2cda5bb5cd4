package org.normlab.sim.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.normlab.sim.data.Batch;
import org.normlab.sim.model.Network;
import org.normlab.sim.probe.LossAndAccuracy;
import org.normlab.sim.probe.Schedule;
import org.normlab.sim.probe.Sink;
import org.normlab.sim.series.Quantity;

/**
 * What a run records, on its thread, as (series, step, value) into a {@link Sink}: the one recording path of the
 * headless race (a sink that writes the metrics CSV) and the lab (a sink that fills its charts' series). Every step's
 * minibatch loss and gradient norm; loss and accuracy ({@link LossAndAccuracy}) on the probe set and the test set at
 * step 0, every {@code logging.evaluateEvery} steps, at the last step, and at the step a run is stopped at before its
 * last; every value its probes measure. Nothing here depends on timing.
 */
public final class Recorder implements RunListener {
    private final Schedule evaluations;
    private final ProbeSet probeSet;
    private final Batch test;
    private final Sink sink;
    private final Map<String, Double> lastEvaluation = new HashMap<>();
    private long evaluatedAt;

    /**
     * @param probeSet the race's probe set
     * @param test     the whole test set as one batch, or null to evaluate on the probe set only
     */
    public Recorder(Experiment experiment, ProbeSet probeSet, Batch test, Sink sink) {
        this.evaluations = Schedule.every(experiment.logging().evaluateEvery())
                .or(Schedule.at(experiment.training().steps()));
        this.probeSet = probeSet;
        this.test = test;
        this.sink = sink;
    }

    /** The series this recorder writes itself, in order; the probes' ({@link Race#probeSeries}) come on top. */
    public List<String> series() {
        return series(test != null);
    }

    /** The series a recorder writes itself, with or without a test set. */
    static List<String> series(boolean withTest) {
        List<Metric> recorded = !withTest
                ? List.of(Metric.TRAIN_LOSS, Metric.GRAD_NORM, Metric.PROBE_LOSS, Metric.PROBE_ACCURACY)
                : List.of(Metric.TRAIN_LOSS, Metric.GRAD_NORM, Metric.PROBE_LOSS, Metric.PROBE_ACCURACY,
                        Metric.TEST_LOSS, Metric.TEST_ACCURACY);
        return recorded.stream().map(Metric::id).toList();
    }

    @Override
    public void started(Run run) {
        evaluate(run);
    }

    @Override
    public void stepped(Run run, long step) {
        sink.append(Metric.TRAIN_LOSS.id(), step, run.loss());
        sink.append(Metric.GRAD_NORM.id(), step, run.gradientNorm());
        if (!run.diverged() && evaluations.due(step)) {
            evaluate(run);
        }
    }

    @Override
    public void probed(Run run, String series, long step, double value) {
        sink.append(series, step, value);
    }

    /** Stopped before its last step: that step is this run's last, so it gets the last step's evaluation. */
    @Override
    public void stopped(Run run, long step) {
        if (!evaluations.due(step)) {
            evaluate(run);
        }
    }

    /** The last probe-set evaluation (null before the first). */
    public Network.Evaluation lastProbe() {
        return last(Quantity.PROBE_LOSS.id(), Quantity.PROBE_ACCURACY.id());
    }

    /** The last test-set evaluation (null before the first, or without a test set). */
    public Network.Evaluation lastTest() {
        return last(Quantity.TEST_LOSS.id(), Quantity.TEST_ACCURACY.id());
    }

    /** The step of the last evaluation. */
    public long evaluatedAt() {
        return evaluatedAt;
    }

    private Network.Evaluation last(String loss, String accuracy) {
        return lastEvaluation.containsKey(loss)
                ? new Network.Evaluation(lastEvaluation.get(loss), lastEvaluation.get(accuracy)) : null;
    }

    private void evaluate(Run run) {
        evaluatedAt = run.steps();
        LossAndAccuracy.measure(run.steps(), run.network(), probeSet.batch(), test, (series, step, value) -> {
            lastEvaluation.put(series, value);
            sink.append(series, step, value);
        });
    }
}
