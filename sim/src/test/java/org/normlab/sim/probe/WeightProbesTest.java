package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.data.ToyData;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.model.Params;
import org.normlab.sim.optim.DecayMask;
import org.normlab.sim.optim.Optimizers;
import org.normlab.sim.optim.Transform;

/**
 * The weight probes against the identities of scale invariance and of the input span (sim/docs/math.md §3, §4) and
 * against values computed here from θ entry by entry.
 */
class WeightProbesTest {
    static final double LEARNING_RATE = 0.2;
    static final double WEIGHT_DECAY = 0.05;
    static final int STEPS = 8;
    /** Relative error allowed on an increment, a difference of two sums ~10⁴ times its size. */
    static final double INCREMENT_TOLERANCE = 1e-9;
    static final double TIGHT = 1e-12;

    static ProbedTraining sgd(Transform transform, double bnEpsilon, Dataset data) {
        return new ProbedTraining(ProbedTraining.spec(Normalization.BATCH_NORM, bnEpsilon), transform,
                StepRule.gradientDescent(LEARNING_RATE), data);
    }

    /** Runs {@code STEPS} steps with {@code probe} due at every step and returns what it recorded. */
    static Recorded trainProbed(ProbedTraining run, Probe probe) {
        Probes probes = new Probes(List.of(probe));
        Recorded sink = new Recorded();
        probes.atStep(run.context(), sink);
        for (int t = 1; t <= STEPS; t++) {
            run.step();
            probes.atStep(run.context(), sink);
        }
        return sink;
    }

    static double[][] matrix(ProbedTraining run, String tensor) {
        Params params = run.network.params();
        return params.view(run.network.theta(), params.tensor(tensor)).toDoubleMatrix();
    }

    /** With ε_BN = 0 every row is orthogonal to its gradient, so SGD moves N_l by exactly η²‖g_l‖². */
    @Test
    void weightNormIncrementIsSgdsPrediction() {
        ProbedTraining run = sgd(Optimizers.sgd(LEARNING_RATE), 0, ProbedTraining.planeIn6d());
        Recorded sink = trainProbed(run, new WeightNorm(run.network, Schedule.every(1)));
        for (int l = 0; l < 2; l++) {
            for (int t = 1; t <= STEPS; t++) {
                double predicted = sink.value("weight.predicted_increment.layer" + l, t);
                double measured = sink.value("weight.increment.layer" + l, t);
                assertTrue(predicted > 0);
                assertEquals(predicted, measured, INCREMENT_TOLERANCE * predicted, "layer " + l + " step " + t);
            }
            assertTrue(!sink.has("weight.increment.layer" + l, 0), "no increment before the first step");
            double[][] w = matrix(run, "W" + l);
            double sum = 0;
            double rowNorms = 0;
            for (double[] row : w) {
                double squared = 0;
                for (double x : row) {
                    squared += x * x;
                }
                sum += squared;
                rowNorms += Math.sqrt(squared) / w.length;
            }
            assertEquals(sum, sink.value("weight.norm_sq.layer" + l, STEPS), TIGHT * sum);
            assertEquals(rowNorms, sink.value("weight.row_norm.layer" + l, STEPS), TIGHT * rowNorms);
        }
    }

