package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.optim.Optimizers;
import org.normlab.sim.probe.Probes;

class ExperimentFileTest {

    private static final String MINIMAL = """
            {"name": "m", "data": {"kind": "moons"}, "network": {"hiddenWidths": [8]}, "training": {"steps": 10}}
            """;

    /** {@code MINIMAL} with the field at {@code pointer} (e.g. "/training/steps") set to JSON {@code value}. */
    private static String with(String pointer, String value) {
        try {
            ObjectNode tree = (ObjectNode) Json.mapper().readTree(MINIMAL);
            JsonPointer field = JsonPointer.compile(pointer);
            tree.withObject(field.head()).set(field.last().getMatchingProperty(), Json.mapper().readTree(value));
            return tree.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A runs array of one run "a" with the optimizer JSON {@code optimizer}. */
    private static String runs(String optimizer) {
        return "[{\"name\": \"a\", \"optimizer\": " + optimizer + "}]";
    }

    private static String error(String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentFile.parse(json, "test.json"));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void omittedFieldsTakeTheDocumentedDefaults() {
        Experiment e = ExperimentFile.parse(MINIMAL, "test.json");
        assertEquals(DataSpec.defaults(DataKind.MOONS), e.data());
        assertEquals(List.of(8), e.network().hiddenWidths());
        assertEquals(Activation.RELU, e.network().activation());
        assertEquals(Normalization.BATCH_NORM, e.network().normalization());
        assertEquals(1e-5, e.network().bnEpsilon());
        assertEquals(128, e.training().batchSize());
        assertFalse(e.training().lockstep());
        assertEquals(List.of(new Experiment.RunSetup("sgd", OptimizerSetup.sgd(0.1), List.of())), e.runs());
        assertEquals(new Experiment.ProbeSetup(2048, 0), e.probe());
        assertEquals(new Experiment.Logging(100), e.logging());
        assertEquals(new Experiment.ProbesSetup(List.of(Probes.Family.WEIGHT_NORM,
                Probes.Family.EFFECTIVE_LEARNING_RATE, Probes.Family.GRADIENT_NORM, Probes.Family.ORTHOGONAL_NOISE,
                Probes.Family.SHARPNESS, Probes.Family.FISHER), BatchNormMode.TRAIN, 0, 0, 0, Lanczos.DEFAULT_TOLERANCE),
                e.probes());
        assertEquals("", e.description());
    }

    @Test
    void givenFieldsOverrideDefaultsInsideASection() {
        Experiment e = ExperimentFile.parse(with("/data/size", "300"), "test.json");
        assertEquals(DataSpec.defaults(DataKind.MOONS).withSize(300), e.data());
        Experiment sgd = ExperimentFile.parse(with("/runs", runs("{\"name\": \"sgd\", \"learningRate\": 2}")),
                "test.json");
        assertEquals(OptimizerSetup.sgd(2.0), sgd.runs().get(0).optimizer());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        // unknown fields
        "/colour | 1 | colour is not a known field; allowed here: "
                + "data, description, logging, name, network, probe, probes, runs, tour, training",
        "/probes/every | 1 | probes.every is not a known field; allowed here: batchNormMode, curvatureEvery, "
                + "eigenTolerance, evaluationsEvery, families, weightsEvery",
        "/training/optimizer | {} | training.optimizer is not a known field; allowed here: batchSize, lockstep, "
                + "orderSeed, steps",
        "/training/lockstep | 1 | training.lockstep must be true or false",
        "/training/lockstep | \"yes\" | training.lockstep must be true or false",
        // wrong types
        "/network/hiddenWidths | [8, \"a\"] | network.hiddenWidths[1] must be an integer",
        "/network/hiddenWidths | [8, 1.5] | network.hiddenWidths[1] must be an integer",
        "/network/hiddenWidths | 8 | network.hiddenWidths must be an array",
        "/training/batchSize | null | training.batchSize must be an integer",
        "/data/standardize | 1 | data.standardize must be true or false",
        "/description | 5 | description must be a string",
        "/probe | 3 | probe must be an object",
        "/network/activation | \"RELU\" | network.activation must be one of relu, tanh, identity",
        "/runs | [] | runs must be a non-empty array of runs",
        // out of range
        "/network/hiddenWidths | [8, 0] | network.hiddenWidths[1] must be >= 1, was 0",
        "/training/batchSize | -2 | training.batchSize must be a whole number >= 0 (0 = full batch), was -2.0",
        "/network/bnEpsilon | -1e-3 | network.bnEpsilon must be a finite number >= 0, was -0.001",
        "/logging/evaluateEvery | 0 | logging.evaluateEvery must be an integer >= 1, was 0",
        "/logging/checkpointAt | [-1] | logging.checkpointAt[0] must be a step >= 0 not listed before, was -1",
        "/logging/checkpointAt | [0, 5, 0] | logging.checkpointAt[2] must be a step >= 0 not listed before, was 0",
        "/logging/checkpointAt | [0, 11] | logging.checkpointAt[1] must be at most training.steps (10), was 11",
        "/probes/families | [\"hessian\"] | probes.families[0] must be one of weight_norm, effective_learning_rate, "
                + "update_ratio, loss_and_accuracy, gradient_norm, orthogonal_noise, sharpness, fisher, layer_curvature",
        "/probes/families | [\"loss_and_accuracy\"] | probes.families must not list loss_and_accuracy: the run "
                + "records loss and accuracy every logging.evaluateEvery steps",
        "/probes/families | [\"fisher\", \"fisher\"] | probes.families must list each family at most once, was "
                + "[fisher, fisher]",
        "/probes/batchNormMode | \"test\" | probes.batchNormMode must be one of train, eval",
        "/probes/eigenTolerance | 0 | probes.eigenTolerance must be in (0, 1) (a relative error bound, default 1.0E-6), "
                + "was 0.0",
        "/probes/eigenTolerance | 1 | probes.eigenTolerance must be in (0, 1) (a relative error bound, default 1.0E-6), "
                + "was 1.0",
        "/probes/curvatureEvery | -1 | probes.curvatureEvery must be an integer >= 0 (0 = the standard cadence), "
                + "was -1",
        "/data/testFraction | 1.5 | data.testFraction must be in [0, 1), was 1.5",
        "/name | \"a b\" | name must be one plain file name: letters, digits, '.', '_' and '-', not '.' or '..', "
                + "was 'a b'",
    })
    void aBadFieldGivesOneMessageNamingItsPath(String pointer, String value, String message) {
        assertEquals(message, error(with(pointer, value)));
    }

    /** A run's name is its folder: one plain name component, never a way out of the output folder. */
    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "../x", "a/b", "a\\b", "a\u0000", "/"})
    void aRunNameMustBeOnePlainFileName(String name) throws JsonProcessingException {
        String run = "[{\"name\": " + Json.mapper().writeValueAsString(name)
                + ", \"optimizer\": {\"name\": \"sgd\"}}]";
        String shown = name.replace("\u0000", "\\u0000");
        assertEquals("runs[0].name must be one plain file name: letters, digits, '.', '_' and '-', not '.' or '..', "
                + "was '" + shown + "'", error(with("/runs", run)));
    }

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        assertEquals("training.steps must be an integer", error(MINIMAL.replace(", \"training\": {\"steps\": 10}",
                ", \"training\": {}")));
        assertTrue(error(MINIMAL.replace("\"kind\": \"moons\"", "")).startsWith("data.kind is required (one of "));
        assertTrue(error(MINIMAL.replace("\"name\": \"m\", ", "")).startsWith("name must be one plain file name"));
        assertEquals("network.hiddenWidths is required (an array of widths >= 1, may be empty)",
                error(MINIMAL.replace("\"hiddenWidths\": [8]", "")));
    }

    @Test
    void syntaxErrorsAndDuplicateKeysNameTheFileAndLine() {
        assertTrue(error("{\"name\": \"m\",\n \"name\": \"n\"}").startsWith("test.json: not valid JSON at line 2"));
        assertTrue(error("{\"name\": ").startsWith("test.json: not valid JSON"));
        assertEquals("test.json: an experiment must be a JSON object", error("[1, 2]"));
    }

    @Test
    void aFileStartingWithAByteOrderMarkReadsLikeOneWithout(@TempDir Path folder) throws IOException {
        Path plain = folder.resolve("plain.json");
        Path marked = folder.resolve("marked.json");
        Files.writeString(plain, MINIMAL);
        Files.write(marked, ("\uFEFF" + MINIMAL).getBytes(StandardCharsets.UTF_8));
        assertEquals(ExperimentFile.read(plain), ExperimentFile.read(marked));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"trainig\": {\"steps\": 10} | trainig is not a known field; did you mean training? allowed here: data, "
                + "description, logging, name, network, probe, probes, runs, tour, training",
        "\"netwrok\": {\"hiddenWidths\": [8]}, \"training\": {\"steps\": 10} | netwrok is not a known field; "
                + "did you mean network? allowed here: data, description, logging, name, network, probe, probes, runs, "
                + "tour, training",
        "\"network\": {\"hiddenWidth\": [8]}, \"training\": {\"steps\": 10} | network.hiddenWidth is not a "
                + "known field; did you mean hiddenWidths? allowed here: activation, bnEpsilon, ghostBatchSize, "
                + "hiddenWidths, initialization, loss, normalization, seed",
        "\"data\": {\"knd\": \"moons\"}, \"training\": {\"steps\": 10} | data.knd is not a known field; did you "
                + "mean kind? allowed here: classes, dimension, downsample, embedDimension, images, kind, labels, "
                + "noise, seed, size, standardize, testFraction",
    })
    void aMisspeltFieldIsNamedWithTheClosestAllowedOneBeforeAnyMissingField(String sections, String message) {
        String json = "{\"name\": \"m\", " + (sections.contains("data") ? "" : "\"data\": {\"kind\": \"moons\"}, ")
                + (sections.contains("netw") ? "" : "\"network\": {\"hiddenWidths\": [8]}, ") + sections + "}";
        assertEquals(message, error(json));
    }

    @Test
    void aMisspeltHyperparameterIsNamedWithTheClosestOne() {
        assertEquals("runs[0].optimizer.learningrate is not a known field of sgd; did you mean learningRate? "
                + "allowed here: name, learningRate", error(with("/runs", runs("{\"name\": \"sgd\", "
                + "\"learningrate\": 1}"))));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "/runs | [{\"name\": \"a\", \"optimizer\": {\"name\": \"sgd\", \"learningRate\": NaN}}] | "
                + "runs[0].optimizer.learningRate must be in [0, ∞), was NaN",
        "/runs | [{\"name\": \"a\", \"optimizer\": {\"name\": \"adam\", \"epsilon\": Infinity}}] | "
                + "runs[0].optimizer.epsilon must be in (0, ∞), was Infinity",
        "/network/bnEpsilon | -Infinity | network.bnEpsilon must be a finite number >= 0, was -Infinity",
        "/data/noise | NaN | data.noise must be a finite number >= 0, was NaN",
        "/data/testFraction | NaN | data.testFraction must be in [0, 1), was NaN",
        "/training/steps | NaN | training.steps must be an integer",
        "/runs | [{\"name\": \"a\", \"optimizer\": {\"name\": \"sgd\"}, \"rescale\": {\"gamma\": NaN}}] | "
                + "runs[0].rescale.gamma must be a finite number > 0, was NaN",
        "/runs | [{\"name\": \"a\", \"optimizer\": {\"name\": \"sgd\"}, \"changes\": [{\"step\": 1, "
                + "\"name\": \"learningRate\", \"value\": Infinity}]}] | runs[0].changes[0]: learningRate must be "
                + "in [0, ∞), was Infinity",
    })
    void nonFiniteLiteralsAreRefusedByTheFieldsOwnRange(String pointer, String value, String message) {
        // The tree helper cannot hold a bare NaN: a placeholder string goes in and the literal replaces it in the text.
        String literal = value.replaceAll(".*?(-?(NaN|Infinity)).*", "$1");
        String placeholder = "\"non-finite\"";
        assertEquals(message, error(with(pointer, value.replace(literal, placeholder)).replace(placeholder, literal)));
    }

    @Test
    void theResolvedExperimentReadsBackEqual() {
        Experiment e = TinyExperiment.experiment();
        assertEquals(e, ExperimentFile.parse(ExperimentFile.toJson(e), "resolved.json"));
        assertFalse(ExperimentFile.toJson(e).contains("lockstep"), "off is not written: files stay as they were");
        Experiment lockstep = ExperimentFile.parse(with("/training/lockstep", "true"), "lockstep.json");
        assertTrue(lockstep.training().lockstep());
        assertEquals(lockstep, ExperimentFile.parse(ExperimentFile.toJson(lockstep), "resolved.json"));
    }

    @Test
    void everyShippedPresetParsesAndDescribesItself() throws IOException {
        Path presets = Path.of("..", "assets", "presets");
        List<Path> files;
        try (Stream<Path> list = Files.list(presets)) {
            files = list.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            Experiment e = ExperimentFile.read(file);
            assertFalse(e.description().isBlank(), file + " has a description");
            assertEquals(file.getFileName().toString(), e.name() + ".json");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"momentum\", \"momentum\": 1.5} | runs[0].optimizer.momentum must be in [0, 1), was 1.5",
        "{\"name\": \"sgd\", \"learningRate\": -1} | runs[0].optimizer.learningRate must be in [0, ∞), was -1.0",
        "{\"name\": \"sgd\", \"learningRate\": \"0.1\"} | runs[0].optimizer.learningRate must be a number, "
                + "was \"0.1\"",
        "{\"name\": \"sgd\", \"lr\": 1} | runs[0].optimizer.lr is not a known field of sgd; allowed here: name, "
                + "learningRate",
        "{\"name\": \"adamx\"} | runs[0].optimizer.name must be one of sgd, momentum, nesterov, sgd_wd, adam, "
                + "adamw, psi_sgd, wrs, insgd, lars, mimic_norm, pswa, pwalks, pswm, was 'adamx'",
        "{\"learningRate\": 1} | runs[0].optimizer.name is required: one of sgd, momentum, nesterov, sgd_wd, adam, "
                + "adamw, psi_sgd, wrs, insgd, lars, mimic_norm, pswa, pwalks, pswm",
        "\"sgd\" | runs[0].optimizer must be an object with a \"name\"",
        "{\"name\": \"sgd_wd\", \"decay\": \"some\"} | runs[0].optimizer.decay must be one of all, weights, "
                + "was \"some\"",
        "{\"name\": \"adam\", \"beta2\": 1} | runs[0].optimizer.beta2 must be in [0, 1), was 1.0",
        "{\"name\": \"pswa\", \"period\": 0, \"inner\": {\"name\": \"sgd\"}} | runs[0].optimizer.period "
                + "must be an integer in [1, ∞), was 0.0",
        "{\"name\": \"pwalks\", \"samples\": 2.5, \"inner\": {\"name\": \"sgd\"}} | runs[0].optimizer.samples "
                + "must be an integer in [1, ∞), was 2.5",
        "{\"name\": \"pswm\", \"inner\": {\"name\": \"momentum\", \"momentum\": -0.1}} | "
                + "runs[0].optimizer.inner.momentum must be in [0, 1), was -0.1",
        "{\"name\": \"pswm\", \"momentum\": 0.5, \"inner\": {\"name\": \"momentum\"}} | "
                + "runs[0].optimizer.momentum is not a known field of pswm; allowed here: name, inner, innerState, "
                + "reestimateBatches, sampleInterval, period, averageBeta",
        "{\"name\": \"pswa\"} | runs[0].optimizer.inner is required: the optimizer pswa wraps",
        "{\"name\": \"psi_sgd\", \"learningRate\": 1, \"sgdLearningRate\": 0.1} | runs[0].optimizer.give "
                + "learningRate or sgdLearningRate, not both",
        "{\"name\": \"insgd\", \"powerEpsilon\": 0} | runs[0].optimizer.powerEpsilon must be in (0, ∞), was 0.0",
        "{\"name\": \"pswa\", \"reestimateBatches\": -1, \"inner\": {\"name\": \"sgd\"}} | "
                + "runs[0].optimizer.reestimateBatches must be an integer >= 0, was -1",
        "{\"name\": \"pswa\", \"period\": 10, \"sampleInterval\": 20, \"inner\": {\"name\": \"sgd\"}} | "
                + "runs[0].optimizer.sampleInterval must be an integer in [1, 10] (sampleInterval <= period: a period "
                + "holds a sample), was 20",
        "{\"name\": \"pwalks\", \"period\": 10, \"samples\": 20, \"inner\": {\"name\": \"sgd\"}} | "
                + "runs[0].optimizer.samples must be an integer in [1, 10] (samples × sampleInterval <= period: a "
                + "period holds the samples it averages), was 20",
    })
    void aBadOptimizerGivesOneMessageNamingItsPathAndTheAllowedRange(String optimizer, String message) {
        assertEquals(message, error(with("/runs", runs(optimizer))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"step\": 5, \"name\": \"learningRate\", \"value\": -1} | runs[0].changes[0]: learningRate must be "
                + "in [0, ∞), was -1.0",
        "{\"step\": 5, \"name\": \"momentum\", \"value\": 0.5} | runs[0].changes[0]: no hyperparameter "
                + "'momentum'; this optimizer has learningRate",
        "{\"step\": -1, \"name\": \"learningRate\", \"value\": 1} | runs[0].changes[0].step must be an integer "
                + ">= 0, was -1",
        "{\"step\": 1, \"value\": 1} | runs[0].changes[0].name is required (a hyperparameter of the run's "
                + "optimizer)",
    })
    void aBadScheduledChangeNamesTheChangeAndTheAllowedRange(String change, String message) {
        String runs = "[{\"name\": \"a\", \"optimizer\": {\"name\": \"sgd\"}, \"changes\": [" + change + "]}]";
        assertEquals(message, error(with("/runs", runs)));
    }

    @Test
    void runNamesAreDistinctAndOptimizersFitTheNetwork() {
        String twice = "[{\"name\": \"a\", \"optimizer\": {\"name\": \"sgd\"}}, "
                + "{\"name\": \"a\", \"optimizer\": {\"name\": \"adam\"}}]";
        assertEquals("runs[1].name 'a' is taken by an earlier run; names must be distinct",
                error(with("/runs", twice)));
        String psi = with("/runs", runs("{\"name\": \"pswa\", \"inner\": {\"name\": \"psi_sgd\"}}"));
        assertEquals("runs[0].optimizer pswa(psi_sgd) needs network.normalization batch_norm, was none",
                error(psi.replace("\"hiddenWidths\":[8]", "\"hiddenWidths\":[8],\"normalization\":\"none\"")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"network\": {\"width\": 1} | runs[0].network.width is not a known field; allowed here: activation, "
                + "bnEpsilon, ghostBatchSize, hiddenWidths, initialization, loss, normalization, seed",
        "\"network\": {\"hiddenWidths\": [8, 0]} | runs[0].network.hiddenWidths[1] must be >= 1, was 0",
        "\"rescale\": {\"hiddenWeights\": 0} | runs[0].rescale.hiddenWeights must be a finite number > 0, was 0.0",
        "\"rescale\": {\"gamma\": 2}, \"network\": {\"normalization\": \"none\"} | runs[0].rescale.gamma needs "
                + "runs[0].network.normalization batch_norm (there is no γ to scale), was none",
        "\"network\": {\"normalization\": \"none\"}, \"optimizer\": {\"name\": \"wrs\"} | runs[0].optimizer wrs "
                + "needs runs[0].network.normalization batch_norm, was none",
    })
    void aBadRunSettingNamesItsPath(String fields, String message) {
        String run = "[{\"name\": \"a\", " + (fields.contains("optimizer") ? "" : "\"optimizer\": {\"name\": \"sgd\"}, ")
                + fields + "}]";
        assertEquals(message, error(with("/runs", run)));
    }

    @Test
    void aRunsNetworkIsLaidOverTheExperimentsAndReadsBackEqual() {
        Experiment e = ExperimentFile.parse(with("/runs", "[{\"name\": \"a\", \"optimizer\": {\"name\": \"sgd\"}}, "
                + "{\"name\": \"b\", \"optimizer\": {\"name\": \"sgd\"}, \"network\": {\"normalization\": \"none\"}, "
                + "\"rescale\": {\"hiddenWeights\": 2}}]"), "test.json");
        assertEquals(null, e.runs().get(0).network());
        assertEquals(Experiment.Rescale.NONE, e.runs().get(0).rescale());
        Experiment.NetworkSetup b = e.runs().get(1).network(e.network());
        assertEquals(Normalization.NONE, b.normalization());
        assertEquals(e.network().hiddenWidths(), b.hiddenWidths());
        assertEquals(e.network().seed(), b.seed());
        assertEquals(new Experiment.Rescale(2, 1), e.runs().get(1).rescale());
        assertEquals(e, ExperimentFile.parse(ExperimentFile.toJson(e), "resolved.json"));
    }

    /** Every recipe, with some values given and the rest left to their defaults. */
    private static final List<String> EVERY_RECIPE = List.of(
            "{\"name\": \"sgd\"}",
            "{\"name\": \"momentum\", \"momentum\": 0.5}",
            "{\"name\": \"nesterov\", \"learningRate\": 0.05}",
            "{\"name\": \"sgd_wd\", \"weightDecay\": 1e-3, \"decay\": \"all\", \"momentum\": 0.9}",
            "{\"name\": \"adam\", \"beta1\": 0.8}",
            "{\"name\": \"adamw\", \"weightDecay\": 0.05}",
            "{\"name\": \"psi_sgd\", \"momentum\": 0.9, \"retraction\": true}",
            "{\"name\": \"psi_sgd\", \"learningRate\": 2}",
            "{\"name\": \"wrs\", \"initialNorm\": true}",
            "{\"name\": \"insgd\", \"momentum\": 0.5, \"norm\": \"l1\", \"standardize\": true}",
            "{\"name\": \"pswa\", \"inner\": {\"name\": \"momentum\"}, \"reestimateBatches\": 2}",
            "{\"name\": \"pwalks\", \"inner\": {\"name\": \"sgd\"}, \"period\": 10, \"samples\": 3}",
            "{\"name\": \"pswm\", \"inner\": {\"name\": \"adam\"}, \"innerState\": \"reset\"}");

    @Test
    void everyRecipeReadsItsValuesFillsItsDefaultsAndReadsBackEqual() throws JsonProcessingException {
        for (String json : EVERY_RECIPE) {
            OptimizerSetup setup = OptimizerSetup.fromJson(Json.mapper().readTree(json));
            Map<String, Double> values = setup.transform(OptimizerSetup.Binding.NONE).hyperparameters().values();
            Json.mapper().readTree(json).fields().forEachRemaining(field -> {
                if (setup.ownHyperparameters().containsKey(field.getKey())) {
                    assertEquals(field.getValue().doubleValue(), values.get(field.getKey()), json);
                }
            });
            String resolved = Json.mapper().writeValueAsString(setup);
            assertEquals(setup, OptimizerSetup.fromJson(Json.mapper().readTree(resolved)), resolved);
        }
        OptimizerSetup insgd = OptimizerSetup.fromJson(Json.mapper().readTree(EVERY_RECIPE.get(9)));
        assertEquals(0.5, insgd.ownHyperparameters().get("powerBeta"), "powerBeta follows the momentum");
        OptimizerSetup adamw = OptimizerSetup.fromJson(Json.mapper().readTree(EVERY_RECIPE.get(5)));
        assertEquals(Optimizers.DEFAULT_BETA2, adamw.ownHyperparameters().get("beta2"), "a default is written out");
    }
}
