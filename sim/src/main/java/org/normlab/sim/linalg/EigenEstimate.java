package org.normlab.sim.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An estimated eigenpair of a symmetric operator: the Ritz value {@code value}, its unit Ritz vector, and the true
 * residual {@code ‖A v − value·v‖} measured with one extra product. {@code converged} is false when the iteration
 * ran out of steps (or met a non-finite product) before its stopping rule held: such a value is an estimate only —
 * for the top eigenvalue a Ritz value never exceeds the true one.
 *
 * @param value      the Ritz value (NaN if a product was not finite)
 * @param residual   {@code ‖A v − value·v‖₂} with {@code ‖v‖₂ = 1}
 * @param iterations Lanczos steps taken
 * @param products   operator products used, the residual's included
 * @param converged  whether the stopping rule held
 * @param vector     the unit Ritz vector, a new array the caller owns (a warm start for the next estimate)
 */
public record EigenEstimate(double value, double residual, int iterations, int products, boolean converged,
                            INDArray vector) {

    public EigenEstimate {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be ≥ 1, got " + iterations);
        }
        if (products < iterations) {
            throw new IllegalArgumentException("products must be ≥ iterations (" + iterations + "), got " + products);
        }
        if (residual < 0) {
            throw new IllegalArgumentException("residual must be ≥ 0 or NaN, got " + residual);
        }
        if (vector == null) {
            throw new IllegalArgumentException("vector must not be null");
        }
    }
}
