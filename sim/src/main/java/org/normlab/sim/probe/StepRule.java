package org.normlab.sim.probe;

/**
 * What the stability threshold depends on: the kind of update and its current hyperparameters. Read from the
 * optimizer at each probed step, since they may change during a run. On a quadratic with curvature a along an
 * eigenvector, each kind's iteration has a characteristic polynomial whose root crosses z = −1 at the threshold:
 * there the step stops contracting that direction and starts to amplify it.
 *
 * @param kind         the update's family (which sharpness is compared, and with which constant)
 * @param learningRate η ≥ 0 (a run may be paused at η = 0: every threshold on the raw sharpness is then infinite)
 * @param momentum     μ (heavy ball, Nesterov, scaled), β₁ for {@link Kind#ADAM}, in [0, 1); 0 for {@link Kind#GD}
 * @param epsilon      Adam's ε ≥ 0 in {@code sqrt(v̂) + ε}; 0 for the other kinds
 * @param weightDecay  λ ≥ 0 of the decay on the run's decayed tensors: coupled ({@code g + λθ}, part of the objective
 *                     whose curvature is measured) for every kind but Adam, decoupled ({@code θ ← θ − ηλθ}, AdamW) for
 *                     Adam
 */
public record StepRule(Kind kind, double learningRate, double momentum, double epsilon, double weightDecay) {

    /** The update families whose edge of stability differs. */
    public enum Kind {
        /** {@code θ ← θ − ηg}: raw sharpness against {@code 2/η}. */
        GD,
        /** Heavy ball, PyTorch convention {@code m ← μm + g; θ ← θ − ηm}: raw sharpness against {@code 2(1+μ)/η}. */
        HEAVY_BALL,
        /**
         * Nesterov, PyTorch convention {@code m ← μm + g; θ ← θ − η(g + μm)}: raw sharpness against
         * {@code (2+2μ)/((1+2μ)η)}.
         */
        NESTEROV,
        /**
         * Adam and AdamW: the preconditioned sharpness against {@code (2+2β₁)/(1−β₁)} (Cohen et al. 2022, <i>Adaptive
         * Gradient Methods at the Edge of Stability</i>).
         */
        ADAM,
        /**
         * Heavy ball on a diagonally scaled gradient {@code S g} (PSI-SGD's ‖w_k‖², INSGD's 1/max(log P, ε)): the
         * preconditioned sharpness with {@code P = (ηS)^{-1}} against {@code 2(1+μ)}.
         */
        SCALED,
        /** No threshold applies (periodic sampling; MimicNorm around Adam): none is drawn. */
        NONE;

        /** Whether the threshold is on the preconditioned sharpness {@code λ_max(P^{-1/2} H P^{-1/2})}. */
        public boolean preconditioned() {
            return this == ADAM || this == SCALED;
        }
    }

    public StepRule {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be one of GD, HEAVY_BALL, NESTEROV, ADAM, SCALED, NONE, "
                    + "was null");
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and ≥ 0, was " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1) || (kind == Kind.GD && momentum != 0)) {
            throw new IllegalArgumentException("momentum must be in [0, 1) (0 for GD), was " + momentum);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon) || (kind != Kind.ADAM && epsilon != 0)) {
            throw new IllegalArgumentException("epsilon must be finite and ≥ 0 (0 unless ADAM), was " + epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and ≥ 0, was " + weightDecay);
        }
    }

    public static StepRule gradientDescent(double learningRate) {
        return new StepRule(Kind.GD, learningRate, 0, 0, 0);
    }

    public static StepRule heavyBall(double learningRate, double momentum) {
        return new StepRule(Kind.HEAVY_BALL, learningRate, momentum, 0, 0);
    }

    public static StepRule nesterov(double learningRate, double momentum) {
        return new StepRule(Kind.NESTEROV, learningRate, momentum, 0, 0);
    }

    public static StepRule adam(double learningRate, double beta1, double epsilon) {
        return new StepRule(Kind.ADAM, learningRate, beta1, epsilon, 0);
    }

    /** Whether the threshold is on the preconditioned sharpness {@code λ_max(P^{-1/2} H P^{-1/2})} (dimensionless). */
    public boolean preconditioned() {
        return kind.preconditioned();
    }

    /** Whether a threshold applies at all. */
    public boolean hasThreshold() {
        return kind != Kind.NONE;
    }

    /**
     * The dimensionless constant c of the threshold: {@code η·a} at which the iteration turns unstable along a
     * direction of curvature a (raw kinds), or the threshold itself (preconditioned kinds): 2 (GD), {@code 2(1+μ)}
     * (heavy ball, scaled), {@code (2+2μ)/(1+2μ)} (Nesterov), {@code (2+2β₁)/(1−β₁)} (Adam); NaN for {@link Kind#NONE}.
     */
    public double constant() {
        return switch (kind) {
            case GD, HEAVY_BALL, SCALED -> 2 * (1 + momentum);
            case NESTEROV -> (2 + 2 * momentum) / (1 + 2 * momentum);
            case ADAM -> (2 + 2 * momentum) / (1 - momentum);
            case NONE -> Double.NaN;
        };
    }

    /**
     * The sharpness above which the update is unstable on a quadratic: {@code c/η} on the raw sharpness of the
     * objective optimized (coupled decay included), c on the preconditioned sharpness (see {@link #constant}).
     */
    public double threshold() {
        return preconditioned() ? constant() : constant() / learningRate;
    }

    /**
     * The formula of a kind's threshold as figures and the lab label it, e.g. {@code 2(1+μ)/η}; empty for
     * {@link Kind#NONE}. The one place the labels come from.
     */
    public static String formula(Kind kind) {
        return switch (kind) {
            case GD -> "2/η";
            case HEAVY_BALL -> "2(1+μ)/η";
            case NESTEROV -> "(2+2μ)/((1+2μ)η)";
            case ADAM -> "(2+2β₁)/(1−β₁)";
            case SCALED -> "2(1+μ)";
            case NONE -> "";
        };
    }
}
