package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Normalization;

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
        assertEquals(new Experiment.Sgd(0.1), e.training().optimizer());
        assertEquals(new Experiment.ProbeSetup(2048, 0), e.probe());
        assertEquals(new Experiment.Logging(100), e.logging());
        assertEquals("", e.description());
    }

    @Test
    void givenFieldsOverrideDefaultsInsideASection() {
        Experiment e = ExperimentFile.parse(with("/data/size", "300"), "test.json");
        assertEquals(DataSpec.defaults(DataKind.MOONS).withSize(300), e.data());
        Experiment sgd = ExperimentFile.parse(with("/training/optimizer/learningRate", "2"), "test.json");
        assertEquals(new Experiment.Sgd(2.0), sgd.training().optimizer());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        // unknown fields
        "/colour | 1 | colour is not a known field; allowed here: "
                + "data, description, logging, name, network, probe, training",
        "/training/optimizer/learnRate | 1 | training.optimizer.learnRate is not a known field; "
                + "allowed here: learningRate",
        // wrong types
        "/network/hiddenWidths | [8, \"a\"] | network.hiddenWidths[1] must be an integer",
        "/network/hiddenWidths | [8, 1.5] | network.hiddenWidths[1] must be an integer",
        "/network/hiddenWidths | 8 | network.hiddenWidths must be an array",
        "/training/optimizer/learningRate | \"0.1\" | training.optimizer.learningRate must be a number",
        "/training/batchSize | null | training.batchSize must be an integer",
        "/data/standardize | 1 | data.standardize must be true or false",
        "/description | 5 | description must be a string",
        "/probe | 3 | probe must be an object",
        "/network/activation | \"RELU\" | network.activation must be one of relu, tanh, identity",
        "/training/optimizer/name | \"adam\" | training.optimizer.name must be one of sgd, was 'adam'",
        // out of range
        "/network/hiddenWidths | [8, 0] | network.hiddenWidths[1] must be >= 1, was 0",
        "/training/optimizer/learningRate | -1 | training.optimizer.learningRate must be a finite number > 0, was -1.0",
        "/training/batchSize | -2 | training.batchSize must be >= 0 (0 = full batch), was -2",
        "/network/bnEpsilon | -1e-3 | network.bnEpsilon must be a finite number >= 0, was -0.001",
        "/logging/evaluateEvery | 0 | logging.evaluateEvery must be an integer >= 1, was 0",
        "/data/testFraction | 1.5 | data.testFraction must be in [0, 1), was 1.5",
        "/name | \"a b\" | name must be a non-empty string of letters, digits, '.', '_' and '-', was 'a b'",
    })
    void aBadFieldGivesOneMessageNamingItsPath(String pointer, String value, String message) {
        assertEquals(message, error(with(pointer, value)));
    }

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        assertEquals("training.steps must be an integer", error(MINIMAL.replace(", \"training\": {\"steps\": 10}",
                ", \"training\": {}")));
        assertTrue(error(MINIMAL.replace("\"kind\": \"moons\"", "")).startsWith("data.kind is required (one of "));
        assertTrue(error(MINIMAL.replace("\"name\": \"m\", ", "")).startsWith("name must be a non-empty string"));
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
    void theResolvedExperimentReadsBackEqual() {
        Experiment e = TinyExperiment.experiment();
        assertEquals(e, ExperimentFile.parse(ExperimentFile.toJson(e), "resolved.json"));
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
}
