package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Test;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.optim.DecayMask;
import org.normlab.sim.optim.Optimizers;
import org.normlab.sim.optim.Transform;

/**
 * The predictions written beside the measurements (sim/docs/math.md §7), in double precision: each against the identity
 * it rests on or an independent computation, following a hyperparameter change from the step after it, and absent
 * where its theory does not apply.
 */
class PredictionsTest {
    static final double ETA = 0.2;
    static final double LAMBDA = 0.05;
    static final double TIGHT = 1e-12;
    static final int STEPS = 8;

    /** SGD + coupled decay on the weights, on the net with ε_BN = 0 (exactly scale-invariant rows). */
    static ProbedTraining sgdWd(double eta, double lambda, double momentum) {
        Transform transform = Optimizers.sgdWeightDecay(eta, DecayMask.WEIGHTS).with("weightDecay", lambda)
                .with("momentum", momentum);
        ProbedTraining run = new ProbedTraining(ProbedTraining.spec(org.normlab.sim.model.Normalization.BATCH_NORM, 0),
                transform, rule(eta, lambda, momentum), ProbedTraining.planeIn6d());
        run.decayed = mask(run.network, DecayMask.WEIGHTS);
        return run;
    }

    static StepRule rule(double eta, double lambda, double momentum) {
        return new StepRule(StepRule.Kind.HEAVY_BALL, eta, momentum, 0, lambda);
    }

    static INDArray mask(Network network, java.util.function.Predicate<Params.Tensor> decayed) {
        Params params = network.params();
        INDArray mask = params.zeros();
        for (Params.Tensor t : params.tensors()) {
            if (decayed.test(t)) {
                params.view(mask, t).assign(1);
            }
        }
        return mask;
    }

    /** Trains {@code steps} more steps with {@code probes} due at every step, recording into {@code sink}. */
    static void train(ProbedTraining run, Probes probes, Recorded sink, int steps) {
        if (run.step == 0) {
            probes.atStep(run.context(), sink);
        }
        for (int t = 0; t < steps; t++) {
            run.step();
            probes.atStep(run.context(), sink);
        }
    }

    /** Under SGD + decay the measured ‖W_⊥‖ is (1−ηλ)^t ‖W_⊥(0)‖: the prediction equals it to round-off. */
    @Test
    void orthogonalNormIsItsPrediction() {
        ProbedTraining run = sgdWd(ETA, LAMBDA, 0);
        Recorded sink = new Recorded();
        train(run, new Probes(List.of(new OrthogonalNoise(run.network, Schedule.every(1)))), sink, STEPS);
        double initial = sink.value("weight.orthogonal_norm.layer0", 0);
        assertTrue(initial > 0.1, "‖W_⊥(0)‖ " + initial);
        for (int t = 0; t <= STEPS; t++) {
            double measured = sink.value("weight.orthogonal_norm.layer0", t);
            assertEquals(measured, sink.value("weight.predicted_orthogonal_norm.layer0", t), TIGHT * initial,
                    "step " + t);
            assertEquals(initial * Math.pow(1 - ETA * LAMBDA, t), measured, TIGHT * initial, "step " + t);
        }
        assertFalse(sink.has("weight.predicted_orthogonal_norm.layer1", STEPS), "hidden spans move: no prediction");
    }

