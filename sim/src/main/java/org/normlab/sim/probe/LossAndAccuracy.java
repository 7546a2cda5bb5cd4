package org.normlab.sim.probe;

import java.util.List;
import org.normlab.sim.data.Batch;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.series.Quantity;

/**
 * Loss and accuracy on the probe set (a sample of the training set) and on the test set when there is one, with
 * BatchNorm in eval mode, as the trained network would be used (sim/docs/math.md §4.7). Same ids as the run's metrics.
 */
public final class LossAndAccuracy extends ScheduledProbe {
    public LossAndAccuracy(Schedule schedule) {
        super("loss and accuracy", schedule);
    }

    @Override
    public List<String> series() {
        return List.of(Quantity.PROBE_LOSS.id(), Quantity.PROBE_ACCURACY.id(), Quantity.TEST_LOSS.id(),
                Quantity.TEST_ACCURACY.id());
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
        sink.append(Quantity.PROBE_LOSS.id(), step, train.loss());
        sink.append(Quantity.PROBE_ACCURACY.id(), step, train.accuracy());
        if (test != null) {
            Network.Evaluation tested = network.evaluate(test, BatchNormMode.EVAL);
            sink.append(Quantity.TEST_LOSS.id(), step, tested.loss());
            sink.append(Quantity.TEST_ACCURACY.id(), step, tested.accuracy());
        }
    }
}
