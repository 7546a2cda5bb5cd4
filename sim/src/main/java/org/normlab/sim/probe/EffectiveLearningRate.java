package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;

/**
 * The effective learning rate {@code η / mean_k ‖w_k‖²} of each layer with scale-invariant rows, the step size
 * that the direction of a row actually feels, and the angular update {@code mean_k ∠(w_k(t), w_k(t−1))}
 * (algorithms.md §4.2). The angle is {@code 2·atan2(‖â − b̂‖, ‖â + b̂‖)} of the unit rows, accurate also for the
 * tiny angles where {@code acos} of a cosine near 1 loses every digit.
 */
public final class EffectiveLearningRate implements Probe {
    public static final String EFFECTIVE_LEARNING_RATE = "weight.effective_lr";
    public static final String ANGULAR_UPDATE = "weight.angular_update";

    private final Schedule schedule;
    private final Params params;
    private final List<Params.Tensor> tensors;
    private final List<String> series = new ArrayList<>();
    private final INDArray previous;
    /** The step {@link #prepare} last ran at; none yet. */
    private long preparedAt = Long.MIN_VALUE;

    public EffectiveLearningRate(Network network, Schedule schedule) {
        this.schedule = schedule;
        this.params = network.params();
        this.tensors = params.scaleInvariantTensors();
        for (Params.Tensor t : tensors) {
            int l = LinearWeights.layerOf(params, t);
            series.add(Probe.perLayer(EFFECTIVE_LEARNING_RATE, l));
            series.add(Probe.perLayer(ANGULAR_UPDATE, l));
        }
        this.previous = params.zeros();
    }

    @Override
    public String name() {
        return "effective learning rate";
    }

    @Override
    public List<String> series() {
        return series;
    }

    @Override
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        long step = context.step();
        for (Params.Tensor t : tensors) {
            int l = LinearWeights.layerOf(params, t);
            INDArray w = params.view(context.network().theta(), t);
            double[] norms = LinearWeights.rowNorms(w);
            double meanSquared = 0;
            for (double n : norms) {
                meanSquared += n * n / norms.length;
            }
            sink.append(Probe.perLayer(EFFECTIVE_LEARNING_RATE, l), step,
                    context.rule().learningRate() / meanSquared);
            if (preparedAt == step - 1) {
                sink.append(Probe.perLayer(ANGULAR_UPDATE, l), step, meanAngle(w, params.view(previous, t)));
            }
        }
    }

    @Override
    public void prepare(ProbeContext context) {
        previous.assign(context.network().theta());
        preparedAt = context.step();
    }

    /** Mean over rows of the angle between row k of {@code a} and row k of {@code b}. */
    private static double meanAngle(INDArray a, INDArray b) {
        INDArray unitA = a.divColumnVector(a.norm2(1).reshape(a.rows(), 1));
        INDArray unitB = b.divColumnVector(b.norm2(1).reshape(b.rows(), 1));
        double[] apart = LinearWeights.rowNorms(unitA.sub(unitB));
        double[] together = LinearWeights.rowNorms(unitA.add(unitB));
        double sum = 0;
        for (int k = 0; k < apart.length; k++) {
            sum += 2 * Math.atan2(apart[k], together[k]);
        }
        return sum / apart.length;
    }
}
