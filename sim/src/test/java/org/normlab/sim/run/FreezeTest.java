package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.normlab.sim.model.Params;

/** A run's {@code freeze} option: frozen tensors never change, the others train; unknown names are refused. */
class FreezeTest {
    private static final String TWO_LAYERS = "\"network\": {\"hiddenWidths\": [6, 5]";

    private static Experiment experiment(String optimizer, String freeze) {
        String json = TinyExperiment.race("batch_norm", "[{\"name\": \"a\", \"optimizer\": " + optimizer
                + ", \"freeze\": " + freeze + "}]").replace("\"network\": {\"hiddenWidths\": [6]", TWO_LAYERS);
        return ExperimentFile.parse(json, "test.json");
    }

    /** 100 steps of optimizers that decay, keep momentum or project rows: frozen tensors stay bit for bit. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"sgd_wd\", \"learningRate\": 0.3, \"weightDecay\": 0.01, \"momentum\": 0.9, \"decay\": \"all\"}",
        "{\"name\": \"adamw\", \"learningRate\": 0.01}",
        "{\"name\": \"wrs\", \"learningRate\": 0.3}",
        "{\"name\": \"pswa\", \"period\": 7, \"inner\": {\"name\": \"momentum\"}}",
    })
    void frozenTensorsStayBitForBitAndTheOthersMove(String optimizer) {
        Experiment e = experiment(optimizer, "[\"gamma\", \"beta\", \"classifier\", \"W0\"]");
        Run run = new Run(e, e.run("a"), e.data().load(Path.of("..", "assets")).train());
        Params params = run.network().params();
        Map<String, double[]> before = new HashMap<>();
        params.tensors().forEach(t -> before.put(t.name(), params.view(run.network().theta(), t).dup()
                .data().asDouble()));
        for (int i = 0; i < 100; i++) {
            run.step();
        }
        assertEquals(100, run.steps());
        for (Params.Tensor t : params.tensors()) {
            double[] after = params.view(run.network().theta(), t).dup().data().asDouble();
            boolean frozen = !t.name().equals("W1");
            if (frozen) {
                assertArrayEquals(before.get(t.name()), after, 0.0, t.name() + " is frozen");
            } else {
                double moved = 0;
                for (int i = 0; i < after.length; i++) {
                    moved = Math.max(moved, Math.abs(after[i] - before.get(t.name())[i]));
                }
                assertTrue(moved > 1e-3, t.name() + " trains: moved " + moved);
            }
        }
    }

    @Test
    void anUnknownTensorIsNamedWithTheAllowedOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> experiment("{\"name\": \"sgd\"}", "[\"gamma\", \"bn.gamma\"]"));
        assertEquals("runs[0].freeze[1] 'bn.gamma' is not a tensor or group of this network; allowed: gamma, beta, "
                + "classifier, W0, gamma0, beta0, W1, gamma1, beta1, W2, b2", e.getMessage());
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> experiment("{\"name\": \"sgd\"}", "[\"W0\", \"W0\"]"));
        assertEquals("runs[0].freeze[1] must name a tensor or group not listed before, was 'W0'", twice.getMessage());
        String plain = TinyExperiment.race("none", "[{\"name\": \"a\", \"optimizer\": {\"name\": \"sgd\"}, "
                + "\"freeze\": [\"gamma\"]}]");
        assertEquals("runs[0].freeze[0] 'gamma' is not a tensor or group of this network (it has none); allowed: "
                + "gamma, beta, classifier, W0, b0, W1, b1", assertThrows(InvalidInputException.class,
                () -> ExperimentFile.parse(plain, "test.json")).getMessage());
    }

    @Test
    void aFrozenRunReadsBackEqual() {
        Experiment e = experiment("{\"name\": \"sgd\"}", "[\"classifier\"]");
        assertEquals(e, ExperimentFile.parse(ExperimentFile.toJson(e), "resolved.json"));
    }
}
