package org.normlab.sim.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.linalg.JacobiEigenvalues;

/** Loss, gradient, Hv, Gv and extreme eigenvalues against an independent float64 implementation. */
class GoldenTest {
    static final double VALUE_TOLERANCE = 1e-10;
    static final double EIGEN_TOLERANCE = 1e-9;

    @ParameterizedTest
    @ValueSource(strings = {"bn-eps0-identity-ce", "bn-relu-mse-ghost4", "bn-tanh-ce", "mimicnorm-relu-ce",
        "plain-tanh-mse"})
    void lossAndGradientMatch(String name) {
        GoldenCase c = GoldenCase.load(name);
        INDArray grad = c.network().params().zeros();
        double loss = c.network().gradient(c.batch(), BatchNormMode.TRAIN, grad);
        assertClose("loss", Numerics.relativeError(loss, c.loss()), VALUE_TOLERANCE);
        assertClose("gradient", Numerics.relativeError(grad, c.grad()), VALUE_TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bn-eps0-identity-ce", "bn-relu-mse-ghost4", "bn-tanh-ce", "mimicnorm-relu-ce",
        "plain-tanh-mse"})
    void hessianVectorProductMatches(String name) {
        GoldenCase c = GoldenCase.load(name);
        INDArray hv = c.network().params().zeros();
        c.network().hessianVectorProduct(c.batch(), BatchNormMode.TRAIN, c.vector(c.v()), hv);
        assertClose("Hv", Numerics.relativeError(hv, c.hvp()), VALUE_TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bn-eps0-identity-ce", "bn-relu-mse-ghost4", "bn-tanh-ce", "mimicnorm-relu-ce",
        "plain-tanh-mse"})
    void gaussNewtonVectorProductMatches(String name) {
        GoldenCase c = GoldenCase.load(name);
        INDArray gv = c.network().params().zeros();
        c.network().gaussNewtonVectorProduct(c.batch(), BatchNormMode.TRAIN, c.vector(c.v()), gv);
        assertClose("Gv", Numerics.relativeError(gv, c.ggnV()), VALUE_TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bn-eps0-identity-ce", "bn-relu-mse-ghost4", "bn-tanh-ce", "mimicnorm-relu-ce",
        "plain-tanh-mse"})
    void extremeEigenvaluesOfDenseMatricesMatch(String name) {
        GoldenCase c = GoldenCase.load(name);
        double[] hessian = JacobiEigenvalues.of(DenseOperators.hessian(c.network(), c.batch(), BatchNormMode.TRAIN));
        double[] fisher = JacobiEigenvalues.of(
                DenseOperators.gaussNewton(c.network(), c.batch(), BatchNormMode.TRAIN));
        assertClose("λ_max(H)", Numerics.relativeError(hessian[hessian.length - 1], c.hessianLambdaMax()),
                EIGEN_TOLERANCE);
        assertClose("λ_min(H)", Numerics.relativeError(hessian[0], c.hessianLambdaMin()), EIGEN_TOLERANCE);
        assertClose("λ_max(F)", Numerics.relativeError(fisher[fisher.length - 1], c.fisherLambdaMax()),
                EIGEN_TOLERANCE);
    }

    static void assertClose(String what, double error, double tolerance) {
        assertTrue(error <= tolerance, what + ": relative error " + error + " > " + tolerance);
    }
}
