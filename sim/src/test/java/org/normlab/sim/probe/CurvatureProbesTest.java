package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.linalg.JacobiEigenvalues;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.optim.Optimizers;

/**
 * The curvature probes on tiny networks against dense references built column by column and solved by Jacobi:
 * sharpness, preconditioned sharpness and the Fisher to 1e-8, with their thresholds, convergence flags and warm
 * starts.
 */
class CurvatureProbesTest {
    static final double EIGEN_TOLERANCE = 1e-8;
    static final double PSD_TOLERANCE = 1e-10;
    static final double EXACT = 1e-12;
    static final double LEARNING_RATE = 0.1;
    static final double MOMENTUM = 0.9;

    /** A BN network after five heavy-ball steps (off its initialization), with the context at that step. */
    static ProbedTraining trained(int ghostBatchSize) {
        NetworkSpec spec = ProbedTraining.spec(Normalization.BATCH_NORM, 1e-5).withGhostBatchSize(ghostBatchSize);
        ProbedTraining run = new ProbedTraining(spec, Optimizers.momentum(LEARNING_RATE),
                StepRule.heavyBall(LEARNING_RATE, MOMENTUM), ProbedTraining.planeIn6d());
        for (int t = 0; t < 5; t++) {
            run.step();
        }
        return run;
    }

    /** Lanczos allowed the whole space and a tight stopping rule. */
    static Lanczos exhaustive(Network network) {
        return new Lanczos(Math.toIntExact(network.params().size()), EXACT);
    }

    /** Ascending eigenvalues of the dense matrix with columns {@code A e_j}. */
    static double[] denseEigenvalues(LinearOperator a) {
        int n = Math.toIntExact(a.dimension());
        double[][] m = new double[n][n];
        INDArray e = Nd4j.zeros(n);
        INDArray column = Nd4j.zeros(n);
        for (int j = 0; j < n; j++) {
            e.putScalar(j, 1.0);
            a.apply(e, column);
            e.putScalar(j, 0.0);
            for (int i = 0; i < n; i++) {
                m[i][j] = column.getDouble(i);
            }
        }
        return JacobiEigenvalues.of(m);
    }

    static double top(double[] ascending) {
        return ascending[ascending.length - 1];
    }

    static Recorded measure(Probe probe, ProbeContext context) {
        Recorded sink = new Recorded();
        new Probes(List.of(probe)).atStep(context, sink);
        return sink;
    }

    static void assertConvergedTo(double expected, String prefix, Recorded sink, long step) {
        assertEquals(expected, sink.value(prefix + ".top_eig", step), EIGEN_TOLERANCE * Math.abs(expected), prefix);
        assertEquals(1.0, sink.value(prefix + ".converged", step), prefix);
        assertTrue(sink.value(prefix + ".error_bound", step) <= EXACT * Math.abs(expected), prefix);
        assertEquals(sink.value(prefix + ".iterations", step), sink.value(prefix + ".products", step),
                prefix + ": one product per step, the bound combined from them");
    }

    @ParameterizedTest
    @EnumSource(BatchNormMode.class)
    void sharpnessIsTheDenseHessiansTopEigenvalue(BatchNormMode mode) {
        ProbedTraining run = trained(mode == BatchNormMode.TRAIN ? 12 : 0);
        double expected = top(denseEigenvalues(Curvature.HESSIAN.of(run.network, run.probeSet, mode)));
        Recorded sink = measure(new Sharpness(Schedule.every(1), mode, exhaustive(run.network), 4), run.context());
        String prefix = mode == BatchNormMode.TRAIN ? "hessian" : "hessian_eval";
        assertConvergedTo(expected, prefix, sink, run.step);
        assertEquals(2 * (1 + MOMENTUM) / LEARNING_RATE, sink.value(prefix + ".threshold", run.step), EXACT);
    }

    @ParameterizedTest
    @EnumSource(BatchNormMode.class)
    void fisherIsTheDenseGaussNewtonsTopEigenvalueAndPositiveSemiDefinite(BatchNormMode mode) {
        ProbedTraining run = trained(0);
        double[] spectrum = denseEigenvalues(Curvature.GAUSS_NEWTON.of(run.network, run.probeSet, mode));
        Recorded sink = measure(new FisherEigenvalue(Schedule.every(1), mode, exhaustive(run.network), 5),
                run.context());
        String prefix = mode == BatchNormMode.TRAIN ? "fisher" : "fisher_eval";
        assertConvergedTo(top(spectrum), prefix, sink, run.step);
        assertTrue(spectrum[0] >= -PSD_TOLERANCE * top(spectrum), "λ_min(F) = " + spectrum[0]);
        assertEquals(2 * (1 + MOMENTUM) / sink.value(prefix + ".top_eig", run.step),
                sink.value(prefix + ".eta_star", run.step), EXACT);
    }