    /**
     * η changes after step 4: the prediction follows the new rate from step 5 on, restarting from the measured
     * value at step 4, and still equals the measurement; a prediction carried on at the old rate would not.
     */
    @Test
    void orthogonalPredictionFollowsAChangeFromTheNextStep() {
        ProbedTraining run = sgdWd(ETA, LAMBDA, 0);
        Probes probes = new Probes(List.of(new OrthogonalNoise(run.network, Schedule.every(1))));
        Recorded sink = new Recorded();
        train(run, probes, sink, 4);
        double faster = 3 * ETA;
        run.set("learningRate", faster, rule(faster, LAMBDA, 0));
        train(run, probes, sink, 4);
        double atChange = sink.value("weight.orthogonal_norm.layer0", 4);
        for (int t = 5; t <= 8; t++) {
            double measured = sink.value("weight.orthogonal_norm.layer0", t);
            double predicted = sink.value("weight.predicted_orthogonal_norm.layer0", t);
            assertEquals(measured, predicted, TIGHT * atChange, "step " + t);
            assertEquals(atChange * Math.pow(1 - faster * LAMBDA, t - 4), predicted, TIGHT * atChange, "step " + t);
            double oldRate = atChange * Math.pow(1 - ETA * LAMBDA, t - 4);
            assertTrue(Math.abs(predicted - oldRate) > 1e-3 * atChange, "the old rate predicts otherwise");
        }
    }

    /** With momentum and decay W_⊥ picks up the momentum's history: no prediction; without decay it is constant. */
    @Test
    void orthogonalPredictionOnlyWhereTheTheoryHolds() {
        ProbedTraining heavy = sgdWd(ETA, LAMBDA, 0.9);
        Recorded sink = new Recorded();
        train(heavy, new Probes(List.of(new OrthogonalNoise(heavy.network, Schedule.every(1)))), sink, 2);
        assertFalse(sink.has("weight.predicted_orthogonal_norm.layer0", 2));
        ProbedTraining noDecay = sgdWd(ETA, 0, 0.9);
        Recorded constant = new Recorded();
        train(noDecay, new Probes(List.of(new OrthogonalNoise(noDecay.network, Schedule.every(1)))), constant, STEPS);
        double initial = constant.value("weight.orthogonal_norm.layer0", 0);
        assertEquals(initial, constant.value("weight.predicted_orthogonal_norm.layer0", STEPS));
        assertEquals(initial, constant.value("weight.orthogonal_norm.layer0", STEPS), TIGHT * initial);
    }

    /** √(2ηλ/(1+μ)) of the hyperparameters in force, from the step after a change; none without decay or for Adam. */
    @Test
    void equilibriumAngleFollowsTheHyperparameters() {
        double mu = 0.5;
        ProbedTraining run = sgdWd(ETA, LAMBDA, mu);
        Probes probes = new Probes(List.of(new EffectiveLearningRate(run.network, Schedule.every(1))));
        Recorded sink = new Recorded();
        train(run, probes, sink, 3);
        run.set("weightDecay", 4 * LAMBDA, rule(ETA, 4 * LAMBDA, mu));
        train(run, probes, sink, 2);
        for (int l = 0; l < 2; l++) {
            String id = "weight.equilibrium_angular_update.layer" + l;
            assertEquals(Math.sqrt(2 * ETA * LAMBDA / (1 + mu)), sink.value(id, 3), TIGHT);
            assertEquals(Math.sqrt(2 * ETA * 4 * LAMBDA / (1 + mu)), sink.value(id, 4), TIGHT, "the step after");
        }
        ProbedTraining undecayed = sgdWd(ETA, LAMBDA, 0);
        undecayed.decayed = mask(undecayed.network, t -> false);
        Recorded none = new Recorded();
        train(undecayed, new Probes(List.of(new EffectiveLearningRate(undecayed.network, Schedule.every(1)))), none,
                2);
        assertFalse(none.has("weight.equilibrium_angular_update.layer0", 2), "rows not decayed: no equilibrium");
        assertTrue(none.has("weight.angular_update_rms.layer0", 2));
        ProbedTraining adam = sgdWd(ETA, LAMBDA, 0);
        adam.rule = new StepRule(StepRule.Kind.ADAM, ETA, 0.9, 1e-8, LAMBDA);
        Recorded adamSink = new Recorded();
        train(adam, new Probes(List.of(new EffectiveLearningRate(adam.network, Schedule.every(1)))), adamSink, 2);
        assertFalse(adamSink.has("weight.equilibrium_angular_update.layer0", 2), "no theory for Adam");
    }

