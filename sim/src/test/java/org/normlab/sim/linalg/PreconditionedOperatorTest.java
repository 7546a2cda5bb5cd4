package org.normlab.sim.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.GoldenCase;

class PreconditionedOperatorTest {
    static final double PRODUCT_TOLERANCE = 1e-12;
    static final double EIGEN_TOLERANCE = 1e-8;

    static INDArray positiveDiagonal(int n, long seed) {
        Random random = new Random(seed);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(2 * random.nextGaussian());
        }
        return Nd4j.createFromArray(p);
    }

    /** D A D with D = diag(p)^{-1/2}, in plain Java. */
    static double[][] scaled(double[][] a, INDArray diagonal) {
        double[] p = diagonal.toDoubleVector();
        double[][] out = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                out[i][j] = a[i][j] / Math.sqrt(p[i] * p[j]);
            }
        }
        return out;
    }

    @Test
    void isTheSymmetricallyScaledMatrix() {
        DenseOperator a = DenseOperator.withSpectrum(LanczosTest.spread(12, 5, -7), 3);
        INDArray p = positiveDiagonal(12, 4);
        double[][] expected = scaled(a.matrix(), p);
        double[][] actual = DenseOperator.of(new PreconditionedOperator(a, p)).matrix();
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                assertEquals(expected[i][j], actual[i][j], PRODUCT_TOLERANCE * Math.abs(expected[i][j]) + 1e-15);
            }
        }
    }

    @Test
    void lanczosFindsThePreconditionedSharpnessOfATinyNet() {
        GoldenCase c = GoldenCase.load("bn-relu-mse-ghost4");
        LinearOperator hessian = Curvature.HESSIAN.of(c.network(), c.batch(), BatchNormMode.TRAIN);
        INDArray p = positiveDiagonal(Math.toIntExact(hessian.dimension()), 5);
        double[] reference = JacobiEigenvalues.of(scaled(DenseOperator.of(hessian).matrix(), p));
        double top = reference[reference.length - 1];
        LinearOperator preconditioned = new PreconditionedOperator(hessian, p);
        EigenEstimate e = CurvatureTest.exhaustive(preconditioned).largest(preconditioned, 7);
        assertTrue(e.converged());
        assertEquals(top, e.value(), EIGEN_TOLERANCE * Math.abs(top));
    }

    @Test
    void keepsItsOwnCopyOfTheDiagonal() {
        DenseOperator a = DenseOperator.withSpectrum(LanczosTest.spread(6, 2), 1);
        INDArray p = positiveDiagonal(6, 2);
        PreconditionedOperator preconditioned = new PreconditionedOperator(a, p);
        double[][] before = DenseOperator.of(preconditioned).matrix();
        p.muli(10);
        double[][] after = DenseOperator.of(preconditioned).matrix();
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(before[i], after[i], 0.0);
        }
    }

    /** P = (1−β₁^t)(sqrt(v̂) + ε)/η entry by entry. */
    @Test
    void adamDiagonalFollowsTheFormula() {
        double[] vHat = {0, 1e-8, 0.25, 4};
        double beta1 = 0.9;
        long step = 3;
        double epsilon = 1e-8;
        double eta = 1e-3;
        double[] p = PreconditionedOperator.adamDiagonal(Nd4j.createFromArray(vHat), beta1, step, epsilon, eta)
                .toDoubleVector();
        for (int i = 0; i < vHat.length; i++) {
            double expected = (1 - beta1 * beta1 * beta1) * (Math.sqrt(vHat[i]) + epsilon) / eta;
            assertEquals(expected, p[i], PRODUCT_TOLERANCE * expected, "entry " + i);
        }
    }

    @Test
    void rejectsBadInput() {
        DenseOperator a = DenseOperator.withSpectrum(LanczosTest.spread(3, 1), 1);
        INDArray v = Nd4j.ones(3);
        LanczosTest.assertMessage(() -> new PreconditionedOperator(a, Nd4j.createFromArray(1.0, 0.0, 2.0)),
                "diagonal");
        LanczosTest.assertMessage(() -> new PreconditionedOperator(a, Nd4j.createFromArray(1.0, Double.NaN, 2.0)),
                "diagonal");
        LanczosTest.assertMessage(() -> new PreconditionedOperator(a, Nd4j.ones(4)), "diagonal");
        LanczosTest.assertMessage(() -> PreconditionedOperator.adamDiagonal(v, 1, 1, 1e-8, 1e-3), "beta1");
        LanczosTest.assertMessage(() -> PreconditionedOperator.adamDiagonal(v, 0.9, 0, 1e-8, 1e-3), "step");
        LanczosTest.assertMessage(() -> PreconditionedOperator.adamDiagonal(v, 0.9, 1, -1, 1e-3), "epsilon");
        LanczosTest.assertMessage(() -> PreconditionedOperator.adamDiagonal(v, 0.9, 1, 1e-8, 0), "learningRate");
    }
}
