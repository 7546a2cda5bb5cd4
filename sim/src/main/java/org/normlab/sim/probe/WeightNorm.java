package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.List;
import org.normlab.sim.backend.RawArrays;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.series.Quantity;

/**
 * The weight norm of each layer with scale-invariant rows (sim/docs/math.md §4.1): {@code N_l = Σ_k ‖w_k‖²}, the mean
 * row norm, and the one-step increment {@code N_l(t) − N_l(t−1)} beside SGD's prediction {@code η²‖g_l‖²}, which
 * is exact for plain SGD with ε_BN = 0 because scale invariance makes every row orthogonal to its gradient.
 *
 * <p>Under SGD (μ = 0) with coupled decay λ on the layer's rows ({@link PlainStep}), also spherical motion's
 * equilibrium of {@code N_l}, per row and summed (sim/docs/math.md §7): {@code Σ_k ‖w_k*‖²} with
 * {@code ‖w_k*‖⁴ = ηḠ_k/(λ(2−ηλ))}, where {@code G_k = ‖g_k‖²‖w_k‖²} (g_k the row's minibatch gradient at the step's
 * start, where w_k is taken; scale invariance makes G_k independent of ‖w_k‖) and {@code Ḡ_k} its running mean, an
 * {@link RunningMean} over about the last {@code 1/(1−β)} measurements, β = {@value #G_MEAN_BETA}.
 */
public final class WeightNorm extends ScheduledProbe {
    /** β of the running mean of {@code G_k}: about the last 200 measurements. */
    static final double G_MEAN_BETA = 0.995;

    private final Params params;
    private final List<Params.Tensor> tensors;
    private final int[] layers;
    private final List<String> series = new ArrayList<>();
    private final double[] previous;
    /** Each row's ‖w_k‖² at the step before a measurement. */
    private final double[][] previousRows;
    /** Each row's running mean of G_k. */
    private final RunningMean[][] gMean;
    /** The step {@link #prepare} last ran at; none yet. */
    private long preparedAt = Long.MIN_VALUE;

    public WeightNorm(Network network, Schedule schedule) {
        super("weight norm", schedule);
        this.params = network.params();
        this.tensors = params.scaleInvariantTensors();
        this.layers = tensors.stream().mapToInt(t -> LinearWeights.layerOf(params, t)).toArray();
        for (int l : layers) {
            for (Quantity s : List.of(Quantity.WEIGHT_NORM_SQUARED, Quantity.WEIGHT_ROW_NORM, Quantity.WEIGHT_INCREMENT,
                    Quantity.WEIGHT_PREDICTED_INCREMENT, Quantity.WEIGHT_EQUILIBRIUM_NORM)) {
                series.add(s.layer(l));
            }
        }
        this.previous = new double[tensors.size()];
        this.previousRows = new double[tensors.size()][];
        this.gMean = new RunningMean[tensors.size()][];
        for (int i = 0; i < tensors.size(); i++) {
            gMean[i] = new RunningMean[tensors.get(i).rows()];
            for (int k = 0; k < gMean[i].length; k++) {
                gMean[i][k] = new RunningMean(G_MEAN_BETA);
            }
        }
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
        double[] theta = RawArrays.values(context.network().theta());
        double[] gradient = context.gradient() == null ? null : RawArrays.values(context.gradient());
        boolean rowsKnown = gradient != null && preparedAt == step - 1;
        StepRule rule = context.rule();
        boolean sgd = PlainStep.applies(context) && rule.momentum() == 0 && eta > 0;
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
            if (rowsKnown) {
                double[] g = LinearWeights.squaredRowNorms(gradient, t);
                for (int k = 0; k < g.length; k++) {
                    gMean[i][k].add(g[k] * previousRows[i][k]);
                }
                double decay = sgd ? PlainStep.decay(context, params, t) : Double.NaN;
                if (decay > 0) {
                    sink.append(Quantity.WEIGHT_EQUILIBRIUM_NORM.layer(l), step, equilibrium(gMean[i], eta, decay));
                }
            }
        }
    }

    /** {@code Σ_k ‖w_k*‖²}, {@code ‖w_k*‖² = √(ηḠ_k/(λ(2−ηλ)))}. */
    private static double equilibrium(RunningMean[] g, double eta, double lambda) {
        double total = 0;
        for (RunningMean row : g) {
            total += Math.sqrt(eta * row.mean() / (lambda * (2 - eta * lambda)));
        }
        return total;
    }

    @Override
    public void prepare(ProbeContext context) {
        double[] theta = RawArrays.values(context.network().theta());
        for (int i = 0; i < tensors.size(); i++) {
            previousRows[i] = LinearWeights.squaredRowNorms(theta, tensors.get(i));
            previous[i] = LinearWeights.sum(previousRows[i]);
        }
        preparedAt = context.step();
    }
}
