package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.model.Params;
import org.normlab.sim.optim.Stepper;
import org.normlab.sim.run.Json;
import org.normlab.sim.run.OptimizerSetup;

/**
 * Every optimizer's drawn threshold is where its own iteration turns unstable. On a quadratic
 * {@code ½(θ−θ*)ᵀ cA (θ−θ*)} over a small network's parameter layout (A seeded, positive semi-definite), the run's
 * optimizer — built from its experiment-file form, as a run builds it — steps from a tiny perturbation of θ*; c is
 * chosen so that the curvature the probe compares (the top eigenvalue of {@link StepOperator} on cA, dense and exact)
 * is 5% below or 5% above the threshold the probe writes. Below, the perturbation shrinks; above, it grows by orders
 * of magnitude. θ* is 0 on the decayed entries, so decay keeps θ* a fixed point, and satisfies the constraints; A is
 * steep across a constraint (radial directions of unit rows, row means), which the constrained step never feels.
 */
class ThresholdTest {
    private static final double MARGIN = 0.05;
    private static final int STEPS = 200;
    /** Steps at θ* before the perturbation: Adam's bias correction settles, INSGD's input power is set. */
    private static final int SETTLE = 300;
    private static final double PERTURBATION = 1e-10;
    private static final double GROWTH = 100;
    private static final double SCALE_TOLERANCE = 1e-10;
    /** Curvature of A across a constraint, three times A's largest along it. */
    private static final double ACROSS_CONSTRAINT = 3;

