package org.normlab.sim.probe;

import java.util.List;
import org.normlab.sim.data.Batch;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;

/**
 * Loss and accuracy on the probe set (a sample of the training set) and on the test set when there is one, with
 * BatchNorm in eval mode, as the trained network would be used (algorithms.md §4.6). Same ids as the run's metrics.
 */
public final class LossAndAccuracy extends ScheduledProbe {
    public static final String PROBE_LOSS = "probe.loss";
    public static final String PROBE_ACCURACY = "probe.accuracy";
    public static final String TEST_LOSS = "test.loss";
    public static final String TEST_ACCURACY = "test.accuracy";


    public LossAndAccuracy(Schedule schedule) {
        super("loss and accuracy", schedule);
    }

    @Override
    public List<String> series() {
        return List.of(PROBE_LOSS, PROBE_ACCURACY, TEST_LOSS, TEST_ACCURACY);
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        measure(context.step(), context.network(), context.probeSet(), context.test(), sink);
    }

    /**
     * The one measurement of loss and accuracy, also the run's own evaluations ({@code run.Recorder}): on
     * {@code probeSet}, then on {@code test} unless it is null, at {@code step}.
     */
    public static void measure(long step, Network network, Batch probeSet, Batch test, Sink sink) {
        Network.Evaluation train = network.evaluate(probeSet, BatchNormMode.EVAL);
        sink.append(PROBE_LOSS, step, train.loss());
        sink.append(PROBE_ACCURACY, step, train.accuracy());
        if (test != null) {
            Network.Evaluation tested = network.evaluate(test, BatchNormMode.EVAL);
            sink.append(TEST_LOSS, step, tested.loss());
            sink.append(TEST_ACCURACY, step, tested.accuracy());
        }
    }
}
