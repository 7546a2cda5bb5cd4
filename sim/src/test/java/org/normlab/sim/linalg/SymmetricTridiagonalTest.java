package org.normlab.sim.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetricTridiagonalTest {
    static final double TOLERANCE = 1e-12;

    /** Eigenvalues match the Jacobi reference; vectors are orthonormal and satisfy T s = λ s. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 30})
    void decomposesASeededTridiagonal(int k) {
        Random random = new Random(k);
        double[] diagonal = new double[k];
        double[] offDiagonal = new double[k];
        double[][] t = new double[k][k];
        for (int i = 0; i < k; i++) {
            diagonal[i] = random.nextGaussian() * 5;
            t[i][i] = diagonal[i];
            if (i + 1 < k) {
                offDiagonal[i] = i % 7 == 3 ? 0 : random.nextGaussian();
                t[i][i + 1] = offDiagonal[i];
                t[i + 1][i] = offDiagonal[i];
            }
        }
        SymmetricTridiagonal.Eigen eigen = SymmetricTridiagonal.decompose(diagonal, offDiagonal, k);
        double[] reference = JacobiEigenvalues.of(t);
        double[][] s = eigen.vectors();
        for (int j = 0; j < k; j++) {
            assertEquals(reference[j], eigen.values()[j], TOLERANCE * 10, "eigenvalue " + j);
            for (int i = 0; i < k; i++) {
                double ts = 0;
                for (int l = 0; l < k; l++) {
                    ts += t[i][l] * s[l][j];
                }
                assertEquals(eigen.values()[j] * s[i][j], ts, TOLERANCE * 10, "(T s)_" + i + " of pair " + j);
            }
            for (int other = 0; other < k; other++) {
                double dot = 0;
                for (int i = 0; i < k; i++) {
                    dot += s[i][j] * s[i][other];
                }
                assertEquals(j == other ? 1 : 0, dot, TOLERANCE, "sᵀs between " + j + " and " + other);
            }
        }
    }
}
