package org.normlab.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.OptimizerSetup;

/** Reading a sweep file, numbering its trials and building each one's experiment. */
class SweepTest {
    private static final double RELATIVE = 1e-12;

    static final String BASE = """
            {"name": "tiny", "data": {"kind": "spirals", "size": 120, "noise": 0.05, "testFraction": 0.25, "seed": 3},
             "network": {"hiddenWidths": [6, 6]}, "training": {"steps": 12, "batchSize": 16},
             "runs": [{"name": "sgd", "optimizer": {"name": "sgd"}},
                      {"name": "pswa", "optimizer": {"name": "pswa", "inner": {"name": "sgd"}}}],
             "probe": {"size": 60}, "probes": {"families": []}, "logging": {"evaluateEvery": 4},
             "tour": {"charts": ["probe.loss"], "steps": []}}
            """;

    @TempDir
    Path temp;

    private Sweep sweep(String json) throws IOException {
        Files.writeString(temp.resolve("base.json"), BASE);
        Sweep sweep = Sweep.read(Files.writeString(temp.resolve("sweep.json"), json));
        sweep.checkTrials();
        return sweep;
    }

    private String error(String json) {
        return assertThrows(InvalidInputException.class, () -> sweep(json)).getMessage();
    }

    @Test
    void aLogRangeEndsExactlyAtItsBoundsWithEqualRatios() {
        Grid grid = Grid.logSpaced(1e-3, 1, 4);
        assertEquals(List.of(1e-3, 1.0), List.of(grid.get(0), grid.get(3)));
        for (int i = 1; i < 4; i++) {
            assertEquals(10, grid.get(i) / grid.get(i - 1), 10 * RELATIVE);
        }
        assertEquals(List.of(0.0, 0.5, 1.0), Grid.linear(0, 1, 3).values());
    }

    @Test
    void trialsAreEveryCombinationNumberedOptimizerFirstReplicateLast() throws IOException {
        Sweep sweep = sweep("""
                {"experiment": "base.json", "seeds": 2,
                 "optimizers": [{"run": "sgd", "grid": {"learningRate": [0.1, 1]}},
                                {"name": "adam", "optimizer": {"name": "adam", "beta1": 0.8},
                                 "grid": {"learningRate": [0.001], "beta2": [0.99, 0.999]}}],
                 "grid": {"width": [4, 8]}}
                """);
        assertEquals(2 * 2 * 2 + 2 * 2 * 2, sweep.size());
        Trial t = sweep.trial(5);
        assertEquals(List.of("sgd", Map.of("learningRate", 1.0), 4, 1),
                List.of(t.optimizer(), t.hyperparameters(), t.width(), t.replicate()));
        Experiment e = t.experiment();
        assertEquals(List.of(4, 4), e.network().hiddenWidths());
        assertEquals(OptimizerSetup.LEARNING_RATE, "learningRate");
        assertEquals(1.0, e.runs().get(0).optimizer().ownHyperparameters().get("learningRate"));
        Trial adam = sweep.trial(8 + 4 + 1);
        assertEquals(List.of("adam", 0.001, 0.999, 0.8, 4, 1), List.of(adam.optimizer(),
                adam.hyperparameters().get("learningRate"), adam.hyperparameters().get("beta2"),
                adam.experiment().runs().get(0).optimizer().ownHyperparameters().get("beta1"), adam.width(),
                adam.replicate()));
        assertEquals("trial-00013", adam.folder());
        assertEquals(List.of("learningRate", "beta2"), sweep.hyperparameters());
    }

    @Test
    void withinAReplicateEveryOptimizerHasTheSameSeedsAndAcrossReplicatesTheyDiffer() throws IOException {
        Sweep sweep = sweep("""
                {"experiment": "base.json", "seed": 9, "seeds": 3,
                 "optimizers": [{"run": "sgd", "grid": {"learningRate": [0.1, 1]}}, {"run": "pswa"}]}
                """);
        for (int i = 0; i < sweep.size(); i++) {
            Trial a = sweep.trial(i);
            for (int j = 0; j < sweep.size(); j++) {
                Trial b = sweep.trial(j);
                boolean paired = a.replicate() == b.replicate();
                assertEquals(paired, a.experiment().network().seed() == b.experiment().network().seed());
                assertEquals(paired, a.experiment().training().orderSeed() == b.experiment().training().orderSeed());
            }
        }
        assertEquals(Sweep.derivedSeed(9, 1, 0), sweep.trial(1).networkSeed());
        assertNotEquals(Sweep.derivedSeed(9, 1, 0), Sweep.derivedSeed(10, 1, 0));
    }

