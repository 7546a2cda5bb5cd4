package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.List;
import org.normlab.sim.backend.RawArrays;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.series.Quantity;

/**
 * The effective learning rate {@code η / mean_k ‖w_k‖²} of each layer with scale-invariant rows, the step size
 * that the direction of a row actually feels, and the angular update {@code mean_k ∠(w_k(t), w_k(t−1))}
 * (sim/docs/math.md §4.2). The angle is {@code 2·atan2(‖â − b̂‖, ‖â + b̂‖)} of the unit rows, accurate also for the
 * tiny angles where {@code acos} of a cosine near 1 loses every digit.
 *
 * <p>Spherical motion's equilibrium (Wan et al., NeurIPS 2021; sim/docs/math.md §7) is a statement about the mean
 * <i>squared</i> angle, {@code E[∠²] → 2ηλ/(1+μ)}: so beside the mean angle the root of a {@link RunningMean} (about
 * the last {@code 1/(1−β)} measurements, β = {@value #RMS_BETA}) of {@code mean_k ∠_k²}, and, where a plain step
 * decays the layer's rows ({@link PlainStep}), the prediction {@code √(2ηλ/(1+μ))} from the hyperparameters in force
 * at the step, written before the angles of the same step.
 */
public final class EffectiveLearningRate extends ScheduledProbe {
    /** β of the running mean of the squared angle: about the last 200 measurements. */
    static final double RMS_BETA = 0.995;

    private final Params params;
    private final List<Params.Tensor> tensors;
    private final int[] layers;
    private final List<String> series = new ArrayList<>();
    private final RunningMean[] squaredAngles;
    private double[] previous;
    /** The step {@link #prepare} last ran at; none yet. */
    private long preparedAt = Long.MIN_VALUE;

    public EffectiveLearningRate(Network network, Schedule schedule) {
        super("effective learning rate", schedule);
        this.params = network.params();
        this.tensors = params.scaleInvariantTensors();
        this.layers = tensors.stream().mapToInt(t -> LinearWeights.layerOf(params, t)).toArray();
        for (int l : layers) {
            series.add(Quantity.EFFECTIVE_LEARNING_RATE.layer(l));
            series.add(Quantity.ANGULAR_UPDATE.layer(l));
            series.add(Quantity.ANGULAR_UPDATE_RMS.layer(l));
            series.add(Quantity.EQUILIBRIUM_ANGULAR_UPDATE.layer(l));
        }
        this.squaredAngles = tensors.stream().map(t -> new RunningMean(RMS_BETA)).toArray(RunningMean[]::new);
    }

    @Override
    public List<String> series() {
        return series;
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        long step = context.step();
        double[] theta = RawArrays.values(context.network().theta());
        StepRule rule = context.rule();
        for (int i = 0; i < tensors.size(); i++) {
            Params.Tensor t = tensors.get(i);
            double[] squared = LinearWeights.squaredRowNorms(theta, t);
            double meanSquared = LinearWeights.sum(squared) / squared.length;
            sink.append(Quantity.EFFECTIVE_LEARNING_RATE.layer(layers[i]), step, rule.learningRate() / meanSquared);
            double decay = PlainStep.applies(context) ? PlainStep.decay(context, params, t) : Double.NaN;
            if (decay > 0 && rule.learningRate() > 0) {
                sink.append(Quantity.EQUILIBRIUM_ANGULAR_UPDATE.layer(layers[i]), step,
                        Math.sqrt(2 * rule.learningRate() * decay / (1 + rule.momentum())));
            }
            if (preparedAt == step - 1) {
                double[] angles = angles(theta, previous, t);
                double mean = 0;
                double meanSquare = 0;
                for (double angle : angles) {
                    mean += angle / angles.length;
                    meanSquare += angle * angle / angles.length;
                }
                sink.append(Quantity.ANGULAR_UPDATE.layer(layers[i]), step, mean);
                sink.append(Quantity.ANGULAR_UPDATE_RMS.layer(layers[i]), step,
                        Math.sqrt(squaredAngles[i].add(meanSquare)));
            }
        }
    }

    @Override
    public void prepare(ProbeContext context) {
        previous = RawArrays.values(context.network().theta());
        preparedAt = context.step();
    }

    /** The angle between each row of tensor {@code t} in {@code a} and in {@code b}. */
    private static double[] angles(double[] a, double[] b, Params.Tensor t) {
        double[] normA = LinearWeights.squaredRowNorms(a, t);
        double[] normB = LinearWeights.squaredRowNorms(b, t);
        double[] angles = new double[t.rows()];
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
            angles[k] = 2 * Math.atan2(Math.sqrt(apart), Math.sqrt(together));
        }
        return angles;
    }
}
