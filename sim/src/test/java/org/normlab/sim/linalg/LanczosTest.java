package org.normlab.sim.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Lanczos on operators whose spectrum is known exactly. */
class LanczosTest {
    static final double EIGEN_TOLERANCE = 1e-8;
    static final double TIGHT = 1e-12;
    static final double UNIT_NORM_TOLERANCE = 1e-12;

    static Stream<Arguments> spectra() {
        return Stream.of(
                Arguments.of("negative eigenvalues larger in magnitude",
                        spread(40, -50, -20, 7, 5, 3)),
                Arguments.of("clustered top", spread(40, 10, 10 - 1e-7, 10 - 2e-7, 10 - 3e-7)),
                Arguments.of("repeated top", spread(40, 4, 4, 4, 4)),
                Arguments.of("all negative", shifted(spread(30, 1, 0.5), -3)),
                Arguments.of("wide range", spread(60, 1e4, 1e3, -1e3, 1e-3)));
    }

    /** n eigenvalues: the given extremes followed by an evenly spaced bulk in [−1, 1]. */
    static double[] spread(int n, double... extremes) {
        double[] lambda = new double[n];
        System.arraycopy(extremes, 0, lambda, 0, extremes.length);
        int bulk = n - extremes.length;
        for (int i = 0; i < bulk; i++) {
            lambda[extremes.length + i] = -1 + 2.0 * i / (bulk - 1);
        }
        return lambda;
    }

    static double[] shifted(double[] lambda, double shift) {
        return Arrays.stream(lambda).map(x -> x + shift).toArray();
    }

    static double max(double[] lambda) {
        return Arrays.stream(lambda).max().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spectra")
    void findsTheAlgebraicallyLargestEigenvalue(String name, double[] lambda) {
        DenseOperator a = DenseOperator.withSpectrum(lambda, 5);
        EigenEstimate e = new Lanczos(lambda.length, TIGHT).largest(a, 17);
        double top = max(lambda);
        assertTrue(e.converged(), name + ": not converged");
        assertEquals(top, e.value(), EIGEN_TOLERANCE * Math.abs(top), name);
        assertEquals(1, e.vector().norm2Number().doubleValue(), UNIT_NORM_TOLERANCE, "‖v‖");
        assertEquals(trueResidual(a, e), e.errorBound(), 1e-12 * a.maxAbs() * lambda.length, "reported residual");
        assertTrue(e.errorBound() <= EIGEN_TOLERANCE * a.maxAbs() * lambda.length, name + ": residual " + e.errorBound());
        assertTrue(e.errorBound() <= TIGHT * Math.abs(e.value()) || e.iterations() == lambda.length,
                name + ": converged only within the bound, or with the whole space spanned");
        assertEquals(e.iterations(), e.products(), "one product per step: the bound combines the steps' products");
    }

    /** A Krylov space of dimension 3 (three distinct eigenvalues) is exhausted after 3 steps: exact, converged. */
    @Test
    void stopsWhenTheKrylovSpaceIsInvariant() {
        double[] lambda = new double[20];
        Arrays.fill(lambda, 0, 7, 2.5);
        Arrays.fill(lambda, 7, 14, -6);
        Arrays.fill(lambda, 14, 20, 1);
        DenseOperator a = DenseOperator.withSpectrum(lambda, 8);
        EigenEstimate e = new Lanczos(20, 0).largest(a, 3);
        assertTrue(e.converged());
        assertEquals(3, e.iterations());
        assertEquals(2.5, e.value(), EIGEN_TOLERANCE * 2.5);
    }

    /** A diagonal matrix started at the basis vector of its top entry: A e = λ e exactly, so β vanishes at once. */
    @Test
    void anExactEigenvectorStartStopsAfterOneStep() {
        double[][] m = new double[25][25];
        for (int i = 0; i < 25; i++) {
            m[i][i] = i - 12;
        }
        INDArray start = Nd4j.zeros(DataType.DOUBLE, 25);
        start.putScalar(24, 3.0);
        EigenEstimate e = new Lanczos().largest(new DenseOperator(m), start);
        assertTrue(e.converged());
        assertEquals(1, e.iterations());
        assertEquals(1, e.products());
        assertEquals(12, e.value(), 0.0);
        assertEquals(0, e.errorBound(), 0.0);
    }

    /** Too few steps on a dense, gapless spectrum: marked not converged, with the true (large) residual. */
    @Test
    void reportsNonConvergenceHonestly() {
        int n = 200;
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = (double) i / (n - 1);
        }
        DenseOperator a = DenseOperator.withSpectrum(lambda, 4);
        EigenEstimate e = new Lanczos(5, 1e-10).largest(a, 6);
        assertFalse(e.converged());
        assertEquals(5, e.iterations());
        assertTrue(e.value() < 1, "a Ritz value never exceeds λ_max, got " + e.value());
        assertEquals(trueResidual(a, e), e.errorBound(), 1e-12, "reported residual");
        assertTrue(e.errorBound() > 1e-3, "residual " + e.errorBound() + " should show the estimate is rough");
    }

