package org.normlab.sim.probe;

import java.util.List;
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
        Network network = context.network();
        Network.Evaluation train = network.evaluate(context.probeSet(), BatchNormMode.EVAL);
        sink.append(PROBE_LOSS, context.step(), train.loss());
        sink.append(PROBE_ACCURACY, context.step(), train.accuracy());
        if (context.test() != null) {
            Network.Evaluation test = network.evaluate(context.test(), BatchNormMode.EVAL);
            sink.append(TEST_LOSS, context.step(), test.loss());
            sink.append(TEST_ACCURACY, context.step(), test.accuracy());
        }
    }
}
