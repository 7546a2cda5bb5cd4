package org.normlab.sim.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An estimated top eigenpair of a symmetric operator: the Ritz value {@code value}, its unit Ritz vector and its error
 * bound, the true residual {@code ‖A v − value·v‖} from explicit products (combined, A being linear, from those of the
 * steps: see {@link Lanczos}). The largest eigenvalue lies in
 * {@code [value, value + errorBound]} (see {@link Lanczos}). {@code converged} is true only when the bound is within
 * the solver's tolerance (or the Krylov space was exhausted); a value that ran out of steps, or met a non-finite
 * product, is an estimate whose bound says how far off it can be.
 *
 * @param value      the Ritz value (NaN if a product was not finite)
 * @param errorBound {@code ‖A v − value·v‖₂} with {@code ‖v‖₂ = 1}, ≥ 0 (NaN with a NaN value)
 * @param iterations Lanczos steps taken
 * @param products   operator products used (any explicit residual's included)
 * @param converged  whether the bound is within tolerance
 * @param vector     the unit Ritz vector, a new array the caller owns (a warm start for the next estimate)
 */
public record EigenEstimate(double value, double errorBound, int iterations, int products, boolean converged,
                            INDArray vector) {

    public EigenEstimate {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be ≥ 1, got " + iterations);
        }
        if (products < iterations) {
            throw new IllegalArgumentException("products must be ≥ iterations (" + iterations + "), got " + products);
        }
        if (errorBound < 0) {
            throw new IllegalArgumentException("errorBound must be ≥ 0 or NaN, got " + errorBound);
        }
        if (vector == null) {
            throw new IllegalArgumentException("vector must not be null");
        }
    }

    /** The same estimate marked not converged. */
    EigenEstimate notConverged() {
        return new EigenEstimate(value, errorBound, iterations, products, false, vector);
    }
}