    /** η / mean ‖w_k‖² and the mean angle between θ_{t−1} and θ_t rows, recomputed here with acos. */
    @Test
    void effectiveLearningRateAndAngularUpdate() {
        ProbedTraining run = sgd(Optimizers.sgd(LEARNING_RATE), 1e-5, ProbedTraining.planeIn6d());
        Probes probes = new Probes(List.of(new EffectiveLearningRate(run.network, Schedule.at(STEPS))));
        Recorded sink = new Recorded();
        double[][] before = null;
        for (int t = 1; t <= STEPS; t++) {
            if (t == STEPS) {
                before = matrix(run, "W1");
            }
            probes.atStep(run.context(), sink);
            run.step();
        }
        probes.atStep(run.context(), sink);
        double[][] after = matrix(run, "W1");
        double meanSquared = 0;
        double angle = 0;
        for (int k = 0; k < after.length; k++) {
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int j = 0; j < after[k].length; j++) {
                dot += after[k][j] * before[k][j];
                a += after[k][j] * after[k][j];
                b += before[k][j] * before[k][j];
            }
            meanSquared += a / after.length;
            angle += Math.acos(dot / Math.sqrt(a * b)) / after.length;
        }
        assertEquals(LEARNING_RATE / meanSquared, sink.value("weight.effective_lr.layer1", STEPS),
                TIGHT * LEARNING_RATE / meanSquared);
        assertTrue(angle > 1e-3, "angle " + angle);
        assertEquals(angle, sink.value("weight.angular_update.layer1", STEPS), 1e-9 * angle);
    }

    /** Spirals padded with zero coordinates: the null space is those coordinates, so W_⊥ is their columns of W. */
    @Test
    void orthogonalNoiseOfZeroPixelsIsTheirWeights() {
        Dataset spirals = ToyData.spirals(48, 0.1, 5);
        double[][] padded = new double[spirals.size()][6];
        for (int i = 0; i < padded.length; i++) {
            System.arraycopy(spirals.features()[i], 0, padded[i], 0, 2);
        }
        Dataset data = new Dataset("padded spirals", padded, spirals.labels(), spirals.numClasses());
        ProbedTraining run = sgd(Optimizers.sgd(LEARNING_RATE), 1e-5, data);
        Recorded sink = trainProbed(run, new OrthogonalNoise(run.network, Schedule.every(1)));
        double[][] w = matrix(run, "W0");
        double squared = 0;
        double ratio = 0;
        for (double[] row : w) {
            double outside = 0;
            double all = 0;
            for (int j = 0; j < row.length; j++) {
                all += row[j] * row[j];
                outside += j >= 2 ? row[j] * row[j] : 0;
            }
            squared += outside;
            ratio += Math.sqrt(outside / all) / w.length;
        }
        assertEquals(Math.sqrt(squared), sink.value("weight.orthogonal_norm.layer0", STEPS), TIGHT);
        assertEquals(ratio, sink.value("weight.orthogonal_ratio.layer0", STEPS), TIGHT);
        assertEquals(2.0, sink.value("input.rank.layer0", STEPS));
    }

    /** SGD's gradients lie in the input span: ‖W_⊥‖ of the first layer never moves. */
    @Test
    void orthogonalNormIsConstantUnderSgd() {
        ProbedTraining run = sgd(Optimizers.sgd(LEARNING_RATE), 1e-5, ProbedTraining.planeIn6d());
        Recorded sink = trainProbed(run, new OrthogonalNoise(run.network, Schedule.every(1)));
        double initial = sink.value("weight.orthogonal_norm.layer0", 0);
        assertTrue(initial > 0.1, "initial ‖W_⊥‖ " + initial);
        assertEquals(2.0, sink.value("input.rank.layer0", 0));
        for (int t = 1; t <= STEPS; t++) {
            assertEquals(initial, sink.value("weight.orthogonal_norm.layer0", t), TIGHT * initial, "step " + t);
        }
        double ratio = sink.value("weight.orthogonal_ratio.layer0", STEPS);
        assertTrue(ratio > 0 && ratio < 1, "ρ " + ratio);
    }

    /** Coupled L2 decay is the only force outside the span: ‖W_⊥‖ shrinks by exactly (1−ηλ) per step. */
    @Test
    void orthogonalNormShrinksUnderCoupledWeightDecay() {
        Transform decayed = Optimizers.sgdWeightDecay(LEARNING_RATE, DecayMask.WEIGHTS)
                .with("weightDecay", WEIGHT_DECAY);
        ProbedTraining run = sgd(decayed, 1e-5, ProbedTraining.planeIn6d());
        Recorded sink = trainProbed(run, new OrthogonalNoise(run.network, Schedule.every(1)));
        double factor = 1 - LEARNING_RATE * WEIGHT_DECAY;
        for (int t = 1; t <= STEPS; t++) {
            double before = sink.value("weight.orthogonal_norm.layer0", t - 1);
            assertEquals(factor * before, sink.value("weight.orthogonal_norm.layer0", t), TIGHT * before, "step " + t);
        }
    }
}
