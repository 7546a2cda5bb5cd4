package org.normlab.sim.linalg;

/**
 * Eigenvalues of a dense symmetric matrix by the cyclic Jacobi method: slow (O(n³) per sweep) but unconditionally
 * convergent and accurate to a few ulps of the largest eigenvalue, which makes it the reference for tests on tiny
 * networks (commons-math's QR-based solver fails to converge on some rank-deficient Hessians).
 */
public final class JacobiEigenvalues {
    private static final int MAX_SWEEPS = 100;

    private JacobiEigenvalues() {
    }

    /** Eigenvalues of the symmetric part {@code (A + Aᵀ)/2} of {@code a}, in ascending order. */
    public static double[] of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 1e-30 * diagonal(m); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, p, q);
                }
            }
        }
        double[] eigenvalues = new double[n];
        for (int i = 0; i < n; i++) {
            eigenvalues[i] = m[i][i];
        }
        java.util.Arrays.sort(eigenvalues);
        return eigenvalues;
    }

    /** Zeroes m[p][q] by a plane rotation applied on both sides (Golub & Van Loan, Alg. 8.5.2). */
    private static void rotate(double[][] m, int p, int q) {
        if (m[p][q] == 0) {
            return;
        }
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
    }

    private static double offDiagonal(double[][] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j) {
                    sum += m[i][j] * m[i][j];
                }
            }
        }
        return sum;
    }

    private static double diagonal(double[][] m) {
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            sum += m[i][i] * m[i][i];
        }
        return Math.max(sum, Double.MIN_NORMAL);
    }
}
