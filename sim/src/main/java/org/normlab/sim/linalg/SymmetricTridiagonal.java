package org.normlab.sim.linalg;

/**
 * Eigen-decomposition of a small symmetric tridiagonal matrix by the implicit QL method with Wilkinson-type shifts
 * (EISPACK {@code tql2}, as in JAMA): the Lanczos matrix is at most a few dozen rows, so a plain-Java O(k³) solve
 * per step costs nothing next to one operator product.
 */
final class SymmetricTridiagonal {
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_SWEEPS_PER_EIGENVALUE = 60;

    /** Eigenvalues in ascending order; {@code vectors[i][j]} is component i of the eigenvector of {@code values[j]}. */
    record Eigen(double[] values, double[][] vectors) {
    }

    private SymmetricTridiagonal() {
    }

    /**
     * The eigenpairs of the k×k matrix with {@code diagonal[0..k)} and {@code offDiagonal[0..k-1)} (entry (i, i+1)).
     * The entries must be finite.
     */
    static Eigen decompose(double[] diagonal, double[] offDiagonal, int k) {
        double[] d = java.util.Arrays.copyOf(diagonal, k);
        double[] e = new double[k];
        System.arraycopy(offDiagonal, 0, e, 0, k - 1);
        double[][] v = new double[k][k];
        for (int i = 0; i < k; i++) {
            v[i][i] = 1;
        }
        double shift = 0;
        double scale = 0;
        for (int l = 0; l < k; l++) {
            scale = Math.max(scale, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < k - 1 && Math.abs(e[m]) > EPS * scale) {
                m++;
            }
            for (int sweep = 0; m > l; sweep++) {
                if (sweep == MAX_SWEEPS_PER_EIGENVALUE) {
                    throw new IllegalStateException("tridiagonal QL did not converge for eigenvalue " + l);
                }
                double g = d[l];
                double p = (d[l + 1] - g) / (2 * e[l]);
                double r = Math.copySign(Math.hypot(p, 1), p);
                d[l] = e[l] / (p + r);
                d[l + 1] = e[l] * (p + r);
                double dl1 = d[l + 1];
                double h = g - d[l];
                for (int i = l + 2; i < k; i++) {
                    d[i] -= h;
                }
                shift += h;
                p = d[m];
                double c = 1;
                double c2 = 1;
                double c3 = 1;
                double el1 = e[l + 1];
                double s = 0;
                double s2 = 0;
                for (int i = m - 1; i >= l; i--) {
                    c3 = c2;
                    c2 = c;
                    s2 = s;
                    g = c * e[i];
                    h = c * p;
                    r = Math.hypot(p, e[i]);
                    e[i + 1] = s * r;
                    s = e[i] / r;
                    c = p / r;
                    p = c * d[i] - s * g;
                    d[i + 1] = h + s * (c * g + s * d[i]);
                    for (int row = 0; row < k; row++) {
                        h = v[row][i + 1];
                        v[row][i + 1] = s * v[row][i] + c * h;
                        v[row][i] = c * v[row][i] - s * h;
                    }
                }
                p = -s * s2 * c3 * el1 * e[l] / dl1;
                e[l] = s * p;
                d[l] = c * p;
                if (Math.abs(e[l]) <= EPS * scale) {
                    break;
                }
            }
            d[l] += shift;
            e[l] = 0;
        }
        return sorted(d, v);
    }

    private static Eigen sorted(double[] d, double[][] v) {
        int k = d.length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
        double[] values = new double[k];
        double[][] vectors = new double[k][k];
        for (int j = 0; j < k; j++) {
            values[j] = d[order[j]];
            for (int i = 0; i < k; i++) {
                vectors[i][j] = v[i][order[j]];
            }
        }
        return new Eigen(values, vectors);
    }
}
