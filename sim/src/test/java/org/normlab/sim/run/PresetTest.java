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
import org.normlab.sim.event.Event;

/**
 * Each shipped preset of the README's presets table on a shortened run (fewer steps, sometimes less data or narrower layers;
 * the preset itself stays full-size), asserting its phenomenon with numbers. Everything is seeded: the runs are
 * deterministic, and nothing depends on timing.
 */
class PresetTest {
    /** Agreement of quantities that are equal in exact arithmetic and differ only by rounding. */
    private static final double ROUNDING = 1e-10;
    /** How close a settled running RMS angle stays to spherical motion's prediction. */
    private static final double EQUILIBRIUM_TOLERANCE = 0.1;

    private static String layer0(String base) {
        return base + ".layer0";
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
        double eta = e.run("sgd").optimizer().ownHyperparameters().get("learningRate");

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

    @Test
    void firstLayerOrthogonalNoiseIsConstantUnderSgdAndDecaysUnderWeightDecay()
            throws IOException, InterruptedException {
        int steps = 200;
        Experiment e = PresetRace.preset("orthogonal-noise-mnist", Map.of("/data/size", "1000", "/probe/size", "800",
                "/training/steps", Integer.toString(steps), "/probes/evaluationsEvery", "50"));
        PresetRace race = PresetRace.race(e);
        String norm = layer0("weight.orthogonal_norm");
        double initial = race.at("sgd", norm, 0);
        assertTrue(initial > 1, "the first layer starts with noise outside the data's span: " + initial);
        double decay = 1 - e.run("sgd-wd").optimizer().ownHyperparameters().get("learningRate")
                * e.run("sgd-wd").optimizer().ownHyperparameters().get("weightDecay");
        for (long step = 50; step <= steps; step += 50) {
            assertEquals(initial, race.at("sgd", norm, step), ROUNDING * initial, "SGD at step " + step);
            double predicted = initial * Math.pow(decay, step);
            assertEquals(predicted, race.at("sgd-wd", norm, step), ROUNDING * predicted, "(1−ηλ)^t at step " + step);
            assertEquals(predicted, race.at("sgd-wd", layer0("weight.predicted_orthogonal_norm"), step),
                    ROUNDING * predicted, "the prediction series at step " + step);
            assertTrue(race.at("wrs", norm, step) < initial, "WRS below its start at step " + step);
        }
    }

    /**
     * Three of the preset's runs on half its steps (the slowest, ηλ = 1e-3, needs more): each layer's RMS angular
     * update is marked at its equilibrium and stays within {@value #EQUILIBRIUM_TOLERANCE} of √(2ηλ/(1+μ)) from
     * that mark on (the running mean still carries minibatch noise); the two runs with equal ηλ and a fivefold
     * different η settle at the same angle; without momentum the weight norm sits at its predicted equilibrium.
     */
    @Test
    void angularUpdateMeetsSphericalMotionsEquilibrium() throws IOException, InterruptedException {
        int steps = 2000;
        // The tour runs to the preset's step 4000: checked on the whole preset by the tours' own test.
        Experiment e = PresetRace.preset("spherical-motion-equilibrium",
                Map.of("/training/steps", Integer.toString(steps)))
                .withRuns("eta0.5-wd8e-3", "eta0.1-wd4e-2", "momentum");
        PresetRace race = PresetRace.race(e);
        Map<String, Double> settled = new LinkedHashMap<>();
        for (Experiment.RunSetup run : e.runs()) {
            Map<String, Double> h = run.optimizer().ownHyperparameters();
            double predicted = Math.sqrt(2 * h.get("learningRate") * h.get("weightDecay") / (1 + h.get("momentum")));
            for (int layer = 0; layer < 2; layer++) {
                int l = layer;
                String rms = "weight.angular_update_rms.layer" + l;
                Event mark = race.events(run.name()).stream().filter(ev -> ev.kind() == Event.Kind.EQUILIBRIUM
                        && ev.series().equals(rms)).findFirst().orElseThrow(() -> new AssertionError(run.name()
                        + " layer " + l + " never reached its equilibrium: " + race.events(run.name())));
                assertEquals(predicted, race.at(run.name(), "weight.equilibrium_angular_update.layer" + l, steps),
                        1e-15);
                for (Map.Entry<Long, Double> a : race.series(run.name(), rms).tailMap(mark.step(), true).entrySet()) {
                    assertEquals(predicted, a.getValue(), EQUILIBRIUM_TOLERANCE * predicted, run.name() + " layer " + l
                            + " at step " + a.getKey() + ", marked at " + mark.step());
                }
            }
            NavigableMap<Long, Double> rms0 = race.series(run.name(), layer0("weight.angular_update_rms"));
            settled.put(run.name(), rms0.tailMap((long) steps - 500, true).values().stream()
                    .mapToDouble(Double::doubleValue).average().orElseThrow());
        }
        assertEquals(settled.get("eta0.5-wd8e-3"), settled.get("eta0.1-wd4e-2"), 0.02 * settled.get("eta0.5-wd8e-3"),
                "equal ηλ, equal angle: " + settled);
        assertTrue(settled.get("momentum") < 0.5 * settled.get("eta0.1-wd4e-2"), "smaller ηλ/(1+μ), smaller angle");
        for (String run : List.of("eta0.5-wd8e-3", "eta0.1-wd4e-2")) {
            // One step's norm moves ±10% with its minibatches; over the last 500 steps it sits at the prediction.
            double ratio = race.series(run, layer0("weight.norm_sq")).tailMap((long) steps - 500, true).entrySet()
                    .stream().mapToDouble(n -> n.getValue() / race.at(run, layer0("weight.equilibrium_norm_sq"),
                            n.getKey())).average().orElseThrow();
            assertEquals(1, ratio, 0.05, run + ": Σ‖w_k‖² / its predicted equilibrium over the last 500 steps");
        }
        assertTrue(race.series("momentum", layer0("weight.equilibrium_norm_sq")).isEmpty(), "none with momentum");
    }

    @Test
    void batchNormFisherGrowsWithGammaAndBarelyFeelsTheWeightScale() throws IOException, InterruptedException {
        for (String preset : List.of("bn-fisher-mse", "bn-fisher-ce")) {
            PresetRace race = PresetRace.race(PresetRace.preset(preset, Map.of("/data/size", "400",
                    "/probe/size", "320", "/network/hiddenWidths", "[64, 64]")));
            String top = "fisher.top_eig";
            double previous = 0;
            for (String gamma : List.of("0.25", "0.5", "1", "2")) {
                double lambda = race.at("bn-gamma" + gamma, top, 0);
                assertTrue(lambda > 1.5 * previous, preset + ": λ_max grows with γ = " + gamma + ": " + previous
                        + " to " + lambda);
                assertTrue(previous == 0 || lambda < 4.2 * previous, preset + ": but not beyond γ²'s ×4");
                assertEquals(lambda, race.at("bn-gamma" + gamma + "-x2", top, 0), 0.05 * lambda,
                        preset + ": hidden weights ×2 barely change BN's λ_max at γ = " + gamma);
                previous = lambda;
            }
            if (preset.equals("bn-fisher-mse")) {
                assertEquals(4, race.at("bn-gamma2", top, 0) / race.at("bn-gamma1", top, 0), 0.5,
                        "with MSE the last doubling of γ comes close to γ²'s ×4");
            }
            for (String seed : List.of("1", "2")) {
                double plain = race.at("plain-seed" + seed, top, 0);
                assertTrue(race.at("plain-seed" + seed + "-x2", top, 0) > 3 * plain,
                        preset + ": the plain net's λ_max rises steeply with its weights, seed " + seed);
                assertTrue(plain > 5 * race.at("bn-gamma0.25", top, 0), preset + ": small γ makes BN flatter");
            }
        }
    }

    @Test
    void insgdKeepsLearningWhereMomentumSgdCollapses() throws IOException, InterruptedException {
        int steps = 200;
        PresetRace race = PresetRace.race(PresetRace.preset("insgd-vs-sgd", Map.of("/data/size", "2000",
                "/training/steps", Integer.toString(steps))).withRuns("sgd-plain", "insgd-plain"));
        double chance = Math.log(10);
        double sgd = race.at("sgd-plain", "probe.loss", steps);
        double insgd = race.at("insgd-plain", "probe.loss", steps);
        assertEquals(chance, sgd, 0.1, "momentum SGD ends at chance");
        assertTrue(insgd < chance - 0.3, "INSGD below chance: " + insgd);
    }

    @Test
    void periodicSamplingSmoothsTheLossAtPeriodEnds() throws IOException, InterruptedException {
        PresetRace race = PresetRace.race(PresetRace.preset("periodic-sampling", Map.of("/training/steps", "1000"))
                .withRuns("sgd", "pswa"));
        double sgd = rises(race.series("sgd", "probe.loss"));
        double pswa = rises(race.series("pswa", "probe.loss"));
        assertTrue(pswa < 0.7 * sgd, "PSWA's loss rises less between period ends: " + pswa + " vs SGD's " + sgd);
    }

    @Test
    void mimicNormTrainsLikeBatchNorm() throws IOException, InterruptedException {
        int steps = 500;
        Experiment e = PresetRace.preset("mimicnorm-vs-bn", Map.of("/training/steps", Integer.toString(steps)));
        PresetRace race = PresetRace.race(e.withRuns("bn", "mimic"));
        double bn = race.at("bn", "probe.loss", steps);
        double mimic = race.at("mimic", "probe.loss", steps);
        double start = race.at("mimic", "train.loss", 1);
        assertTrue(mimic < 0.5 * start, "MimicNorm learns: " + start + " to " + mimic);
        assertTrue(mimic < 3 * bn && bn < 3 * mimic, "within a factor 3 of BN's loss: " + mimic + " vs " + bn);
    }

    /** The sum of the series' rises from one entry to the next. */
    private static double rises(NavigableMap<Long, Double> series) {
        List<Double> values = new ArrayList<>(series.values());
        double sum = 0;
        for (int i = 1; i < values.size(); i++) {
            sum += Math.max(0, values.get(i) - values.get(i - 1));
        }
        return sum;
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
