package org.normlab.sim.probe;

/**
 * A cheap proof that a Gram matrix S (symmetric, positive semi-definite) has no eigenvalue at or below τ·λ_max(S),
 * with a margin that covers the round-off of this test and of the eigensolver it replaces (sim/docs/math.md §4.3):
 * Cholesky of {@code S − c·I} with {@code c = 2·tr(S)·(τ + d²·ε)} succeeds only if {@code λ_min(S) > τ·λ_max(S)}
 * by far more than either computation's error. About d³/3 multiply-adds against the eigensolver's ~9d³; when it
 * fails nothing is decided and the caller computes the eigenvectors.
 */
final class FullRank {
    private FullRank() {
    }

    /** True when {@code s} [d][d] (its lower triangle is read; destroyed) is proven to have no null space at τ. */
    static boolean proven(double[][] s, double tau) {
        int d = s.length;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += s[i][i];
        }
        if (!(trace > 0) || trace == Double.POSITIVE_INFINITY) {
            return false;
        }
        double shift = 2 * trace * (tau + (double) d * d * Math.ulp(1.0));
        return choleskyAfterShift(s, shift);
    }

    /** Whether {@code a − shift·I} has a Cholesky factor; row-wise (Cholesky–Banachiewicz), L written over a's lower triangle. */
    static boolean choleskyAfterShift(double[][] a, double shift) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            double[] li = a[i];
            for (int j = 0; j < i; j++) {
                double[] lj = a[j];
                double sum = li[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                li[j] = sum / lj[j];
            }
            double pivot = li[i] - shift;
            for (int k = 0; k < i; k++) {
                pivot -= li[k] * li[k];
            }
            if (!(pivot > 0)) {
                return false;
            }
            li[i] = Math.sqrt(pivot);
        }
        return true;
    }
}
