package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.List;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.series.Quantity;

/**
 * The weight norm of each layer with scale-invariant rows (sim/docs/math.md §4.1): {@code N_l = Σ_k ‖w_k‖²}, the mean
 * row norm, and the one-step increment {@code N_l(t) − N_l(t−1)} beside SGD's prediction {@code η²‖g_l‖²}, which
 * is exact for plain SGD with ε_BN = 0 because scale invariance makes every row orthogonal to its gradient.
 */
public final class WeightNorm extends ScheduledProbe {
    private final List<Params.Tensor> tensors;
    private final int[] layers;
    private final List<String> series = new ArrayList<>();
    private final double[] previous;
    /** The step {@link #prepare} last ran at; none yet. */
    private long preparedAt = Long.MIN_VALUE;

    public WeightNorm(Network network, Schedule schedule) {
        super("weight norm", schedule);
        Params params = network.params();
        this.tensors = params.scaleInvariantTensors();
        this.layers = tensors.stream().mapToInt(t -> LinearWeights.layerOf(params, t)).toArray();
        for (int l : layers) {
            for (Quantity s : List.of(Quantity.WEIGHT_NORM_SQUARED, Quantity.WEIGHT_ROW_NORM, Quantity.WEIGHT_INCREMENT,
                    Quantity.WEIGHT_PREDICTED_INCREMENT)) {
                series.add(s.layer(l));
            }
        }
        this.previous = new double[tensors.size()];
    }

    @Override
    public List<String> series() {
        return series;
    }

    @Override
    public boolean needsGradient() {
        return true;
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        long step = context.step();
        double eta = context.rule().learningRate();
        double[] theta = context.network().theta().toDoubleVector();
        double[] gradient = context.gradient() == null ? null : context.gradient().toDoubleVector();
        for (int i = 0; i < tensors.size(); i++) {
            Params.Tensor t = tensors.get(i);
            int l = layers[i];
            double[] squared = LinearWeights.squaredRowNorms(theta, t);
            double normSquared = LinearWeights.sum(squared);
            double rowNorms = 0;
            for (double s : squared) {
                rowNorms += Math.sqrt(s);
            }
            sink.append(Quantity.WEIGHT_NORM_SQUARED.layer(l), step, normSquared);
            sink.append(Quantity.WEIGHT_ROW_NORM.layer(l), step, rowNorms / squared.length);
            if (preparedAt == step - 1) {
                sink.append(Quantity.WEIGHT_INCREMENT.layer(l), step, normSquared - previous[i]);
            }
            if (gradient != null) {
                double gradientSquared = LinearWeights.sum(LinearWeights.squaredRowNorms(gradient, t));
                sink.append(Quantity.WEIGHT_PREDICTED_INCREMENT.layer(l), step, eta * eta * gradientSquared);
            }
        }
    }

    @Override
    public void prepare(ProbeContext context) {
        double[] theta = context.network().theta().toDoubleVector();
        for (int i = 0; i < tensors.size(); i++) {
            previous[i] = LinearWeights.sum(LinearWeights.squaredRowNorms(theta, tensors.get(i)));
        }
        preparedAt = context.step();
    }
}
