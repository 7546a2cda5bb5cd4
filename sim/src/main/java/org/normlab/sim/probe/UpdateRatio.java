package org.normlab.sim.probe;

import java.util.List;
import java.util.stream.IntStream;
import org.normlab.sim.backend.RawArrays;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.series.Quantity;

/**
 * The update-to-weight ratio {@code ‖W_l(t) − W_l(t−1)‖_F / ‖W_l(t−1)‖_F} of every Linear layer's weight matrix:
 * how far one step moves the layer relative to its size (the chart DL4J's training UI shows per layer; ~1e-3 is
 * the folklore healthy value). Beside the angular update it separates the step's size from its effect: on
 * scale-invariant rows a scale-invariant optimizer (PSI-SGD) gives the same ratio from w and from c·w, while SGD's
 * falls as 1/c². Measured on any network, every Linear layer, the classifier included.
 */
public final class UpdateRatio extends ScheduledProbe {
    private final List<Params.Tensor> tensors;
    private final List<String> series;
    private double[] previous;
    /** The step {@link #prepare} last ran at; none yet. */
    private long preparedAt = Long.MIN_VALUE;

    public UpdateRatio(Network network, Schedule schedule) {
        super("update ratio", schedule);
        this.tensors = LinearWeights.all(network.params());
        this.series = IntStream.range(0, tensors.size()).mapToObj(Quantity.UPDATE_RATIO::layer).toList();
    }

    @Override
    public List<String> series() {
        return series;
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        if (preparedAt != context.step() - 1) {
            return;
        }
        double[] theta = RawArrays.values(context.network().theta());
        for (int l = 0; l < tensors.size(); l++) {
            Params.Tensor t = tensors.get(l);
            double update = 0;
            double weights = 0;
            int start = Math.toIntExact(t.offset());
            for (int j = start; j < start + t.length(); j++) {
                update += (theta[j] - previous[j]) * (theta[j] - previous[j]);
                weights += previous[j] * previous[j];
            }
            sink.append(series.get(l), context.step(), Math.sqrt(update / weights));
        }
    }

    @Override
    public void prepare(ProbeContext context) {
        previous = RawArrays.values(context.network().theta());
        preparedAt = context.step();
    }
}
