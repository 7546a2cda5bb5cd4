package org.normlab.sim.probe;

/**
 * What the stability thresholds depend on: the kind of update and its current hyperparameters. Read from the
 * optimizer at each probed step, since the learning rate may change during a run.
 *
 * @param kind         plain gradient descent, heavy-ball momentum or Adam
 * @param learningRate η ≥ 0 (a run may be paused at η = 0: every threshold on the sharpness is then infinite)
 * @param momentum     μ for {@link Kind#HEAVY_BALL}, β₁ for {@link Kind#ADAM}, in [0, 1); 0 for {@link Kind#GD}
 * @param epsilon      Adam's ε ≥ 0 in {@code sqrt(v̂) + ε}; 0 for the other kinds
 */
public record StepRule(Kind kind, double learningRate, double momentum, double epsilon) {

    /** The update families whose edge of stability differs. */
    public enum Kind { GD, HEAVY_BALL, ADAM }

    public StepRule {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be one of GD, HEAVY_BALL, ADAM, was null");
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
    }

    public static StepRule gradientDescent(double learningRate) {
        return new StepRule(Kind.GD, learningRate, 0, 0);
    }

    public static StepRule heavyBall(double learningRate, double momentum) {
        return new StepRule(Kind.HEAVY_BALL, learningRate, momentum, 0);
    }

    public static StepRule adam(double learningRate, double beta1, double epsilon) {
        return new StepRule(Kind.ADAM, learningRate, beta1, epsilon);
    }

    /**
     * The sharpness above which the update is unstable on a quadratic: {@code 2/η} (GD), {@code 2(1+μ)/η} (heavy
     * ball), and for Adam the dimensionless {@code (2+2β₁)/(1−β₁)} on the preconditioned sharpness (Cohen et al.
     * 2021; 2022, <i>Adaptive Gradient Methods at the Edge of Stability</i>).
     */
    public double threshold() {
        return switch (kind) {
            case GD, HEAVY_BALL -> 2 * (1 + momentum) / learningRate;
            case ADAM -> (2 + 2 * momentum) / (1 - momentum);
        };
    }
}
