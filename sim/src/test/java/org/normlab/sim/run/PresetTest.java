package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;
import org.normlab.sim.probe.Probe;

/**
 * Each shipped preset of algorithms.md §5 on a shortened run (fewer steps, sometimes less data or narrower layers;
 * the preset itself stays full-size), asserting its phenomenon with numbers. Everything is seeded: the runs are
 * deterministic, and nothing depends on timing.
 */
class PresetTest {
    /** Agreement of quantities that are equal in exact arithmetic and differ only by rounding. */
    private static final double ROUNDING = 1e-10;

    private static String layer0(String base) {
        return Probe.perLayer(base, 0);
    }

    private static double relativeDifference(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    @Test
    void edgeOfStabilitySharpnessHoversAtTwoOverEta() throws IOException, InterruptedException {
        // A smaller problem than the preset's, with η chosen the preset's way: 2/η = 1.5 × the initial sharpness.
        Map<String, String> smaller = Map.of("/data/size", "200", "/data/dimension", "10",
                "/network/hiddenWidths", "[32, 32]", "/probe/size", "200");
        Experiment atInit = PresetRace.preset("edge-of-stability", with(smaller, "/training/steps", "1"));
        double initial = PresetRace.race(atInit).at("gd", "hessian.top_eig", 0);
        double eta = 2 / (1.5 * initial);
        int steps = 3000;
        Map<String, String> run = with(with(smaller, "/training/steps", Integer.toString(steps)),
                "/runs/0/optimizer/learningRate", Double.toString(eta));
        PresetRace race = PresetRace.race(PresetRace.preset("edge-of-stability", run));

        NavigableMap<Long, Double> sharpness = race.series("gd", "hessian.top_eig");
        double threshold = race.at("gd", "hessian.threshold", steps);
        assertEquals(2 / eta, threshold, 1e-12 * threshold);
        double peak = sharpness.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(peak > threshold, "sharpening carries the sharpness past 2/η: peak " + peak + ", 2/η "
                + threshold);
        for (Map.Entry<Long, Double> e : sharpness.tailMap(2L * steps / 3, true).entrySet()) {
            assertEquals(threshold, e.getValue(), 0.1 * threshold, "sharpness at step " + e.getKey());
        }
        NavigableMap<Long, Double> loss = race.series("gd", "train.loss");
        assertTrue(loss.lastEntry().getValue() < 0.5 * loss.firstEntry().getValue(), "the loss keeps falling");
        long crossed = sharpness.entrySet().stream().filter(e -> e.getValue() > threshold).findFirst()
                .orElseThrow().getKey();
        assertTrue(increasing(loss.tailMap(crossed, true)) > 0, "but not monotonically once at 2/η (step "
                + crossed + ")");
    }

    @Test
    void weightNormGrowsUnderSgdEquilibratesUnderWeightDecayAndIsPinnedByWrs()
            throws IOException, InterruptedException {
        int steps = 1500;
        Experiment e = PresetRace.preset("weight-norm-growth", Map.of("/training/steps", Integer.toString(steps)))
                .withRuns("sgd", "sgd-wd", "wrs");
        PresetRace race = PresetRace.race(e);
        double eta = e.run("sgd").optimizer().hyperparameters().get("learningRate");

        NavigableMap<Long, Double> sgd = race.series("sgd", layer0("weight.norm_sq"));
        assertEquals(increasing(sgd), sgd.size() - 1, "SGD's weight norm grows at every probed step");
        NavigableMap<Long, Double> increment = race.series("sgd", layer0("weight.increment"));
        assertTrue(increment.size() > 10, "increments measured");
        for (Map.Entry<Long, Double> i : increment.entrySet()) {
            double predicted = race.at("sgd", layer0("weight.predicted_increment"), i.getKey());
            assertEquals(predicted, i.getValue(), ROUNDING * 1e2 * predicted, "N(t) − N(t−1) = η²‖g‖² at step "
                    + i.getKey());
        }
        NavigableMap<Long, Double> decayed = race.series("sgd-wd", layer0("weight.norm_sq"));
        double settled = decayed.get((long) steps);
        for (double n : decayed.tailMap(2L * steps / 3, true).values()) {
            assertEquals(settled, n, 0.15 * settled, "weight decay holds the norm at an equilibrium");
        }
        assertTrue(settled < 0.2 * sgd.lastEntry().getValue(), "far below SGD's");
        for (long step : race.series("wrs", layer0("weight.row_norm")).tailMap(1L, true).keySet()) {
            assertEquals(1, race.at("wrs", layer0("weight.row_norm"), step), ROUNDING, "WRS rows at step " + step);
            assertEquals(eta, race.at("wrs", layer0("weight.effective_lr"), step), ROUNDING * eta);
        }
        NavigableMap<Long, Double> effective = race.series("sgd", layer0("weight.effective_lr"));
        assertEquals(effective.size() - 1, effective.size() - 1 - increasing(effective),
                "SGD's effective learning rate only decays");
    }

    @Test
    void psiCurvesFromARescaledStartCoincideWhileSgdsSplit() throws IOException, InterruptedException {
        PresetRace race = PresetRace.race(PresetRace.preset("psi-vs-euclidean", Map.of("/training/steps", "300")));
        double psiApart = 0;
        double sgdApart = 0;
        for (long step = 1; step <= 300; step++) {
            psiApart = Math.max(psiApart, relativeDifference(race.at("psi", "train.loss", step),
                    race.at("psi-x3", "train.loss", step)));
            sgdApart = Math.max(sgdApart, relativeDifference(race.at("sgd", "train.loss", step),
                    race.at("sgd-x3", "train.loss", step)));
        }
        assertTrue(psiApart < ROUNDING, "PSI-SGD from w₀ and 3·w₀: losses apart by " + psiApart);
        assertTrue(sgdApart > 0.05, "SGD from w₀ and 3·w₀: losses apart by " + sgdApart);
    }

    private static Map<String, String> with(Map<String, String> changes, String pointer, String value) {
        Map<String, String> all = new LinkedHashMap<>(changes);
        all.put(pointer, value);
        return all;
    }

    /** How many times the series rises from one entry to the next. */
    private static int increasing(NavigableMap<Long, Double> series) {
        List<Double> values = new ArrayList<>(series.values());
        int rises = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) > values.get(i - 1)) {
                rises++;
            }
        }
        return rises;
    }
}
