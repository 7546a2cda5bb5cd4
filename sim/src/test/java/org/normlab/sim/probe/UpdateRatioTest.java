package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.model.Params;
import org.normlab.sim.optim.DecayMask;
import org.normlab.sim.optim.Optimizers;
import org.normlab.sim.optim.Transform;

/**
 * The update-to-weight ratio against SGD's step η‖g_l‖, recomputed here from θ before each step, and against scale
 * invariance: with ε_BN = 0, PSI-SGD from w₀ and from c·w₀ moves the scale-invariant rows by the same ratio, SGD's
 * first ratio falls by c².
 */
class UpdateRatioTest {
    private static final double LEARNING_RATE = 0.2;
    private static final int STEPS = 8;
    /** Linear layers of the 6 → 8 → 5 → 2 network; 0 and 1 feed BatchNorm (scale-invariant rows). */
    private static final int LAYERS = 3;
    private static final int SCALE_INVARIANT_LAYERS = 2;
    /** θ_t − θ_{t−1} recovers ηg to the rounding of θ (~1e-16‖θ‖), relative to a step ~1e-2‖θ‖. */
    private static final double DIFFERENCE_ROUNDING = 1e-12;
    /** PSI-SGD's trajectories from w₀ and 3w₀ agree to rounding that grows along the run. */
    private static final double TRAJECTORY_ROUNDING = 1e-9;
    private static final double SCALE = 3;

    private static ProbedTraining training(Transform transform, double scale) {
        ProbedTraining run = new ProbedTraining(ProbedTraining.spec(Normalization.BATCH_NORM, 0), transform,
                StepRule.gradientDescent(LEARNING_RATE), ProbedTraining.planeIn6d());
        Params params = run.network.params();
        for (Params.Tensor t : params.scaleInvariantTensors()) {
            params.view(run.network.theta(), t).muli(scale);
        }
        return run;
    }

    /** {@code ‖W_l‖} of every Linear layer in {@code theta}. */
    private static double[] layerNorms(Params params, double[] theta) {
        List<Params.Tensor> weights = LinearWeights.all(params);
        double[] norms = new double[weights.size()];
        for (int l = 0; l < norms.length; l++) {
            norms[l] = Math.sqrt(LinearWeights.sum(LinearWeights.squaredRowNorms(theta, weights.get(l))));
        }
        return norms;
    }

    private static Recorded trainProbed(ProbedTraining run) {
        return WeightProbesTest.trainProbed(run, new UpdateRatio(run.network, Schedule.every(1)));
    }

    @Test
    void underSgdTheUpdateIsTheLearningRateTimesTheLayersGradient() {
        ProbedTraining run = training(Optimizers.sgd(LEARNING_RATE), 1);
        Params params = run.network.params();
        UpdateRatio probe = new UpdateRatio(run.network, Schedule.every(1));
        Probes probes = new Probes(List.of(probe));
        Recorded sink = new Recorded();
        probes.atStep(run.context(), sink);
        for (int l = 0; l < LAYERS; l++) {
            assertFalse(sink.has("weight.update_ratio.layer" + l, 0), "no update before the first step");
        }
        for (int t = 1; t <= STEPS; t++) {
            double[] before = layerNorms(params, run.network.theta().toDoubleVector());
            double[] gradient = layerNorms(params, run.step().toDoubleVector());
            probes.atStep(run.context(), sink);
            for (int l = 0; l < LAYERS; l++) {
                double step = LEARNING_RATE * gradient[l];
                double measured = sink.value("weight.update_ratio.layer" + l, t) * before[l];
                assertTrue(step > 0);
                assertEquals(step, measured, DIFFERENCE_ROUNDING * step, "layer " + l + " step " + t);
            }
        }
    }

    @Test
    void psiSgdsRatioIsScaleInvariantAndSgdsFallsWithTheSquareOfTheScale() {
        double psiRate = 0.05;
        Recorded psi = trainProbed(training(Optimizers.psiSgd(psiRate, DecayMask.WEIGHTS), 1));
        Recorded psiScaled = trainProbed(training(Optimizers.psiSgd(psiRate, DecayMask.WEIGHTS), SCALE));
        Recorded sgd = trainProbed(training(Optimizers.sgd(LEARNING_RATE), 1));
        Recorded sgdScaled = trainProbed(training(Optimizers.sgd(LEARNING_RATE), SCALE));
        for (int l = 0; l < SCALE_INVARIANT_LAYERS; l++) {
            String id = "weight.update_ratio.layer" + l;
            for (int t = 1; t <= STEPS; t++) {
                assertEquals(psi.value(id, t), psiScaled.value(id, t), TRAJECTORY_ROUNDING * psi.value(id, t),
                        "PSI-SGD, layer " + l + " step " + t);
            }
            double first = sgd.value(id, 1);
            assertEquals(first / (SCALE * SCALE), sgdScaled.value(id, 1), DIFFERENCE_ROUNDING * first,
                    "SGD, layer " + l);
        }
    }
}
