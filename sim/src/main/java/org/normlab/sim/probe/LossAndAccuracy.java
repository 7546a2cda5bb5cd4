package org.normlab.sim.probe;

import java.util.List;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.series.Quantity;

/**
 * Loss and accuracy on the probe set (a sample of the training set) and on the test set when there is one, with
 * BatchNorm in eval mode, as the trained network would be used (algorithms.md §4.6). Same ids as the run's metrics.
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
        Network network = context.network();
        Network.Evaluation train = network.evaluate(context.probeSet(), BatchNormMode.EVAL);
        sink.append(Quantity.PROBE_LOSS.id(), context.step(), train.loss());
        sink.append(Quantity.PROBE_ACCURACY.id(), context.step(), train.accuracy());
        if (context.test() != null) {
            Network.Evaluation test = network.evaluate(context.test(), BatchNormMode.EVAL);
            sink.append(Quantity.TEST_LOSS.id(), context.step(), test.loss());
            sink.append(Quantity.TEST_ACCURACY.id(), context.step(), test.accuracy());
        }
    }
}
