package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.List;
import org.normlab.sim.backend.RawArrays;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.series.Quantity;

/**
 * Orthogonal weight noise per Linear layer (sim/docs/math.md §4.3): with U spanning the layer's inputs on the probe set
 * (see {@link NullSpace}), {@code ρ_l = mean_k ‖(I−UUᵀ)w_k‖/‖w_k‖} and {@code ‖W_⊥‖_F}, plus the span's dimension.
 * The gradient of a row lies in the span of the layer's inputs, so SGD and momentum never change W_⊥ and coupled
 * weight decay shrinks it by {@code (1−ηλ)} per step: what drifts there is noise the data cannot correct.
 *
 * <p>Hidden layers' inputs are taken from a train-mode forward pass over the probe set (no running-statistics
 * update), as the optimizer sees them. The first layer's span depends only on the data and is computed once per
 * probe set ({@link DataSpans}), whichever runs share it.
 *
 * <p>Beside the first layer's {@code ‖W_⊥‖}, where the step is plain ({@link PlainStep}) with μ = 0 or no decay on
 * the layer, its prediction (sim/docs/math.md §7) {@code (1−ηλ)^{t−t₀} ‖W_⊥(t₀)‖} (constant for λ = 0), η and λ
 * those in force at each measurement — the ones its last step used. It restarts from the measured value at the
 * previous measurement t₀ whenever η or λ differ from the last measurement's, so with a measurement every step it
 * follows a change from the step after it exactly; with sparser measurements the interval holding the change is
 * predicted with the new values. Exact when the probe set spans the training inputs (the whole training set as
 * probe set always does); hidden layers' input spans move with the weights, so they get none.
 */
public final class OrthogonalNoise extends ScheduledProbe {
    /** Default τ: eigenvalues of S below τ·λ_max(S) count as zero. */
    public static final double DEFAULT_TAU = 1e-10;

    private final double tau;
    private final Params params;
    private final List<Params.Tensor> weights;
    private final List<String> series = new ArrayList<>();
    /** The first layer's last measurement: step (−1: none to predict from), ‖W_⊥‖, its prediction, η and λ. */
    private long lastStep = -1;
    private double lastMeasured;
    private double lastPredicted;
    private double lastEta;
    private double lastDecay;

    /** @param tau relative eigenvalue threshold, in (0, 1) */
    public OrthogonalNoise(Network network, Schedule schedule, double tau) {
        super("orthogonal noise", schedule);
        if (!(tau > 0 && tau < 1)) {
            throw new IllegalArgumentException("tau must be in (0, 1), was " + tau);
        }
        this.tau = tau;
        this.params = network.params();
        this.weights = LinearWeights.all(params);
        for (int l = 0; l < weights.size(); l++) {
            for (Quantity s : List.of(Quantity.ORTHOGONAL_RATIO, Quantity.ORTHOGONAL_NORM, Quantity.INPUT_RANK)) {
                series.add(s.layer(l));
            }
        }
        series.add(Quantity.PREDICTED_ORTHOGONAL_NORM.layer(0));
    }

    public OrthogonalNoise(Network network, Schedule schedule) {
        this(network, schedule, DEFAULT_TAU);
    }

    @Override
    public List<String> series() {
        return series;
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        Network network = context.network();
        if (weights.size() > 1) {
            network.loss(context.probeSet(), BatchNormMode.TRAIN);
        }
        double[] theta = RawArrays.values(network.theta());
        for (int l = 0; l < weights.size(); l++) {
            NullSpace span = l == 0 ? DataSpans.of(context.probeSet().x(), tau)
                    : NullSpace.of(network.linearInput(l), tau);
            Params.Tensor t = weights.get(l);
            double[] orthogonal = span.orthogonalRowNorms(params.view(network.theta(), t));
            double[] norms = LinearWeights.squaredRowNorms(theta, t);
            double ratio = 0;
            double squared = 0;
            for (int k = 0; k < norms.length; k++) {
                ratio += orthogonal[k] / Math.sqrt(norms[k]) / norms.length;
                squared += orthogonal[k] * orthogonal[k];
            }
            sink.append(Quantity.ORTHOGONAL_RATIO.layer(l), context.step(), ratio);
            sink.append(Quantity.ORTHOGONAL_NORM.layer(l), context.step(), Math.sqrt(squared));
            sink.append(Quantity.INPUT_RANK.layer(l), context.step(), span.rank());
            if (l == 0) {
                predict(context, Math.sqrt(squared), sink);
            }
        }
    }

    /** The first layer's predicted ‖W_⊥‖ at this measurement, {@code measured} its value now. */
    private void predict(ProbeContext context, double measured, Sink sink) {
        long step = context.step();
        double eta = context.rule().learningRate();
        double decay = PlainStep.applies(context) ? PlainStep.decay(context, params, weights.get(0)) : Double.NaN;
        if (!(decay == 0 || (decay > 0 && context.rule().momentum() == 0))) {
            lastStep = -1;
            return;
        }
        double predicted;
        if (lastStep < 0) {
            predicted = measured;
        } else {
            double from = eta == lastEta && decay == lastDecay ? lastPredicted : lastMeasured;
            predicted = from * Math.pow(1 - eta * decay, step - lastStep);
        }
        sink.append(Quantity.PREDICTED_ORTHOGONAL_NORM.layer(0), step, predicted);
        lastStep = step;
        lastMeasured = measured;
        lastPredicted = predicted;
        lastEta = eta;
        lastDecay = decay;
    }

}
