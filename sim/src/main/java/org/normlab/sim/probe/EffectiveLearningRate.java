package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.List;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.series.Quantity;

/**
 * The effective learning rate {@code η / mean_k ‖w_k‖²} of each layer with scale-invariant rows, the step size
 * that the direction of a row actually feels, and the angular update {@code mean_k ∠(w_k(t), w_k(t−1))}
 * (sim/docs/math.md §4.2). The angle is {@code 2·atan2(‖â − b̂‖, ‖â + b̂‖)} of the unit rows, accurate also for the
 * tiny angles where {@code acos} of a cosine near 1 loses every digit.
 */
public final class EffectiveLearningRate extends ScheduledProbe {
    private final List<Params.Tensor> tensors;
    private final int[] layers;
    private final List<String> series = new ArrayList<>();
    private double[] previous;
    /** The step {@link #prepare} last ran at; none yet. */
    private long preparedAt = Long.MIN_VALUE;

    public EffectiveLearningRate(Network network, Schedule schedule) {
        super("effective learning rate", schedule);
        Params params = network.params();
        this.tensors = params.scaleInvariantTensors();
        this.layers = tensors.stream().mapToInt(t -> LinearWeights.layerOf(params, t)).toArray();
        for (int l : layers) {
            series.add(Quantity.EFFECTIVE_LEARNING_RATE.layer(l));
            series.add(Quantity.ANGULAR_UPDATE.layer(l));
        }
    }

    @Override
    public List<String> series() {
        return series;
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        long step = context.step();
        double[] theta = context.network().theta().toDoubleVector();
        for (int i = 0; i < tensors.size(); i++) {
            Params.Tensor t = tensors.get(i);
            double[] squared = LinearWeights.squaredRowNorms(theta, t);
            double meanSquared = LinearWeights.sum(squared) / squared.length;
            sink.append(Quantity.EFFECTIVE_LEARNING_RATE.layer(layers[i]), step,
                    context.rule().learningRate() / meanSquared);
            if (preparedAt == step - 1) {
                sink.append(Quantity.ANGULAR_UPDATE.layer(layers[i]), step, meanAngle(theta, previous, t));
            }
        }
    }

    @Override
    public void prepare(ProbeContext context) {
        previous = context.network().theta().toDoubleVector();
        preparedAt = context.step();
    }

    /** Mean over the rows of tensor {@code t} of the angle between its row in {@code a} and in {@code b}. */
    private static double meanAngle(double[] a, double[] b, Params.Tensor t) {
        double[] normA = LinearWeights.squaredRowNorms(a, t);
        double[] normB = LinearWeights.squaredRowNorms(b, t);
        double sum = 0;
        for (int k = 0; k < t.rows(); k++) {
            double scaleA = 1 / Math.sqrt(normA[k]);
            double scaleB = 1 / Math.sqrt(normB[k]);
            double apart = 0;
            double together = 0;
            int start = Math.toIntExact(t.offset()) + k * t.cols();
            for (int j = start; j < start + t.cols(); j++) {
                double x = a[j] * scaleA;
                double y = b[j] * scaleB;
                apart += (x - y) * (x - y);
                together += (x + y) * (x + y);
            }
            sum += 2 * Math.atan2(Math.sqrt(apart), Math.sqrt(together));
        }
        return sum / t.rows();
    }
}