    @Test
    void explicitSeedAxesReplaceTheDerivedOnes() throws IOException {
        Sweep sweep = sweep("""
                {"experiment": "base.json", "seeds": 2, "optimizers": [{"run": "sgd"}],
                 "grid": {"networkSeed": [7, 8]}}
                """);
        assertEquals(List.of(7L, 7L, 8L, 8L), List.of(0, 1, 2, 3).stream()
                .map(i -> sweep.trial(i).experiment().network().seed()).toList());
        assertNotEquals(sweep.trial(0).orderSeed(), sweep.trial(1).orderSeed());
        assertEquals(sweep.trial(0).orderSeed(), sweep.trial(2).orderSeed());
    }

    @Test
    void aWrappersGridSetsItsInnerOptimizersHyperparameter() throws IOException {
        Sweep sweep = sweep("""
                {"experiment": "base.json", "optimizers": [{"run": "pswa", "grid": {"learningRate": [0.25]}}]}
                """);
        OptimizerSetup inner = sweep.trial(0).experiment().runs().get(0).optimizer().inner().orElseThrow();
        assertEquals(0.25, inner.ownHyperparameters().get("learningRate"));
    }

    @Test
    void theWrittenSweepReadsBackTheSameAndNumbersTheSameTrials() throws IOException {
        Sweep sweep = sweep("""
                {"experiment": "base.json", "seeds": 2,
                 "optimizers": [{"run": "sgd", "grid": {"learningRate": {"from": 0.001, "to": 1, "count": 3}}}]}
                """);
        Sweep again = Sweep.parse(sweep.toJson(), "written");
        assertEquals(sweep.toJson(), again.toJson());
        for (int i = 0; i < sweep.size(); i++) {
            assertEquals(sweep.trial(i), again.trial(i));
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "\"optimizers\": [{\"run\": \"sgd\", \"grid\": {\"learningrate\": [0.1]}}] | optimizers[0].grid.learningrate "
                + "is not a hyperparameter of sgd; did you mean learningRate?",
        "\"optimizers\": [{\"run\": \"sgd\"}], \"grid\": {\"widths\": [4]} | grid.widths is not a known field; did "
                + "you mean width?",
        "\"optimizers\": [{\"run\": \"sgd\", \"grid\": {\"learningRate\": []}}] | optimizers[0].grid.learningRate "
                + "must give at least one value",
        "\"optimizers\": [{\"run\": \"sgd\", \"grid\": {\"learningRate\": [0.1, -2]}}] | trial 1 (sgd, learningRate "
                + "-2.0, replicate 0): runs[0].optimizer.learningRate must be in [0, ∞), was -2.0",
        "\"optimizers\": [{\"run\": \"sgd\"}], \"grid\": {\"width\": [4, 0]} | grid.width[1] must be an integer >= 1",
        "\"optimizers\": [{\"run\": \"adam\"}] | optimizers[0].run 'adam' is not a run of the experiment; its runs "
                + "are sgd, pswa",
        "\"optimizers\": [] | optimizers must be a non-empty array",
        "\"optimizers\": [{\"run\": \"sgd\"}, {\"run\": \"sgd\"}] | optimizers[1].name 'sgd' is taken",
        "\"optimizers\": [{\"run\": \"sgd\", \"grid\": {\"learningRate\": {\"from\": 1, \"to\": 0, \"count\": 2}}}] | "
                + "optimizers[0].grid.learningRate must have from > 0 and to > 0",
        "\"optimisers\": [{\"run\": \"sgd\"}] | optimisers is not a known field; did you mean optimizers?"})
    void aBadSweepIsRefusedNamingTheFieldAndTheTrial(String fields, String message) {
        String json = "{\"experiment\": \"base.json\", " + fields + "}";
        String error = error(json);
        assertTrue(error.startsWith(temp.resolve("sweep.json") + ": " + message), error);
    }

    @Test
    void aBaseExperimentOutsideTheSweepFilesFolderIsRefused() throws IOException {
        Files.writeString(temp.resolve("base.json"), BASE);
        Path inner = Files.createDirectories(temp.resolve("sweeps"));
        Path file = Files.writeString(inner.resolve("sweep.json"),
                "{\"experiment\": \"../base.json\", \"optimizers\": [{\"run\": \"sgd\"}]}");
        String error = assertThrows(InvalidInputException.class, () -> Sweep.read(file)).getMessage();
        assertTrue(error.contains("experiment '../base.json' leads out of the sweep file's folder"), error);
    }
}
