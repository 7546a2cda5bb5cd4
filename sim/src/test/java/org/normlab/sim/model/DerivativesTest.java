package org.normlab.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.normlab.sim.model.GoldenTest.assertClose;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.linalg.JacobiEigenvalues;

/** The exact derivatives against central differences, dense matrices and each other (sim/docs/math.md §2). */
class DerivativesTest {
    static final double STEP = 1e-5;
    static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;
    static final double DENSE_TOLERANCE = 1e-12;
    static final double GAUSS_NEWTON_TOLERANCE = 1e-9;
    static final int SAMPLES_PER_TENSOR = 4;
    static final String VARIETY = "org.normlab.sim.model.TestNetworks#variety";

    private final Batch batch = TestNetworks.batch(12, 4, 3, 5);

    @ParameterizedTest
    @MethodSource(VARIETY)
    void gradientMatchesCentralDifferencesOnEveryTensor(NetworkSpec spec) {
        Network net = TestNetworks.network(spec);
        INDArray grad = net.params().zeros();
        net.gradient(batch, BatchNormMode.TRAIN, grad);
        Random random = new Random(1);
        for (Params.Tensor t : net.params().tensors()) {
            double[] exact = new double[SAMPLES_PER_TENSOR];
            double[] numeric = new double[SAMPLES_PER_TENSOR];
            for (int s = 0; s < SAMPLES_PER_TENSOR; s++) {
                long i = t.offset() + random.nextInt((int) t.length());
                exact[s] = grad.getDouble(i);
                INDArray e = net.params().zeros();
                e.putScalar(i, 1.0);
                numeric[s] = centralDifference(h -> {
                    net.theta().addi(e.mul(h));
                    double loss = net.loss(batch, BatchNormMode.TRAIN);
                    net.theta().subi(e.mul(h));
                    return loss;
                });
            }
            // Relative to the whole gradient's scale: some blocks are exactly zero (MimicNorm's last bias, which
            // the logits' BatchNorm removes), where central differences leave only rounding noise.
            double scale = Math.max(norm(numeric), grad.norm2Number().doubleValue());
            assertClose(spec + " ∂L/∂" + t.name(), norm(difference(exact, numeric)) / scale,
                    FINITE_DIFFERENCE_TOLERANCE);
        }
    }

    @ParameterizedTest
    @MethodSource(VARIETY)
    void hessianVectorProductMatchesDifferencesOfTheGradientInBothModes(NetworkSpec spec) {
        Network net = TestNetworks.network(spec);
        INDArray scratch = net.params().zeros();
        net.lossAndGradient(TestNetworks.batch(12, 4, 3, 9), scratch);
        INDArray v = randomDirection(net, 2);
        for (BatchNormMode mode : BatchNormMode.values()) {
            INDArray hv = net.params().zeros();
            net.hessianVectorProduct(batch, mode, v, hv);
            double[] numeric = centralDifferenceOfGradient(net, mode, v);
            assertClose(spec + " Hv in " + mode, Numerics.relativeError(hv, numeric), FINITE_DIFFERENCE_TOLERANCE);
        }
    }

