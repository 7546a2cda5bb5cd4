package org.normlab.sim.probe;

/**
 * A cheap proof that a Gram matrix S = XᵀX (X with n rows; any positive scale) has no eigenvalue at or below
 * τ·λ_max(S), with a margin that covers the round-off of this test and of the eigensolver it replaces
 * (sim/docs/math.md §4.3): Cholesky of {@code T − c·I} with {@code c = 2·tr(S)·(τ + (d² + r)·ε)} succeeds only if
 * {@code λ_min(S) > τ·λ_max(S)} by far more than either computation's error. T is S itself (r = 0), or the Gram
 * {@code X_PᵀX_P} of some of X's rows: S ⪰ T since S adds the other rows' Gram, λ_max(S) ≤ tr(S), and r = |P| + n
 * covers the round-off of both Gram products. About d³/3 multiply-adds against the eigensolver's ~9d³; when it fails
 * nothing is decided and the caller computes more (the whole Gram, then the eigenvectors).
 */
final class FullRank {
    private FullRank() {
    }

    /** True when {@code s} [d][d] (its lower triangle is read; destroyed) is proven to have no null space at τ. */
    static boolean proven(double[][] s, double tau) {
        double trace = 0;
        for (int i = 0; i < s.length; i++) {
            trace += s[i][i];
        }
        return proven(s, trace, 0, tau);
    }

    /**
     * True when S, whose trace is {@code trace}, is proven to have no null space at τ from {@code t} [d][d], the
     * Gram of some of X's rows (its lower triangle is read; destroyed) or S itself; {@code rounded}: 0 for S itself,
     * else the rows summed in t's product plus those in S's, n.
     */
    static boolean proven(double[][] t, double trace, long rounded, double tau) {
        int d = t.length;
        if (!(trace > 0) || trace == Double.POSITIVE_INFINITY) {
            return false;
        }
        double shift = 2 * trace * (tau + ((double) d * d + rounded) * Math.ulp(1.0));
        return choleskyAfterShift(t, shift);
    }

    /**
     * Whether {@code a − shift·I} has a Cholesky factor; row-wise (Cholesky–Banachiewicz), L written over a's lower
     * triangle. The round-off bound of the factorization holds whatever order each inner product is summed in.
     */
    static boolean choleskyAfterShift(double[][] a, double shift) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            double[] li = a[i];
            for (int j = 0; j < i; j++) {
                double[] lj = a[j];
                li[j] = (li[j] - dot(li, lj, j)) / lj[j];
            }
            double pivot = li[i] - shift - dot(li, li, i);
            if (!(pivot > 0)) {
                return false;
            }
            li[i] = Math.sqrt(pivot);
        }
        return true;
    }

    /** {@code Σ_{k<n} a_k·b_k} in four interleaved sums: one running sum would wait on every addition. */
    private static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < n; k++) {
            s0 += a[k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
