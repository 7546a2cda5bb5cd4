package org.normlab.sim.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;

/**
 * Every optimizer reaches the minimizer θ* of {@code f(θ) = ½θᵀAθ − bᵀθ (+ ½λ θᵀMθ for coupled decay)} with a
 * seeded SPD A (eigenvalues in about [1, 2]) on the parameter layout of a small BN network. θ* is drawn first and b
 * derived from it; for the constrained methods θ* satisfies the constraint (unit or zero-mean rows), so it is also
 * their constrained minimizer.
 */
class QuadraticTest {
    private static final double TOLERANCE = 1e-8;
    private static final int STEPS = 600;
    /**
     * Adam with a constant step circles the minimizer at a distance of order η, so the adaptive methods take a
     * geometrically decaying learning rate (set between steps, as the UI would) and a looser tolerance.
     */
    private static final double ADAPTIVE_TOLERANCE = 1e-4;
    private static final int ADAPTIVE_STEPS = 2000;
    private static final double ADAPTIVE_DECAY = 0.997;

    /** What θ* must satisfy for the method to be able to reach it. */
    enum Constraint { NONE, UNIT_ROWS, CENTRED_ROWS }

    record Case(String name, Supplier<Transform> optimizer, Constraint constraint, double weightDecay,
                boolean adaptive) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> optimizers() {
        LayerInputs constantPower = (layer, kind) -> Math.exp(2);
        InputPower l1 = new InputPower(InputPower.Norm.L1, false);
        return Stream.of(
                new Case("sgd", () -> Optimizers.sgd(0.5), Constraint.NONE, 0, false),
                new Case("momentum", () -> Optimizers.momentum(0.1), Constraint.NONE, 0, false),
                new Case("nesterov", () -> Optimizers.nesterov(0.1), Constraint.NONE, 0, false),
                new Case("sgd + L2 on weights", () -> Optimizers.sgdWeightDecay(0.4, DecayMask.WEIGHTS)
                        .with("weightDecay", 0.3).with("momentum", 0.5), Constraint.NONE, 0.3, false),
                new Case("adam", () -> Optimizers.adam(0.05), Constraint.NONE, 0, true),
                new Case("adamw", () -> Optimizers.adamw(0.05, DecayMask.WEIGHTS).with("weightDecay", 0),
                        Constraint.NONE, 0, true),
                new Case("psi-sgd", () -> Optimizers.psiSgd(0.05, DecayMask.WEIGHTS).with("momentum", 0.9),
                        Constraint.NONE, 0, false),
                new Case("wrs", () -> Optimizers.wrs(0.5, DecayMask.WEIGHTS).with("weightDecay", 0),
                        Constraint.UNIT_ROWS, 0, false),
                new Case("mimicnorm", () -> Optimizers.mimicNorm(Optimizers.momentum(0.1), true),
                        Constraint.CENTRED_ROWS, 0, false),
                new Case("insgd", () -> Optimizers.insgd(0.2, DecayMask.WEIGHTS, constantPower, l1),
                        Constraint.NONE, 0, false),
                // Near θ* LARS's ratio is trust/(2λ) (there g = −λw): trust = 2λ makes it 1, SGD + L2's iteration.
                new Case("lars", () -> Optimizers.lars(0.4).with("weightDecay", 0.3).with("trust", 0.6)
                        .with("momentum", 0.5), Constraint.NONE, 0.3, false),
                new Case("pswa", () -> PeriodicSamplingTest.pswa(Optimizers.sgd(0.5), 10), Constraint.NONE, 0, false),
                new Case("pwalks", () -> PeriodicSamplingTest.pwalks(Optimizers.sgd(0.5), 10), Constraint.NONE, 0,
                        false),
                new Case("pswm", () -> PeriodicSamplingTest.pswm(Optimizers.sgd(0.5), 10), Constraint.NONE, 0,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void reachesTheMinimizerOfAConvexQuadratic(Case c) {
        Network net = SeededTraining.bnNetwork();
        Params params = net.params();
        int n = (int) params.size();
        Random random = new Random(21);
        double[][] a = spd(random, n);
        double[] optimum = feasible(params, random, c.constraint());
        double[] decayed = new double[n];
        for (Params.Tensor t : params.tensors()) {
            if (DecayMask.WEIGHTS.test(t)) {
                for (long i = t.offset(); i < t.offset() + t.length(); i++) {
                    decayed[(int) i] = c.weightDecay();
                }
            }
        }
        // b = (A + λM) θ*: with λθ added by the optimizer, the regularized gradient vanishes at θ*.
        double[] b = times(a, optimum);
        for (int i = 0; i < n; i++) {
            b[i] += decayed[i] * optimum[i];
        }
        Stepper stepper = new Stepper(c.optimizer().get(), params, net.theta());
        INDArray gradient = params.zeros();
        for (int step = 0; step < (c.adaptive() ? ADAPTIVE_STEPS : STEPS); step++) {
            if (c.adaptive()) {
                stepper.hyperparameters().set("learningRate",
                        ADAPTIVE_DECAY * stepper.hyperparameters().value("learningRate"));
            }
            double[] g = times(a, net.theta().toDoubleVector());
            for (int i = 0; i < n; i++) {
                g[i] -= b[i];
            }
            gradient.assign(Nd4j.createFromArray(g));
            stepper.step(gradient);
        }
        double error = distance(net.theta().toDoubleVector(), optimum) / Math.sqrt(dot(optimum, optimum));
        assertTrue(error <= (c.adaptive() ? ADAPTIVE_TOLERANCE : TOLERANCE),
                c.name() + ": relative distance to θ* " + error);
    }

    /** A = I + GᵀG/(4n), G a seeded Gaussian n×n matrix. */
    private static double[][] spd(Random random, int n) {
        double[][] g = SeededTraining.gaussian(random, n, n);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += g[k][i] * g[k][j] / (4.0 * n);
                }
            }
            a[i][i] += 1;
        }
        return a;
    }

    /** A seeded θ* whose scale-invariant rows are unit, or whose hidden rows are centred, as the method needs. */
    private static double[] feasible(Params params, Random random, Constraint constraint) {
        double[] theta = SeededTraining.gaussian(random, 1, (int) params.size())[0];
        for (Params.Tensor t : params.tensors()) {
            boolean unit = constraint == Constraint.UNIT_ROWS && t.scaleInvariantRows();
            boolean centred = constraint == Constraint.CENTRED_ROWS && t.role() == Params.Role.WEIGHT
                    && !t.name().equals("W2");
            for (int row = 0; row < t.rows() && (unit || centred); row++) {
                int start = (int) t.offset() + row * t.cols();
                double sum = 0;
                double squares = 0;
                for (int j = start; j < start + t.cols(); j++) {
                    sum += theta[j];
                    squares += theta[j] * theta[j];
                }
                for (int j = start; j < start + t.cols(); j++) {
                    theta[j] = unit ? theta[j] / Math.sqrt(squares) : theta[j] - sum / t.cols();
                }
            }
        }
        return theta;
    }

    private static double[] times(double[][] a, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = dot(a[i], x);
        }
        return y;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double distance(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(s);
    }
}