    @ParameterizedTest
    @MethodSource(VARIETY)
    void denseHessianIsSymmetricAndReproducesTheProduct(NetworkSpec spec) {
        Network net = TestNetworks.network(spec);
        assertTrue(net.params().size() <= 300, "dense checks need a tiny net");
        double[][] h = DenseOperators.hessian(net, batch, BatchNormMode.TRAIN);
        double asymmetry = 0;
        double norm = 0;
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < h.length; j++) {
                asymmetry = Math.max(asymmetry, Math.abs(h[i][j] - h[j][i]));
                norm = Math.max(norm, Math.abs(h[i][j]));
            }
        }
        assertClose(spec + " H − Hᵀ", asymmetry / norm, DENSE_TOLERANCE);
        INDArray v = randomDirection(net, 3);
        INDArray hv = net.params().zeros();
        net.hessianVectorProduct(batch, BatchNormMode.TRAIN, v, hv);
        assertClose(spec + " dense H v", Numerics.relativeError(times(h, v.toDoubleVector()), hv.toDoubleVector()),
                DENSE_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource(VARIETY)
    void gaussNewtonEqualsExplicitJacobianProductAndIsPositiveSemidefinite(NetworkSpec spec) {
        Network net = TestNetworks.network(spec);
        int p = (int) net.params().size();
        int n = batch.size();
        int k = spec.outputSize();
        double[][] jacobian = new double[n * k][p];
        for (int j = 0; j < p; j++) {
            INDArray e = net.params().zeros();
            e.putScalar(j, 1.0);
            double[] column = net.jacobianVectorProduct(batch, BatchNormMode.TRAIN, e).reshape(n * k).toDoubleVector();
            for (int r = 0; r < n * k; r++) {
                jacobian[r][j] = column[r];
            }
        }
        INDArray v = randomDirection(net, 4);
        double[] jvNumeric = centralDifferenceOfOutputs(net, v);
        assertClose(spec + " Jv", Numerics.relativeError(times(jacobian, v.toDoubleVector()), jvNumeric),
                FINITE_DIFFERENCE_TOLERANCE);

        double[][] lossHessian = outputSpaceHessian(net, spec);
        double[][] explicit = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int r = 0; r < n * k; r++) {
                for (int s = 0; s < n * k; s++) {
                    if (lossHessian[r][s] != 0) {
                        double m = jacobian[r][a] * lossHessian[r][s] / n;
                        for (int b = 0; b < p; b++) {
                            explicit[a][b] += m * jacobian[s][b];
                        }
                    }
                }
            }
        }
        double[][] dense = DenseOperators.gaussNewton(net, batch, BatchNormMode.TRAIN);
        assertClose(spec + " JᵀMJ/n", Numerics.relativeError(flat(dense), flat(explicit)), GAUSS_NEWTON_TOLERANCE);
        double[] eigenvalues = JacobiEigenvalues.of(dense);
        double top = eigenvalues[eigenvalues.length - 1];
        assertTrue(eigenvalues[0] >= -1e-12 * top, spec + ": Gauss–Newton has eigenvalue " + eigenvalues[0]);
    }

    /** For f = x Wᵀ + b with ½-MSE, F = I_k ⊗ X̃ᵀX̃/n with X̃ = [X, 1], so λ_max(F) = λ_max(X̃ᵀX̃/n). */
    @Test
    void fisherOfALinearModelWithMseIsTheInputSecondMoment() {
        NetworkSpec spec = TestNetworks.spec(Activation.IDENTITY, Normalization.NONE, LossFunction.HALF_MSE, 0, 0);
        Network net = new Network(spec);
        double[][] x = batch.x().toDoubleMatrix();
        int n = x.length;
        int d = x[0].length;
        double[][] moment = new double[d + 1][d + 1];
        for (double[] row : x) {
            double[] augmented = java.util.Arrays.copyOf(row, d + 1);
            augmented[d] = 1;
            for (int a = 0; a <= d; a++) {
                for (int b = 0; b <= d; b++) {
                    moment[a][b] += augmented[a] * augmented[b] / n;
                }
            }
        }
        double[] fisher = JacobiEigenvalues.of(DenseOperators.gaussNewton(net, batch, BatchNormMode.TRAIN));
        double[] expected = JacobiEigenvalues.of(moment);
        assertClose("λ_max(F)", Numerics.relativeError(fisher[fisher.length - 1], expected[d]), 1e-12);
    }

    @Test
    void derivativesLeaveParametersAndRunningStatisticsUntouched() {
        Network net = TestNetworks.network(TestNetworks.variety().get(1));
        net.lossAndGradient(batch, net.params().zeros());
        INDArray theta = net.theta().dup();
        var stats = net.copyRunningStatistics();
        INDArray out = net.params().zeros();
        net.hessianVectorProduct(batch, BatchNormMode.TRAIN, randomDirection(net, 5), out);
        net.gaussNewtonVectorProduct(batch, BatchNormMode.TRAIN, randomDirection(net, 6), out);
        net.gradient(batch, BatchNormMode.EVAL, out);
        net.evaluate(batch, BatchNormMode.TRAIN);
        assertEquals(theta, net.theta());
        assertEquals(stats, net.copyRunningStatistics());
    }

    private double centralDifference(java.util.function.DoubleUnaryOperator f) {
        return (f.applyAsDouble(STEP) - f.applyAsDouble(-STEP)) / (2 * STEP);
    }

    private double[] centralDifferenceOfGradient(Network net, BatchNormMode mode, INDArray v) {
        INDArray plus = net.params().zeros();
        INDArray minus = net.params().zeros();
        net.theta().addi(v.mul(STEP));
        net.gradient(batch, mode, plus);
        net.theta().subi(v.mul(2 * STEP));
        net.gradient(batch, mode, minus);
        net.theta().addi(v.mul(STEP));
        return plus.subi(minus).divi(2 * STEP).toDoubleVector();
    }

    private double[] centralDifferenceOfOutputs(Network net, INDArray v) {
        net.theta().addi(v.mul(STEP));
        INDArray plus = net.outputs(batch.x(), BatchNormMode.TRAIN).dup();
        net.theta().subi(v.mul(2 * STEP));
        INDArray minus = net.outputs(batch.x(), BatchNormMode.TRAIN).dup();
        net.theta().addi(v.mul(STEP));
        return plus.subi(minus).divi(2 * STEP).reshape(plus.length()).toDoubleVector();
    }

    /** M for the whole output matrix, row-major over (example, class): softmax Hessians or the identity. */
    private double[][] outputSpaceHessian(Network net, NetworkSpec spec) {
        int n = batch.size();
        int k = spec.outputSize();
        double[][] m = new double[n * k][n * k];
        double[][] f = net.outputs(batch.x(), BatchNormMode.TRAIN).toDoubleMatrix();
        for (int i = 0; i < n; i++) {
            double[] p = new double[k];
            double max = java.util.Arrays.stream(f[i]).max().orElseThrow();
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[c] = Math.exp(f[i][c] - max);
                sum += p[c];
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    m[i * k + a][i * k + b] = spec.loss() == LossFunction.HALF_MSE
                            ? (a == b ? 1 : 0)
                            : (a == b ? p[a] / sum : 0) - p[a] * p[b] / (sum * sum);
                }
            }
        }
        return m;
    }

    static INDArray randomDirection(Network net, long seed) {
        Random random = new Random(seed);
        double[] v = new double[(int) net.params().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.createFromArray(v);
    }

    private static double norm(double[] a) {
        return Math.sqrt(java.util.Arrays.stream(a).map(x -> x * x).sum());
    }

    private static double[] difference(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double[] flat(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += a[i][j] * v[j];
            }
        }
        return out;
    }
}
