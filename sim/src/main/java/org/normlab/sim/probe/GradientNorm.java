package org.normlab.sim.probe;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.series.Quantity;

/**
 * {@code ‖∇L‖} of the loss on the whole probe set, BatchNorm in train mode without a running-statistics update:
 * the full-batch gradient, free of the minibatch noise in the run's own {@code grad.norm}.
 */
public final class GradientNorm extends ScheduledProbe {
    private final INDArray gradient;

    public GradientNorm(Network network, Schedule schedule) {
        super("gradient norm", schedule);
        this.gradient = network.params().zeros();
    }

    @Override
    public List<String> series() {
        return List.of(Quantity.PROBE_GRAD_NORM.id());
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        context.network().gradient(context.probeSet(), BatchNormMode.TRAIN, gradient);
        sink.append(Quantity.PROBE_GRAD_NORM.id(), context.step(), gradient.norm2Number().doubleValue());
    }
}
