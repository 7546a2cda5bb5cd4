package org.normlab.sim.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.GoldenCase;

/**
 * Lanczos on the Hessian and Gauss–Newton operators of the tiny golden networks, against the dense Jacobi
 * reference and against ARPACK's values stored with each case.
 */
class CurvatureTest {
    static final double EIGEN_TOLERANCE = 1e-8;
    static final double PSD_TOLERANCE = 1e-10;
    static final double TIGHT = 1e-12;

    static LinearOperator operator(GoldenCase c, Curvature curvature) {
        return curvature.of(c.network(), c.batch(), BatchNormMode.TRAIN);
    }

    /** Lanczos allowed to run to the full dimension with a tight stopping rule. */
    static Lanczos exhaustive(LinearOperator a) {
        return new Lanczos(Math.toIntExact(a.dimension()), TIGHT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bn-eps0-identity-ce", "bn-relu-mse-ghost4", "bn-tanh-ce", "mimicnorm-relu-ce",
        "plain-tanh-mse"})
    void agreesWithTheDenseReference(String name) {
        GoldenCase c = GoldenCase.load(name);
        for (Curvature curvature : Curvature.values()) {
            LinearOperator a = operator(c, curvature);
            double[] reference = DenseOperator.of(a).eigenvalues();
            double top = reference[reference.length - 1];
            EigenEstimate e = exhaustive(a).largest(a, 1);
            assertTrue(e.converged(), name + " " + curvature);
            assertEquals(top, e.value(), EIGEN_TOLERANCE * Math.abs(top), name + " " + curvature);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bn-eps0-identity-ce", "bn-relu-mse-ghost4", "bn-tanh-ce", "mimicnorm-relu-ce",
        "plain-tanh-mse"})
    void reproducesArpack(String name) {
        GoldenCase c = GoldenCase.load(name);
        LinearOperator hessian = operator(c, Curvature.HESSIAN);
        LinearOperator fisher = operator(c, Curvature.GAUSS_NEWTON);
        assertRelative("λ_max(H)", c.hessianLambdaMax(), exhaustive(hessian).largest(hessian, 2).value());
        assertRelative("λ_min(H)", c.hessianLambdaMin(),
                -exhaustive(hessian).largest(new Negated(hessian), 2).value());
        assertRelative("λ_max(F)", c.fisherLambdaMax(), exhaustive(fisher).largest(fisher, 2).value());
    }

    /** The Gauss–Newton matrix is PSD: its smallest eigenvalue, −λ_max(−F), is ≥ −tol·λ_max(F). */
    @ParameterizedTest
    @ValueSource(strings = {"bn-eps0-identity-ce", "bn-relu-mse-ghost4", "bn-tanh-ce", "mimicnorm-relu-ce",
        "plain-tanh-mse"})
    void gaussNewtonIsPositiveSemiDefinite(String name) {
        GoldenCase c = GoldenCase.load(name);
        LinearOperator fisher = operator(c, Curvature.GAUSS_NEWTON);
        double top = exhaustive(fisher).largest(fisher, 3).value();
        double bottom = -exhaustive(fisher).largest(new Negated(fisher), 3).value();
        assertTrue(bottom >= -PSD_TOLERANCE * top, name + ": λ_min(F) = " + bottom);
    }

    /**
     * The previous top Ritz vector (with its random component), after a small training step, is a better start than a
     * random vector.
     */
    @Test
    void warmStartNeedsFewerProducts() {
        GoldenCase c = GoldenCase.load("bn-tanh-ce");
        LinearOperator hessian = operator(c, Curvature.HESSIAN);
        Lanczos lanczos = new Lanczos();
        EigenEstimate before = lanczos.largest(hessian, 1);
        INDArray gradient = c.network().params().zeros();
        c.network().gradient(c.batch(), BatchNormMode.TRAIN, gradient);
        c.network().theta().subi(gradient.muli(0.05));
        EigenEstimate cold = lanczos.largest(hessian, 1);
        EigenEstimate warm = lanczos.largest(hessian, before.vector(), 2);
        assertTrue(cold.converged() && warm.converged());
        assertTrue(warm.products() < cold.products(), "warm " + warm.products() + " vs cold " + cold.products());
        assertEquals(cold.value(), warm.value(), 1e-3 * Math.abs(cold.value()));
    }

    static void assertRelative(String what, double expected, double actual) {
        assertEquals(expected, actual, EIGEN_TOLERANCE * Math.abs(expected), what);
    }
}
