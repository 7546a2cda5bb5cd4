package org.normlab.sim.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.GoldenCase;

/**
 * The curvature toolbox of sim/docs/math.md §9 — dense mode, stochastic Lanczos quadrature, Hutchinson's trace and
 * the top-k eigenvalues — against the dense matrices of the tiny golden networks and the Jacobi reference.
 */
class CurvatureToolboxTest {
    static final double QUADRATURE_EXACT = 1e-10;
    static final double EIGEN_TOLERANCE = 1e-8;
    static final double STANDARD_ERRORS = 3;

    static LinearOperator operator(String name, Curvature curvature) {
        return CurvatureTest.operator(GoldenCase.load(name), curvature);
    }

    /** The dense eigendecomposition (LAPACK through ND4J) satisfies A v = λ v and matches the Jacobi reference. */
    @ParameterizedTest
    @EnumSource(Curvature.class)
    void denseModeDecomposesExactly(Curvature curvature) {
        DenseSymmetric dense = DenseSymmetric.of(operator("bn-tanh-ce", curvature));
        assertTrue(dense.asymmetry() < 1e-12, "asymmetry " + dense.asymmetry());
        int n = dense.dimension();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = dense.get(i, j);
            }
        }
        DenseSymmetric.Decomposition d = dense.decompose();
        double[] reference = JacobiEigenvalues.of(m);
        double scale = Math.max(Math.abs(reference[0]), Math.abs(reference[n - 1]));
        DenseOperator a = new DenseOperator(m);
        for (int j = 0; j < n; j++) {
            assertEquals(reference[j], d.values()[j], 1e-12 * scale, "eigenvalue " + j);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = d.vectors()[i][j];
            }
            double[] av = a.times(v);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(d.values()[j] * v[i], av[i], 1e-12 * scale, "(A v − λ v)_" + i + " of pair " + j);
                norm += v[i] * v[i];
            }
            assertEquals(1, norm, 1e-12);
        }
    }

    /**
     * k Lanczos steps from one probe give the k-node Gauss quadrature of vᵀ f(A) v: exact for p ≤ 2k − 1, relative to
     * ‖A‖^p (|vᵀA^p v| ≤ ‖A‖^p for a unit v; odd moments can be near 0). At p = 2k it is not exact.
     */
    @ParameterizedTest
    @ValueSource(strings = {"bn-tanh-ce", "plain-tanh-mse"})
    void gaussQuadratureIsExactUpToDegreeTwoKMinusOne(String name) {
        LinearOperator a = operator(name, Curvature.HESSIAN);
        DenseOperator dense = DenseOperator.of(a);
        double[] spectrum = dense.eigenvalues();
        double norm = Math.max(Math.abs(spectrum[0]), Math.abs(spectrum[spectrum.length - 1]));
        int n = spectrum.length;
        int k = 5;
        INDArray v = Rademacher.vector(n, 1 / Math.sqrt(n), new Random(7));
        SpectralDensity.Quadrature q = SpectralDensity.quadrature(new Lanczos(k, 0), a, v);
        assertEquals(k, q.nodes().length);
        double[] power = v.toDoubleVector();
        double[] start = power.clone();
        for (int p = 1; p <= 2 * k; p++) {
            power = dense.times(power);
            double exact = dot(start, power);
            double error = Math.abs(q.moment(p) - exact) / Math.pow(norm, p);
            if (p <= 2 * k - 1) {
                assertTrue(error <= QUADRATURE_EXACT, name + ": p = " + p + " relative error " + error);
            } else {
                assertTrue(error > 1e3 * QUADRATURE_EXACT, name + ": p = 2k should not be exact, error " + error);
            }
        }
    }

    /** With m probes the first four moments lie within three standard errors of the dense tr(A^p). */
    @ParameterizedTest
    @EnumSource(Curvature.class)
    void slqMomentsAgreeWithTheDenseTraces(Curvature curvature) {
        LinearOperator a = operator("bn-tanh-ce", curvature);
        double[] spectrum = DenseOperator.of(a).eigenvalues();
        SpectralDensity density = SpectralDensity.estimate(a, 40, 12, 11);
        for (int p = 1; p <= 4; p++) {
            double exact = 0;
            for (double lambda : spectrum) {
                exact += Math.pow(lambda, p);
            }
            SampleMean estimate = density.traceOfPower(p);
            assertTrue(Math.abs(estimate.mean() - exact) <= STANDARD_ERRORS * estimate.standardError(),
                    curvature + " p = " + p + ": " + estimate + " vs tr(A^p) = " + exact);
        }
        double sigma = density.sigma(0.01);
        double[] t = new double[8001];
        for (int i = 0; i < t.length; i++) { // wider than grid()'s ±3σ, which leaves ~0.1% in the tails
            t[i] = density.lowest() - 8 * sigma + (density.highest() - density.lowest() + 16 * sigma) * i / 8000;
        }
        double[] phi = density.density(t, sigma);
        double integral = 0;
        for (int i = 1; i < t.length; i++) {
            integral += 0.5 * (phi[i] + phi[i - 1]) * (t[i] - t[i - 1]);
        }
        assertEquals(1, integral, 1e-6, "the smoothed density integrates to 1");
    }

    /** For a diagonal A every Rademacher sample zᵀAz is the trace: exact, with zero standard error. */
    @Test
    void hutchinsonIsExactForADiagonalMatrix() {
        int n = 9;
        double[][] m = new double[n][n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            m[i][i] = (i - 3) * 1.7;
            trace += m[i][i];
        }
        SampleMean estimate = HutchinsonTrace.of(new DenseOperator(m), 5, 1);
        assertEquals(trace, estimate.mean(), 1e-14 * 20);
        assertEquals(0, estimate.standardError(), 1e-14 * 20);
    }

    @ParameterizedTest
    @EnumSource(Curvature.class)
    void hutchinsonIsWithinThreeStandardErrorsOfTheDenseTrace(Curvature curvature) {
        LinearOperator a = operator("bn-tanh-ce", curvature);
        DenseSymmetric dense = DenseSymmetric.of(a);
        SampleMean estimate = HutchinsonTrace.of(a, 50, 3);
        assertTrue(estimate.standardError() > 0);
        assertTrue(Math.abs(estimate.mean() - dense.trace()) <= STANDARD_ERRORS * estimate.standardError(),
                estimate + " vs " + dense.trace());
    }

    /** The top k Ritz values agree with the dense eigenvalues and lie inside their bounds. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 20})
    void topKAgreesWithTheDenseEigenvalues(int k) {
        for (String name : List.of("bn-tanh-ce", "bn-relu-mse-ghost4")) {
            for (Curvature curvature : Curvature.values()) {
                LinearOperator a = operator(name, curvature);
                double[] spectrum = DenseOperator.of(a).eigenvalues();
                int n = spectrum.length;
                List<EigenEstimate> top = new TopEigenvalues(n, 1e-12).largest(a, k, 5);
                assertEquals(k, top.size());
                for (int i = 0; i < k; i++) {
                    EigenEstimate e = top.get(i);
                    double lambda = spectrum[n - 1 - i];
                    String what = name + " " + curvature + " λ_" + (i + 1);
                    assertTrue(e.converged(), what);
                    assertEquals(lambda, e.value(), EIGEN_TOLERANCE * Math.abs(spectrum[n - 1]), what);
                    assertTrue(e.value() <= lambda + 1e-12 * Math.abs(spectrum[n - 1]), what + " is a lower end");
                    assertTrue(nearestDistance(spectrum, e.value()) <= e.errorBound() + 1e-12 * Math.abs(spectrum[n - 1]),
                            what + " bound");
                }
            }
        }
    }

    static double nearestDistance(double[] spectrum, double value) {
        double best = Double.POSITIVE_INFINITY;
        for (double lambda : spectrum) {
            best = Math.min(best, Math.abs(lambda - value));
        }
        return best;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
