package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.Params;

/**
 * The weight-decay presets of the README's presets table (sim/docs/math.md, "Weight decay is a growing learning
 * rate"), each on a run no longer than its test needs, asserting the phenomenon with numbers.
 */
class WeightDecayPresetsTest {

    /**
     * Li &amp; Arora: every parameter scale-invariant (ε = 0; γ, β and the classifier frozen), SGD with coupled decay λ
     * at η and SGD without decay at η_t = η(1−ηλ)^(−2t−1) (base η/(1−ηλ), exponential rate (1−ηλ)^(−2)) from the same
     * start and batches: over 500 steps every hidden row points the same way to 1e-9, while the undecayed weights
     * outgrow the decayed ones as (1−ηλ)^(−t).
     */
    private static double norm(double[] v, int from, int length) {
        double squared = 0;
        for (int i = from; i < from + length; i++) {
            squared += v[i] * v[i];
        }
        return Math.sqrt(squared);
    }

    @Test
    void weightDecayIsAGrowingLearningRate() throws IOException {
        int steps = 500;
        Experiment e = PresetRace.preset("weight-decay-is-a-growing-learning-rate", Map.of());
        Dataset train = e.data().load(Path.of("..", "assets")).train();
        Run decayed = new Run(e, e.run("sgd-wd"), train);
        Run growing = new Run(e, e.run("sgd-growing-lr"), train);
        Map<String, Double> hyper = decayed.hyperparameters().values();
        double etaLambda = hyper.get("learningRate") * hyper.get("weightDecay");
        double base = growing.value("learningRate");
        assertEquals(hyper.get("learningRate") / (1 - etaLambda), base, 1e-15 * base, "η₀ = η/(1−ηλ)");
        assertEquals(Math.pow(1 - etaLambda, -2), growing.schedule().factor(1), 1e-15, "ρ = (1−ηλ)^(−2)");
        Params params = decayed.network().params();
        double worstDirection = 0;
        double worstGrowth = 0;
        assertEquals(steps, e.training().steps(), "the whole preset");
        double[] firstLayer = new double[2];
        for (int t = 1; t <= steps; t++) {
            double loss = decayed.step();
            assertEquals(loss, growing.step(), 1e-13 * loss, "the same minibatch loss at step " + t);
            double expectedGrowth = Math.pow(1 - etaLambda, -t);
            double[] w = decayed.network().theta().toDoubleVector();
            double[] tilde = growing.network().theta().toDoubleVector();
            double stepWorst = 0;
            for (Params.Tensor tensor : params.scaleInvariantTensors()) {
                double squared = 0;
                double squaredTilde = 0;
                for (int k = 0; k < tensor.rows(); k++) {
                    int from = (int) tensor.offset() + k * tensor.cols();
                    double norm = norm(w, from, tensor.cols());
                    double normTilde = norm(tilde, from, tensor.cols());
                    double difference = 0;
                    for (int i = from; i < from + tensor.cols(); i++) {
                        double d = w[i] / norm - tilde[i] / normTilde;
                        difference += d * d;
                    }
                    stepWorst = Math.max(stepWorst, Math.sqrt(difference));
                    squared += norm * norm;
                    squaredTilde += normTilde * normTilde;
                }
                if (tensor.name().equals("W0")) {
                    firstLayer[0] = squared;
                    firstLayer[1] = squaredTilde;
                }
                double growth = Math.sqrt(squaredTilde / squared);
                worstGrowth = Math.max(worstGrowth, Math.abs(growth / expectedGrowth - 1));
            }
            worstDirection = Math.max(worstDirection, stepWorst);
        }
        assertTrue(worstDirection <= 1e-9, "max over steps and rows of ‖w_k/‖w_k‖ − w̃_k/‖w̃_k‖‖: "
                + worstDirection);
        assertTrue(worstGrowth <= 1e-12, "‖w̃‖/‖w‖ against (1−ηλ)^(−t), worst relative error " + worstGrowth);
        assertTrue(Math.pow(1 - etaLambda, -steps) > 2.5, "and the growth is large: "
                + Math.pow(1 - etaLambda, -steps));
        assertTrue(firstLayer[0] < 15 && Math.abs(firstLayer[1] - 84) < 2, "Σ‖w_k‖² of the first layer at step "
                + steps + ": " + firstLayer[0] + " under decay, " + firstLayer[1] + " without");
    }

    /**
     * Full-batch GD on a BN ReLU MLP, at three seeds (data and weights), shortened to 300 steps: without weight decay
     * the sharpness falls and stays far below 2/η; with it the first layer's weights shrink to under a quarter and the
     * sharpness climbs past 2/η. Each run alone, the undecayed one measured less often (it only has to stay low).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3})
    void weightDecayDrivesABatchNormNetworkToTheEdgeOfStability(int seed) throws IOException, InterruptedException {
        int steps = 300;
        Map<String, String> shorter = Map.of("/training/steps", Integer.toString(steps), "/data/seed",
                Integer.toString(seed), "/network/seed", Integer.toString(seed), "/probes/eigenTolerance", "1e-4");
        Experiment decayed = PresetRace.preset("weight-decay-edge-of-stability", shorter).withRuns("gd-wd");
        PresetRace wd = PresetRace.race(decayed);
        Map<String, String> rarely = new java.util.HashMap<>(shorter);
        rarely.put("/probes/curvatureEvery", "50");
        PresetRace gd = PresetRace.race(PresetRace.preset("weight-decay-edge-of-stability", rarely).withRuns("gd"));

        double threshold = wd.at("gd-wd", "hessian.threshold", steps);
        double eta = decayed.run("gd-wd").optimizer().ownHyperparameters().get("learningRate");
        assertEquals(2 / eta, threshold, 1e-12 * threshold);
        assertEquals(threshold, gd.at("gd", "hessian.threshold", steps), 1e-12 * threshold);
        NavigableMap<Long, Double> plain = gd.series("gd", "hessian.top_eig");
        for (Map.Entry<Long, Double> e : plain.tailMap(250L, true).entrySet()) {
            assertTrue(e.getValue() < threshold / 8, "without decay the sharpness stays far below 2/η = "
                    + threshold + ": " + e.getValue() + " at step " + e.getKey());
        }
        NavigableMap<Long, Double> norm = wd.series("gd-wd", "weight.norm_sq.layer0");
        double lowest = norm.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(lowest < norm.firstEntry().getValue() / 4, "weight decay shrinks Σ‖w_k‖² of the first layer: "
                + norm.firstEntry().getValue() + " to " + lowest);
        NavigableMap<Long, Double> sharpness = wd.series("gd-wd", "hessian.top_eig");
        double peak = sharpness.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(sharpness.firstEntry().getValue() < threshold / 2 && peak > threshold, "with decay the "
                + "sharpness climbs from " + sharpness.firstEntry().getValue() + " past 2/η = " + threshold + ": "
                + peak);
    }
}
