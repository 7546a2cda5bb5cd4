package org.normlab.sim.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backend's matrix products against plain-Java sums, at the shapes a BN MLP's step and probes use: the BLAS
 * library picks its kernels for the CPU it runs on, and a kernel chosen wrongly computes wrong numbers rather than
 * failing (OpenBLAS 0.3.19 forced to its Cooper Lake kernels on an AVX-512 AMD EPYC was off by 69%).
 */
class MatrixProductTest {
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    static {
        Backend.initialize();
    }

    @Test
    void theStepsProductsAtMnistWidth() {
        Random random = new Random(1);
        assertProduct(random, 128, 784, 256, false, true, 0);   // X W₀ᵀ
        assertProduct(random, 256, 128, 784, true, false, 0);   // dZᵀ X
        assertProduct(random, 128, 256, 256, false, false, 0);  // dZ W₁
        assertProduct(random, 128, 256, 10, false, true, 0);    // the classifier
    }

    @Test
    void oddShapesEveryTranspositionAndAccumulation() {
        Random random = new Random(2);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                assertProduct(random, 37, 91, 53, transA, transB, 0);
                assertProduct(random, 37, 91, 53, transA, transB, 1);
                assertProduct(random, 1, 300, 17, transA, transB, 0.5);
            }
        }
    }

    @Test
    void theProbeSetsFirstLayer() {
        assertProduct(new Random(3), 2000, 784, 64, false, true, 0);
    }

    /**
     * C = A·B + β·C with A m×k, B k×n (each stored transposed when asked) in float64: every entry within the
     * worst-case bound of a dot product of its k products and β·c, γ_{k+2} (Σ|a b| + |β c|) with
     * γ_j = j u / (1 − j u).
     */
    private static void assertProduct(Random random, int m, int k, int n, boolean transA, boolean transB,
                                      double beta) {
        double[] a = gaussian(random, m * k);
        double[] b = gaussian(random, k * n);
        double[] c = gaussian(random, m * n);
        INDArray aa = transA ? matrix(transpose(a, m, k), k, m) : matrix(a, m, k);
        INDArray bb = transB ? matrix(transpose(b, k, n), n, k) : matrix(b, k, n);
        INDArray cc = matrix(c, m, n);
        double[] got = new PreparedOps().gemm(aa, bb, cc, transA, transB, 1.0, beta).data().asDouble();
        double gamma = (k + 2) * UNIT_ROUNDOFF / (1 - (k + 2) * UNIT_ROUNDOFF);
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = beta * c[i * n + j];
                double magnitude = Math.abs(sum);
                for (int q = 0; q < k; q++) {
                    double term = a[i * k + q] * b[q * n + j];
                    sum += term;
                    magnitude += Math.abs(term);
                }
                worst = Math.max(worst, Math.abs(got[i * n + j] - sum) / (2 * gamma * magnitude));
            }
        }
        // 2γ: the reference sum rounds as well as the product under test.
        assertTrue(worst <= 1, m + "×" + k + "·" + k + "×" + n + (transA ? " Aᵀ" : "") + (transB ? " Bᵀ" : "")
                + " β=" + beta + ": an entry is " + worst + "× outside the float64 error bound");
    }

    private static double[] gaussian(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double[] transpose(double[] values, int rows, int cols) {
        double[] t = new double[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = values[i * cols + j];
            }
        }
        return t;
    }

    private static INDArray matrix(double[] values, int rows, int cols) {
        return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE);
    }
}