    /** λ_max(P^{-1/2} H P^{-1/2}) with P = (1−β₁^t)(sqrt(v̂) + ε)/η formed here, entry by entry. */
    @Test
    void preconditionedSharpnessIsTheDenseScaledHessiansTopEigenvalue() {
        ProbedTraining run = trained(0);
        double beta1 = 0.9;
        double epsilon = 1e-3;
        long adamStep = 7;
        int n = (int) run.network.params().size();
        Random random = new Random(6);
        double[] secondMoment = new double[n];
        double[] inverseSqrtP = new double[n];
        for (int i = 0; i < n; i++) {
            secondMoment[i] = Math.exp(2 * random.nextGaussian()) * 1e-3;
            double p = (1 - Math.pow(beta1, adamStep)) * (Math.sqrt(secondMoment[i]) + epsilon) / LEARNING_RATE;
            inverseSqrtP[i] = 1 / Math.sqrt(p);
        }
        LinearOperator hessian = Curvature.HESSIAN.of(run.network, run.probeSet, BatchNormMode.TRAIN);
        INDArray scale = Nd4j.createFromArray(inverseSqrtP);
        LinearOperator scaled = new LinearOperator() {
            @Override
            public long dimension() {
                return n;
            }

            @Override
            public void apply(INDArray v, INDArray out) {
                hessian.apply(v.mul(scale), out);
                out.muli(scale);
            }
        };
        double expected = top(denseEigenvalues(scaled));
        ProbeContext context = ProbeContext.of(run.step, run.network, run.probeSet,
                StepRule.adam(LEARNING_RATE, beta1, epsilon)).withAdam(Nd4j.createFromArray(secondMoment), adamStep);
        Recorded sink = measure(new PreconditionedSharpness(Schedule.every(1), BatchNormMode.TRAIN,
                exhaustive(run.network), 6), context);
        assertConvergedTo(expected, "preconditioned_hessian", sink, run.step);
        assertEquals(38, sink.value("preconditioned_hessian.threshold", run.step), EXACT);
    }

    /** A linear model with ½-MSE: F = AᵀA/n per output with A = [X 1], a spectrum known without the network. */
    @Test
    void linearModelFisherIsTheInputSecondMoment() {
        int n = 40;
        int d = 3;
        Random random = new Random(8);
        double[][] x = new double[n][d];
        int[] labels = new int[n];
        double[][] moment = new double[d + 1][d + 1];
        for (int i = 0; i < n; i++) {
            double[] a = new double[d + 1];
            for (int j = 0; j < d; j++) {
                x[i][j] = (j + 1) * random.nextGaussian() + 0.5;
                a[j] = x[i][j];
            }
            a[d] = 1;
            labels[i] = i % 2;
            for (int j = 0; j <= d; j++) {
                for (int k = 0; k <= d; k++) {
                    moment[j][k] += a[j] * a[k] / n;
                }
            }
        }
        Network linear = new Network(new NetworkSpec(d, List.of(), 2, Activation.IDENTITY, Normalization.NONE,
                Initialization.HE, LossFunction.HALF_MSE, 0, 0, 3));
        Batch data = Batch.all(new Dataset("gaussian", x, labels, 2));
        Recorded sink = measure(new FisherEigenvalue(Schedule.every(1), BatchNormMode.TRAIN, exhaustive(linear), 7),
                ProbeContext.of(0, linear, data, StepRule.gradientDescent(LEARNING_RATE)));
        assertConvergedTo(top(JacobiEigenvalues.of(moment)), "fisher", sink, 0);
        assertEquals(2 / sink.value("fisher.top_eig", 0), sink.value("fisher.eta_star", 0), EXACT);
    }

    /** Out of steps, the estimate is recorded with converged = 0 and, a Ritz value, below the true top. */
    @Test
    void nonConvergedEstimateIsMarked() {
        ProbedTraining run = trained(0);
        double expected = top(denseEigenvalues(Curvature.HESSIAN.of(run.network, run.probeSet, BatchNormMode.TRAIN)));
        Recorded sink = measure(new Sharpness(Schedule.every(1), BatchNormMode.TRAIN, new Lanczos(2, EXACT), 4),
                run.context());
        assertEquals(0.0, sink.value("hessian.converged", run.step));
        assertEquals(2.0, sink.value("hessian.iterations", run.step));
        assertEquals(2.0, sink.value("hessian.products", run.step));
        assertTrue(sink.value("hessian.top_eig", run.step) <= expected * (1 + EXACT));
        assertTrue(sink.value("hessian.error_bound", run.step) > 1e-6 * expected);
    }

    /**
     * The second estimate at the same θ starts from the first's Ritz vector plus a 10% random component: fewer steps
     * than cold, the same value within the bounds.
     */
    @Test
    void laterEstimatesAreWarmStarted() {
        ProbedTraining run = trained(0);
        Probes probes = new Probes(List.of(new Sharpness(Schedule.every(1), BatchNormMode.TRAIN, new Lanczos(), 4)));
        Recorded cold = new Recorded();
        Recorded warm = new Recorded();
        probes.atStep(run.context(), cold);
        probes.atStep(run.context(), warm);
        double coldSteps = cold.value("hessian.iterations", run.step);
        double warmSteps = warm.value("hessian.iterations", run.step);
        assertTrue(warmSteps < coldSteps, "cold " + coldSteps + ", warm " + warmSteps);
        assertEquals(1.0, warm.value("hessian.converged", run.step));
        assertEquals(cold.value("hessian.top_eig", run.step), warm.value("hessian.top_eig", run.step),
                cold.value("hessian.error_bound", run.step) + warm.value("hessian.error_bound", run.step));
    }
}