    /** The running root mean square of the angle, recomputed here from the recorded mean squares' definition. */
    @Test
    void rmsAngleOfOneStepIsTheRootMeanSquareOverRows() {
        ProbedTraining run = sgdWd(ETA, LAMBDA, 0);
        Probes probes = new Probes(List.of(new EffectiveLearningRate(run.network, Schedule.every(1))));
        Recorded sink = new Recorded();
        probes.atStep(run.context(), sink);
        double[][] before = WeightProbesTest.matrix(run, "W1");
        run.step();
        probes.atStep(run.context(), sink);
        double[][] after = WeightProbesTest.matrix(run, "W1");
        double meanSquare = 0;
        for (int k = 0; k < after.length; k++) {
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int j = 0; j < after[k].length; j++) {
                dot += after[k][j] * before[k][j];
                a += after[k][j] * after[k][j];
                b += before[k][j] * before[k][j];
            }
            double angle = Math.acos(dot / Math.sqrt(a * b));
            meanSquare += angle * angle / after.length;
        }
        assertEquals(Math.sqrt(meanSquare), sink.value("weight.angular_update_rms.layer1", 1),
                1e-9 * Math.sqrt(meanSquare), "one measurement: its own root mean square");
    }

    /**
     * After one step the running mean of G_k = ‖g_k‖²‖w_k‖² is that step's, and each row's predicted equilibrium is the
     * fixed point of the exact norm recursion {@code n ← (1−ηλ)²n + η²G_k/n} of scale-invariant rows under SGD + decay
     * (found here by iterating it).
     */
    @Test
    void equilibriumNormIsTheFixedPointOfTheNormRecursion() {
        ProbedTraining run = sgdWd(ETA, LAMBDA, 0);
        Probes probes = new Probes(List.of(new WeightNorm(run.network, Schedule.every(1))));
        Recorded sink = new Recorded();
        probes.atStep(run.context(), sink);
        double[][] before = WeightProbesTest.matrix(run, "W0");
        INDArray gradient = run.step();
        probes.atStep(run.context(), sink);
        Params params = run.network.params();
        double[][] g = params.view(gradient, params.tensor("W0")).toDoubleMatrix();
        double expected = 0;
        for (int k = 0; k < before.length; k++) {
            double w2 = 0;
            double g2 = 0;
            for (int j = 0; j < before[k].length; j++) {
                w2 += before[k][j] * before[k][j];
                g2 += g[k][j] * g[k][j];
            }
            double gk = g2 * w2;
            double n = 1;
            for (int i = 0; i < 100_000; i++) {
                n = (1 - ETA * LAMBDA) * (1 - ETA * LAMBDA) * n + ETA * ETA * gk / n;
            }
            expected += n;
        }
        assertEquals(expected, sink.value("weight.equilibrium_norm_sq.layer0", 1), 1e-9 * expected);
        assertFalse(sink.has("weight.equilibrium_norm_sq.layer0", 0), "no gradient before the first step");
    }

    /** The scale-invariant identity the equilibrium rests on: ‖w_{t+1}‖² = (1−ηλ)²‖w_t‖² + η²‖g_t‖², per layer. */
    @Test
    void normRecursionUnderSgdWithDecay() {
        ProbedTraining run = sgdWd(ETA, LAMBDA, 0);
        Params params = run.network.params();
        for (int t = 0; t < STEPS; t++) {
            double before = squared(WeightProbesTest.matrix(run, "W0"));
            INDArray gradient = run.step();
            double g2 = squared(params.view(gradient, params.tensor("W0")).toDoubleMatrix());
            double after = squared(WeightProbesTest.matrix(run, "W0"));
            double q = 1 - ETA * LAMBDA;
            assertEquals(q * q * before + ETA * ETA * g2, after, TIGHT * after, "step " + (t + 1));
        }
    }

    private static double squared(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            for (double x : row) {
                s += x * x;
            }
        }
        return s;
    }
}