    /** θ*'s scale-invariant rows have this norm (WRS's constraint), or 2: PSI-SGD's ‖w_k‖² then differs from 1. */
    record Case(String name, String json, Normalization normalization, double rowNorm) {
        Case(String name, String json, Normalization normalization) {
            this(name, json, normalization, 2);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> optimizers() {
        Normalization bn = Normalization.BATCH_NORM;
        return Stream.of(
                new Case("sgd", "{\"name\":\"sgd\",\"learningRate\":0.1}", bn),
                new Case("momentum", "{\"name\":\"momentum\",\"learningRate\":0.1,\"momentum\":0.9}", bn),
                new Case("nesterov", "{\"name\":\"nesterov\",\"learningRate\":0.1,\"momentum\":0.9}", bn),
                new Case("sgd_wd (coupled L2 on the weights)", "{\"name\":\"sgd_wd\",\"learningRate\":0.1,"
                        + "\"weightDecay\":2,\"momentum\":0.5}", bn),
                new Case("adam", "{\"name\":\"adam\",\"learningRate\":0.01,\"epsilon\":1}", bn),
                new Case("adamw (decoupled decay on the weights)", "{\"name\":\"adamw\",\"learningRate\":0.01,"
                        + "\"epsilon\":1,\"weightDecay\":30}", bn),
                new Case("psi_sgd", "{\"name\":\"psi_sgd\",\"learningRate\":0.1,\"momentum\":0.9,"
                        + "\"weightDecay\":2,\"decay\":\"all\"}", bn),
                new Case("psi_sgd with retraction", "{\"name\":\"psi_sgd\",\"learningRate\":0.1,\"momentum\":0.5,"
                        + "\"retraction\":true}", bn),
                new Case("wrs", "{\"name\":\"wrs\",\"learningRate\":0.1,\"momentum\":0.5,\"weightDecay\":2}", bn,
                        1),
                new Case("wrs to the initial norms", "{\"name\":\"wrs\",\"learningRate\":0.1,\"initialNorm\":true}",
                        bn),
                new Case("insgd", "{\"name\":\"insgd\",\"learningRate\":0.1,\"momentum\":0.9,\"weightDecay\":2}", bn),
                new Case("mimic_norm(nesterov)", "{\"name\":\"mimic_norm\",\"firstLayer\":true,"
                        + "\"inner\":{\"name\":\"nesterov\",\"learningRate\":0.1,\"momentum\":0.5}}",
                        Normalization.MIMIC_NORM),
                new Case("mimic_norm(insgd)", "{\"name\":\"mimic_norm\",\"inner\":{\"name\":\"insgd\","
                        + "\"learningRate\":0.1,\"momentum\":0.9}}", Normalization.MIMIC_NORM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void theDrawnThresholdIsWhereTheIterationTurnsUnstable(Case c) {
        Quadratic below = new Quadratic(c);
        double threshold = below.drawnThreshold();
        below.scaleTo((1 - MARGIN) * threshold);
        double shrunk = below.perturbAndStep();
        assertTrue(shrunk < 1, c + ": 5% below the threshold " + threshold + " the perturbation grew by " + shrunk);
        Quadratic above = new Quadratic(c);
        above.scaleTo((1 + MARGIN) * threshold);
        double grown = above.perturbAndStep();
        assertTrue(grown > GROWTH, c + ": 5% above the threshold " + threshold + " the perturbation grew only by "
                + grown);
    }

    /**
     * Nesterov's line is not heavy ball's: at μ = 0.9 it is 2.8× lower, and halfway between the two a Nesterov run
     * already diverges (the heavy-ball line would call it stable).
     */
    @Test
    void nesterovDivergesBelowTheHeavyBallLine() {
        Quadratic nesterov = new Quadratic(optimizers().filter(c -> c.name().equals("nesterov")).findFirst()
                .orElseThrow());
        double drawn = nesterov.drawnThreshold();
        double heavyBall = 2 * 1.9 / 0.1;
        assertEquals(heavyBall / 2.8, drawn, 1e-12 * drawn);
        nesterov.scaleTo((drawn + heavyBall) / 2);
        assertTrue(nesterov.perturbAndStep() > GROWTH);
    }

    /**
     * Periodic sampling draws no threshold, and none would apply: 10% above SGD's 2/η, plain SGD grows while PSWA
     * around the same SGD (period 10) stays bounded, its period-end average damping the oscillation. MimicNorm around
     * Adam draws none either (Adam's per-entry preconditioner and the row centring give no symmetric operator).
     */
    @Test
    void noThresholdWhereNoneApplies() {
        Case sgd = new Case("sgd", "{\"name\":\"sgd\",\"learningRate\":0.1}", Normalization.BATCH_NORM);
        Case pswa = new Case("pswa(sgd)", "{\"name\":\"pswa\",\"period\":10,\"inner\":{\"name\":\"sgd\","
                + "\"learningRate\":0.1}}", Normalization.BATCH_NORM);
        Case mimicAdam = new Case("mimic_norm(adam)", "{\"name\":\"mimic_norm\",\"inner\":{\"name\":\"adam\"}}",
                Normalization.MIMIC_NORM);
        for (Case none : new Case[] {pswa, mimicAdam}) {
            Quadratic q = new Quadratic(none);
            assertFalse(q.rule().hasThreshold(), none.name());
            assertTrue(q.recordedThresholds().isEmpty(), none.name() + " wrote " + q.recordedThresholds());
        }
        Quadratic plain = new Quadratic(sgd);
        plain.scaleTo(1.1 * 2 / 0.1);
        assertTrue(plain.perturbAndStep() > GROWTH);
        Quadratic sampled = new Quadratic(pswa);
        sampled.scaleTo(1.1 * 2 / 0.1);
        assertTrue(sampled.perturbAndStep() < 1, "PSWA bounded above SGD's line");
    }

    /** One optimizer on the quadratic, built and probed as a run builds and probes it. */
    private static final class Quadratic {
        private final Network network;
        private final Batch probeSet;
        private final OptimizerSetup setup;
        private final Stepper stepper;
        private final INDArray decayed;
        private final INDArray optimum;
        private final double[][] a;
        private double scale = 1;
        private long steps;

        Quadratic(Case c) {
            network = new Network(ProbedTraining.spec(c.normalization(), 0));
            probeSet = Batch.all(ProbedTraining.planeIn6d());
            // INSGD reads the layer inputs of a twin's one pass: the probes run the quadratic's θ through the network.
            Network inputs = new Network(ProbedTraining.spec(c.normalization(), 0));
            inputs.lossAndGradient(probeSet, inputs.params().zeros());
            setup = OptimizerSetup.fromJson(parse(c.json()));
            Params params = network.params();
            decayed = setup.decayMask(params);
            INDArray theta = network.theta();
            for (Params.Tensor t : params.scaleInvariantTensors()) {
                INDArray w = params.view(theta, t);
                w.diviColumnVector(w.norm2(true, 1)).muli(c.rowNorm());
            }
            theta.muli(decayed.rsub(1));
            stepper = new Stepper(setup.transform(new OptimizerSetup.Binding(inputs, 10, batches -> { })),
                    params, theta);
            optimum = theta.dup();
            a = spectrum(Math.toIntExact(params.size()), new Random(31));
            // Steep across the constraint (radial or row-mean directions), which its projection takes out of play.
            for (int j = 0; j < a.length; j++) {
                INDArray e = params.zeros().putScalar(j, 1);
                INDArray tangent = e.dup();
                stepper.projectOntoTangent(tangent);
                double[] normal = e.subi(tangent).toDoubleVector();
                for (int i = 0; i < a.length; i++) {
                    a[i][j] += ACROSS_CONSTRAINT * normal[i];
                }
            }
            INDArray zero = params.zeros();
            for (int t = 0; t < SETTLE; t++) {
                step(zero);
            }
        }

        StepRule rule() {
            return setup.stepRule(stepper.hyperparameters().values());
        }

        ProbeContext context() {
            return ProbeContext.of(steps, network, probeSet, rule()).withOptimizer(stepper, decayed);
        }

        /** The thresholds the run's sharpness probe writes at this step (it measures the network, not A). */
        Map<String, Double> recordedThresholds() {
            Recorded sink = new Recorded();
            Probes.of(network, rule().kind(), EnumSet.of(Probes.Family.SHARPNESS), BatchNormMode.TRAIN,
                    new Lanczos(), new Cadence(1, 1, 1), 1_000_000, 3).atStep(context(), sink);
            Map<String, Double> thresholds = new TreeMap<>();
            for (String key : new String[] {"hessian.threshold", "preconditioned_hessian.threshold"}) {
                if (sink.has(key, steps)) {
                    thresholds.put(key, sink.value(key, steps));
                }
            }
            return thresholds;
        }

        /** The threshold the probe writes beside this run's sharpness: exactly one, equal to the rule's. */
        double drawnThreshold() {
            Map<String, Double> thresholds = recordedThresholds();
            assertEquals(1, thresholds.size(), thresholds.toString());
            String expected = rule().preconditioned() ? "preconditioned_hessian.threshold" : "hessian.threshold";
            assertEquals(rule().threshold(), thresholds.get(expected));
            return rule().threshold();
        }

        /** Sets c so that the probe's curvature of cA is {@code target} (secant steps on c; it is convex in c). */
        void scaleTo(double target) {
            double c0 = 0;
            double f0 = curvature(0) - target;
            double c1 = target / Math.max(curvature(1) - curvature(0), 1e-300);
            double f1 = curvature(c1) - target;
            while (Math.abs(f1) > SCALE_TOLERANCE * target) {
                double c2 = c1 - f1 * (c1 - c0) / (f1 - f0);
                c0 = c1;
                f0 = f1;
                c1 = c2;
                f1 = curvature(c1) - target;
            }
            scale = c1;
        }

        /** The top eigenvalue of the probe's operator on cA, dense. */
        private double curvature(double c) {
            scale = c;
            LinearOperator operator = StepOperator.of(hessian(), context()).orElseThrow();
            return CurvatureProbesTest.top(CurvatureProbesTest.denseEigenvalues(operator));
        }

        private LinearOperator hessian() {
            int n = a.length;
            return new LinearOperator() {
                @Override
                public long dimension() {
                    return n;
                }

                @Override
                public void apply(INDArray v, INDArray out) {
                    out.assign(Nd4j.createFromArray(times(v.toDoubleVector())));
                }
            };
        }

        private double[] times(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    y[i] += scale * a[i][j] * x[j];
                }
            }
            return y;
        }

        /** ‖θ − θ*‖ after {@link #STEPS} steps from a perturbation on the constraint's tangent space, relative. */
        double perturbAndStep() {
            INDArray perturbation = Nd4j.createFromArray(new Random(5).doubles(a.length, -1, 1).toArray());
            stepper.projectOntoTangent(perturbation);
            perturbation.muli(PERTURBATION / perturbation.norm2Number().doubleValue());
            network.theta().addi(perturbation);
            double growth = 1;
            // Stops once grown past any doubt: far out, PSI-SGD's ‖w_k‖² scaling would overflow.
            for (int t = 0; t < STEPS && growth <= GROWTH * GROWTH; t++) {
                INDArray offset = network.theta().sub(optimum);
                step(Nd4j.createFromArray(times(offset.toDoubleVector())));
                growth = network.theta().sub(optimum).norm2Number().doubleValue() / PERTURBATION;
            }
            return growth;
        }

        private void step(INDArray gradient) {
            stepper.step(gradient.dup());
            steps++;
        }

        /** A = Σ_k d_k q_k q_kᵀ, q_k seeded orthonormal (Gram–Schmidt), d spread over [0, 1]. */
        private static double[][] spectrum(int n, Random random) {
            double[][] q = new double[n][];
            for (int k = 0; k < n; k++) {
                q[k] = random.doubles(n, -1, 1).toArray();
                for (int pass = 0; pass < 2; pass++) {
                    for (int j = 0; j < k; j++) {
                        double along = dot(q[k], q[j]);
                        for (int i = 0; i < n; i++) {
                            q[k][i] -= along * q[j][i];
                        }
                    }
                }
                double norm = Math.sqrt(dot(q[k], q[k]));
                for (int i = 0; i < n; i++) {
                    q[k][i] /= norm;
                }
            }
            double[] d = random.doubles(n, 0, 1).toArray();
            double[][] result = new double[n][n];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        result[i][j] += d[k] * q[k][i] * q[k][j];
                    }
                }
            }
            return result;
        }

        private static double dot(double[] x, double[] y) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[i] * y[i];
            }
            return s;
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
