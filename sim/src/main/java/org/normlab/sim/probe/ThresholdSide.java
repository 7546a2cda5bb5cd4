package org.normlab.sim.probe;

/**
 * Where a top-eigenvalue estimate lies against its threshold τ, given its error bound b: Lanczos' Ritz value θ is
 * never above the true λ_max and lies within b of it, so λ_max ∈ [θ, θ + b]. Above for certain when θ > τ, below
 * when θ + b < τ, otherwise undecided — to be drawn as such, never on one side.
 */
public enum ThresholdSide {
    ABOVE, BELOW, UNDECIDED;

    /** The side of estimate {@code value} with bound {@code bound} (0 if none was recorded) against τ. */
    public static ThresholdSide of(double value, double bound, double threshold) {
        if (value > threshold) {
            return ABOVE;
        }
        return value + bound < threshold ? BELOW : UNDECIDED;
    }
}
