package org.normlab.sim.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JacobiEigenvaluesTest {
    static final double TOLERANCE = 1e-12;

    /** Q diag(λ) Qᵀ with a seeded random orthogonal Q (Gram–Schmidt) has exactly the spectrum λ. */
    @Test
    void recoversAKnownSpectrum() {
        int n = 12;
        double[] lambda = {-3, -1e-3, 0, 0, 0, 1e-6, 0.5, 1, 2, 2, 7, 40};
        double[][] q = randomOrthogonal(n, new Random(3));
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += q[i][k] * lambda[k] * q[j][k];
                }
            }
        }
        double[] found = JacobiEigenvalues.of(a);
        double[] expected = lambda.clone();
        Arrays.sort(expected);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], found[i], TOLERANCE * 40, "eigenvalue " + i);
        }
    }

    static double[][] randomOrthogonal(int n, Random random) {
        double[][] q = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * q[i][k];
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * q[i][k];
                }
            }
            double norm = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
            for (int i = 0; i < n; i++) {
                q[i][j] = v[i] / norm;
            }
        }
        return q;
    }
}
