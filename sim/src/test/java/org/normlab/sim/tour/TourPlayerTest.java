package org.normlab.sim.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.TinyExperiment;

/** The headless player applies a tour's actions to a race in order and checks each step's claims after them. */
class TourPlayerTest {

    /** The tiny experiment (BN, run "sgd", 20 steps, evaluations every 5) with {@code tour} as its tour. */
    private static Experiment tiny(String tour) {
        String json = TinyExperiment.json().replaceFirst("\\{", "{\"tour\": " + tour + ", ")
                .replace("\"logging\": {", "\"probes\": {\"families\": [\"weight_norm\"], \"weightsEvery\": 1}, "
                        + "\"logging\": {");
        return ExperimentFile.parse(json, "tiny.json");
    }

    private static List<String> play(String tour) throws InterruptedException {
        Experiment experiment = tiny(tour);
        return TourPlayer.play(experiment, experiment.data().load(Path.of("..", "assets"))).stream()
                .map(TourPlayer.Failure::toString).toList();
    }

    @Test
    void claimsAreCheckedAfterTheStepsActionsAndFailuresNameTheirTourStep() throws InterruptedException {
        // SGD grows the norm of BN's scale-invariant rows every step; at learning rate 0 it stays.
        String tour = """
                {"charts": ["weight.norm_sq.layer0"], "steps": [
                  {"say": "a", "do": [{"action": "run_to", "step": 10}],
                   "claims": [{"run": "sgd", "series": "weight.norm_sq.layer0", "from": 0, "to": 10,
                               "monotone": "increasing"},
                              {"run": "sgd", "series": "probe.loss", "step": 10, "above": 1e9}]},
                  {"say": "b", "do": [{"action": "set", "run": "sgd", "name": "learningRate", "value": 0},
                                      {"action": "run_to", "step": 15}],
                   "claims": [{"run": "sgd", "series": "weight.norm_sq.layer0", "from": 10, "to": 15,
                               "monotone": "decreasing"}]},
                  {"say": "c", "do": [{"action": "add_run", "run": {"name": "late", "optimizer": {"name": "sgd"}}},
                                      {"action": "remove_run", "run": "sgd"}, {"action": "run_to", "step": 20}],
                   "claims": [{"run": "late", "series": "probe.loss", "step": 20, "below": 0}]}]}
                """;
        List<String> failures = play(tour);
        assertEquals(2, failures.size(), failures::toString);
        assertTrue(failures.get(0).matches("tour step 1: run sgd, probe.loss at step 10 = \\S+, claimed above "
                + "1.000e\\+09"), failures.get(0));
        assertTrue(failures.get(1).matches("tour step 3: run late, probe.loss at step 20 = \\S+, claimed below "
                + "0.000"), failures.get(1));
    }

    @Test
    void anAddedRunStartsAtStepZeroAndCatchesUpAtTheNextRunTo() throws InterruptedException {
        // The added run joins at step 5 of the others; run_to 15 gives it all 15 steps, so it rises over 0–15, and
        // the first run's norm, frozen by learning rate 0 from step 5, does not rise over 5–15.
        String tour = """
                {"charts": ["weight.norm_sq.layer0"], "steps": [
                  {"say": "a", "do": [{"action": "run_to", "step": 5}]},
                  {"say": "b", "do": [{"action": "set", "run": "sgd", "name": "learningRate", "value": 0},
                                      {"action": "add_run", "run": {"name": "late", "optimizer": {"name": "sgd"}}},
                                      {"action": "run_to", "step": 15}],
                   "claims": [{"run": "late", "series": "weight.norm_sq.layer0", "from": 0, "to": 15, "rises": true},
                              {"run": "late", "series": "weight.norm_sq.layer0", "from": 0, "to": 15,
                               "monotone": "increasing"},
                              {"run": "sgd", "series": "weight.norm_sq.layer0", "from": 5, "to": 15, "rises": true}]}]}
                """;
        List<String> failures = play(tour);
        assertEquals(1, failures.size(), failures::toString);
        assertTrue(failures.get(0).matches("tour step 2: run sgd, weight.norm_sq.layer0 from step 5 \\((\\S+)\\) "
                + "to step 15 \\(\\1\\), claimed to rise"), failures.get(0));
    }

    @Test
    void anExperimentWithoutATourIsRefused() {
        Experiment experiment = TinyExperiment.experiment();
        assertThrows(IllegalArgumentException.class, () -> TourPlayer.play(experiment,
                experiment.data().load(Path.of("..", "assets"))));
    }
}
