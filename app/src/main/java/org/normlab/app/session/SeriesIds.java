package org.normlab.app.session;

import org.normlab.sim.probe.ThresholdSide;

/**
 * The dotted ids of the series a run may offer, declared once. They are the engine's probe ids (the {@code probe}
 * package's constants), so a session over the engine's race hands its series to the window unchanged. Per-layer ids
 * end in {@code .layer<l>}, l the Linear layer's index (0 = first).
 */
public final class SeriesIds {
    /** Minibatch loss of step t, at the parameters before its update (train-mode BatchNorm). */
    public static final String TRAIN_LOSS = "train.loss";
    /** Loss on the probe set, eval-mode BatchNorm. */
    public static final String PROBE_LOSS = "probe.loss";
    /** Accuracy on the probe set, eval-mode BatchNorm. */
    public static final String PROBE_ACCURACY = "probe.accuracy";
    /** {@code N_l = Σ_k ‖w_k‖²} over the scale-invariant rows of layer l. */
    public static final String WEIGHT_NORM_SQUARED = "weight.norm_sq";
    /** {@code η / mean_k ‖w_k‖²} of layer l. */
    public static final String EFFECTIVE_LEARNING_RATE = "weight.effective_lr";
    /** Orthogonal weight noise {@code ρ_l = mean_k ‖(I−UUᵀ)w_k‖/‖w_k‖}. */
    public static final String ORTHOGONAL_RATIO = "weight.orthogonal_ratio";
    /** Sharpness {@code λ_max(∇²L)} on the probe set. */
    public static final String SHARPNESS = "hessian.top_eig";
    /** Each sharpness estimate's error bound b: the true value lies in [estimate, estimate + b]. */
    public static final String SHARPNESS_BOUND = ThresholdSide.boundOf(SHARPNESS);
    /**
     * The step's stability threshold beside the sharpness, the one of the run's optimizer
     * ({@link RaceRun#thresholdLabel}): {@code 2/η}, {@code 2(1+μ)/η} with momentum, Nesterov's
     * {@code (2+2μ)/((1+2μ)η)}; none for optimizers whose stability the raw sharpness does not govern.
     */
    public static final String SHARPNESS_THRESHOLD = "hessian.threshold";
    /** Adam's, PSI-SGD's and INSGD's preconditioned sharpness {@code λ_max(P^{-1/2} H P^{-1/2})}. */
    public static final String PRECONDITIONED_SHARPNESS = "preconditioned_hessian.top_eig";
    /** Each preconditioned-sharpness estimate's error bound. */
    public static final String PRECONDITIONED_SHARPNESS_BOUND = ThresholdSide.boundOf(PRECONDITIONED_SHARPNESS);
    /** The dimensionless threshold beside it: {@code (2+2β₁)/(1−β₁)} for Adam, {@code 2(1+μ)} for PSI-SGD and INSGD. */
    public static final String PRECONDITIONED_SHARPNESS_THRESHOLD = "preconditioned_hessian.threshold";
    /** The Fisher's top eigenvalue {@code λ_max(F)}. */
    public static final String FISHER = "fisher.top_eig";
    /** Each Fisher estimate's error bound. */
    public static final String FISHER_BOUND = ThresholdSide.boundOf(FISHER);
    /** The step size the Fisher allows, {@code η* = 2(1+μ)/λ_max(F)}. */
    public static final String ETA_STAR = "fisher.eta_star";

    private SeriesIds() {
    }

    /** The id of a per-layer series: {@code base.layer<l>}. */
    public static String perLayer(String base, int layer) {
        return base + ".layer" + layer;
    }
}