    static DenseOperator diagonal(double... lambda) {
        double[][] m = new double[lambda.length][lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            m[i][i] = lambda[i];
        }
        return new DenseOperator(m);
    }

    /**
     * A top pair 0.1% apart over a dense bulk: the estimate creeps up slowly, so its change per step is small long
     * before its error is. Stopped on the residual, the value is converged only within tolerance, and λ_max lies in
     * [value, value + bound] at every step limit, converged or not.
     */
    @ParameterizedTest(name = "at most {0} steps")
    @ValueSource(ints = {10, 25, 60, 150})
    void stopsOnTheErrorBoundNotOnAChange(int maxSteps) {
        double tolerance = 1e-4;
        double[] lambda = spread(400, 1, 0.999);
        DenseOperator a = DenseOperator.withSpectrum(lambda, 12);
        EigenEstimate e = new Lanczos(maxSteps, tolerance).largest(a, 5);
        assertEquals(trueResidual(a, e), e.errorBound(), 1e-12, "the bound is the true residual");
        assertTrue(e.value() <= 1 + 1e-12 && 1 <= e.value() + e.errorBound(),
                "λ_max = 1 in [" + e.value() + ", " + e.value() + " + " + e.errorBound() + "]");
        assertEquals(e.errorBound() <= tolerance * e.value(), e.converged(), "converged exactly when within tolerance");
    }

    /**
     * A warm start from the old top eigenvector, now the second: the random component puts the new top one into the
     * Krylov space, so it is found; from the bare old vector (an exact eigenvector) Lanczos would stop at once on it.
     */
    @Test
    void aWarmStartNeverMissesANewTopEigenvector() {
        DenseOperator a = diagonal(LanczosTest.spread(30, 5, 4.9));
        INDArray oldTop = Nd4j.zeros(DataType.DOUBLE, 30);
        oldTop.putScalar(1, 1.0);
        Lanczos lanczos = new Lanczos();
        assertEquals(4.9, lanczos.largest(a, oldTop).value(), EIGEN_TOLERANCE, "the bare old vector");
        EigenEstimate warm = lanczos.largest(a, oldTop, 3);
        assertTrue(warm.converged());
        assertEquals(5, warm.value(), EIGEN_TOLERANCE * 5);
    }

    @Test
    void isReproducibleForASeed() {
        DenseOperator a = DenseOperator.withSpectrum(spread(50, 3, 2.9), 9);
        Lanczos lanczos = new Lanczos();
        EigenEstimate first = lanczos.largest(a, 42);
        EigenEstimate second = new Lanczos().largest(a, 42);
        EigenEstimate reused = lanczos.largest(a, 42);
        for (EigenEstimate again : new EigenEstimate[] {second, reused}) {
            assertEquals(first.value(), again.value(), 0.0);
            assertEquals(first.products(), again.products());
            assertArrayEquals(first.vector().toDoubleVector(), again.vector().toDoubleVector(), 0.0);
        }
    }

    @Test
    void leavesTheStartVectorUnchanged() {
        DenseOperator a = DenseOperator.withSpectrum(spread(10, 2), 1);
        INDArray start = Nd4j.createFromArray(3.0, -1, 4, 1, -5, 9, 2, -6, 5, 3);
        double[] before = start.toDoubleVector();
        new Lanczos().largest(a, start);
        assertArrayEquals(before, start.toDoubleVector(), 0.0);
    }

    @Test
    void aNonFiniteProductGivesANonConvergedNaN() {
        double[][] m = new double[4][4];
        m[1][1] = Double.NaN;
        EigenEstimate e = new Lanczos().largest(new DenseOperator(m), 1);
        assertFalse(e.converged());
        assertTrue(Double.isNaN(e.value()));
    }

    @Test
    void rejectsBadInput() {
        DenseOperator a = DenseOperator.withSpectrum(spread(5, 1), 1);
        assertMessage(() -> new Lanczos(0, 1e-4), "maxSteps");
        assertMessage(() -> new Lanczos(30, 1), "tolerance");
        assertMessage(() -> new Lanczos(30, Double.NaN), "tolerance");
        assertMessage(() -> new Lanczos().largest(a, Nd4j.zeros(5)), "start");
        assertMessage(() -> new Lanczos().largest(a, Nd4j.ones(4)), "start");
    }

    static void assertMessage(Runnable action, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    /** ‖A v − θ v‖ computed densely, independently of the Lanczos code. */
    static double trueResidual(DenseOperator a, EigenEstimate e) {
        double[] v = e.vector().toDoubleVector();
        double[] av = a.times(v);
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += Math.pow(av[i] - e.value() * v[i], 2);
        }
        return Math.sqrt(sum);
    }
}
