package org.normlab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normlab.sim.run.Json;
import org.normlab.sim.run.Metric;
import org.normlab.sim.run.MetricsCsv;
import org.normlab.sim.run.TinyExperiment;

/** The {@code normlab} entry point as a user meets it: exit codes, messages, and what appears on disk. */
class NormLabTest {
    private static final Set<String> RESULT_FILES = Set.of(TinyExperiment.RUN, "probe-set.csv", "experiment.json");
    private static final Set<String> RUN_FILES = Set.of("metrics.csv", "events.csv", "probe-costs.csv",
            "checkpoint.json");

    @TempDir
    Path temp;

    private final Cli cli = new Cli();

    private Path experiment(String json) throws IOException {
        return Files.writeString(temp.resolve("experiment.json"), json);
    }

    private Set<String> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void helpListsTheRunCommand() {
        assertEquals(0, cli.normlab("--help"));
        assertTrue(cli.out().contains("run"));
        assertEquals(0, cli.normlab("run", "--help"));
        assertTrue(cli.out().contains("--out"));
    }

    @Test
    void aBadOptionExitsWithTwoAndOneMessage() {
        assertEquals(2, cli.normlab("run", "--outt", "x"));
        assertTrue(cli.err().startsWith("normlab: "), cli.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"batchSize\": 16 | \"batchSize\": 16, \"momentum\": 0.9 | training.momentum is not a known field",
        "\"learningRate\": 0.1 | \"learningRate\": 0.1, \"momentum\": 0.9 | runs[0].optimizer.momentum is not a "
                + "known field of sgd",
        "\"hiddenWidths\": [6] | \"hiddenWidths\": [6, \"wide\"] | network.hiddenWidths[1] must be an integer",
        "\"learningRate\": 0.1 | \"learningRate\": -0.1 | runs[0].optimizer.learningRate must be in [0, ∞), "
                + "was -0.1",
        "\"batchSize\": 16 | \"batchSize\": 500 | training.batchSize must be a whole number in [0, 45] (0 = full batch), was 500.0",
    })
    void aBadExperimentExitsWithTwoAndWritesNothing(String field, String replacement, String message)
            throws IOException {
        Path file = experiment(TinyExperiment.json().replace(field, replacement));
        Path dir = temp.resolve("results");

        assertEquals(2, cli.normlab("run", file.toString(), "--out", dir.toString()));

        assertTrue(cli.err().startsWith("normlab: " + message), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertFalse(Files.exists(dir));
        assertEquals(Set.of("experiment.json"), entries(temp), "no partial directory left behind");
    }

    @Test
    void aMissingDataFileExitsWithTwoNamingTheFile() throws IOException {
        Path file = experiment(TinyExperiment.json().replace("\"kind\": \"spirals\", \"size\": 60",
                "\"kind\": \"mnist\", \"images\": \"nowhere/images.gz\", \"labels\": \"nowhere/labels.gz\""));
        Path dir = temp.resolve("results");

        assertEquals(2, cli.normlab("run", file.toString(), "--out", dir.toString()));

        assertTrue(cli.err().startsWith("normlab: nowhere/images.gz"), cli.err());
        assertFalse(Files.exists(dir));
    }

    /** Estimated from the settings and refused before a network is built (it used to run out of memory). */
    @Test
    void aHiddenLayerTooWideForMemoryExitsWithTwoAndOneLine() throws IOException {
        Path file = experiment(TinyExperiment.json().replace("\"hiddenWidths\": [6]", "\"hiddenWidths\": [1000000]"));
        Path dir = temp.resolve("results");

        assertEquals(2, cli.normlab("run", file.toString(), "--out", dir.toString()));

        assertTrue(cli.err().startsWith("normlab: the experiment needs about "), cli.err());
        assertTrue(cli.err().contains("sized by network.hiddenWidths"), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertFalse(Files.exists(dir));
    }

    /** A data file is checked by its header: /dev/zero is no images file. */
    @Test
    void anEndlessImagesFileExitsWithTwoNamingIt() throws IOException {
        Path file = experiment(TinyExperiment.json().replace("\"kind\": \"spirals\", \"size\": 60",
                "\"kind\": \"mnist\", \"size\": 60, \"images\": \"/dev/zero\", \"labels\": \"nowhere/labels.gz\""));

        assertEquals(2, cli.normlab("run", file.toString(), "--out", temp.resolve("results").toString()));

        assertEquals("normlab: /dev/zero: not an IDX images file (magic 0, expected 2051)", cli.err().strip());
    }

    @Test
    void aRunWritesMetricsCheckpointProbeSetAndExperiment() throws IOException {
        Path dir = temp.resolve("results");

        assertEquals(0, cli.normlab("run", experiment(TinyExperiment.json()).toString(), "--out", dir.toString()));

        assertEquals(RESULT_FILES, entries(dir));
        assertEquals(RUN_FILES, entries(dir.resolve(TinyExperiment.RUN)));
        assertEquals(Set.of("experiment.json", "results"), entries(temp), "no partial directory left behind");
        List<String> rows = Files.readAllLines(dir.resolve(TinyExperiment.RUN).resolve("metrics.csv"));
        assertEquals(MetricsCsv.HEADER, rows.get(0));
        for (int step = 1; step <= TinyExperiment.STEPS; step++) {
            assertTrue(hasRow(rows, step, Metric.TRAIN_LOSS), "train.loss at step " + step);
            assertTrue(hasRow(rows, step, Metric.GRAD_NORM), "grad.norm at step " + step);
        }
        for (int step = 0; step <= TinyExperiment.STEPS; step += TinyExperiment.EVALUATE_EVERY) {
            for (Metric m : List.of(Metric.PROBE_LOSS, Metric.PROBE_ACCURACY, Metric.TEST_LOSS, Metric.TEST_ACCURACY)) {
                assertTrue(hasRow(rows, step, m), m.id() + " at step " + step);
            }
        }
        String summary = cli.out().lines().filter(l -> l.startsWith(TinyExperiment.RUN + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("a summary line for the run: " + cli.out()));
        assertTrue(summary.matches("sgd +sgd +" + TinyExperiment.STEPS + " .* done"), summary);
    }

    @Test
    void withFiguresARunAlsoRendersItsFiguresInEveryFormat() throws IOException {
        Path dir = temp.resolve("with-figures");

        assertEquals(0, cli.normlab("run", experiment(TinyExperiment.json()).toString(), "--out", dir.toString(),
                "--figures"), cli.err());

        Set<String> figures = entries(dir.resolve("figures"));
        for (String extension : List.of("svg", "pdf", "png", "csv", "tex")) {
            assertTrue(figures.contains("loss." + extension), "loss." + extension + " in " + figures);
            assertTrue(figures.contains("overview." + extension), "overview." + extension + " in " + figures);
        }
        assertTrue(cli.out().contains("figure files in " + dir.resolve("figures")), cli.out());
    }

    /** Whether a row of {@code metric} at {@code step} holds a number (its value is the run's to choose). */
    private static boolean hasRow(List<String> rows, int step, Metric metric) {
        String start = TinyExperiment.RUN + "," + step + "," + metric.id() + ",";
        return rows.stream().anyMatch(r -> r.startsWith(start)
                && !Double.isNaN(Double.parseDouble(r.substring(start.length()))));
    }

    @Test
    void aNonEmptyOutputIsKeptUnlessForced() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("results"));
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        Path file = experiment(TinyExperiment.json());

        assertEquals(2, cli.normlab("run", file.toString(), "--out", dir.toString()));
        assertTrue(cli.err().contains("--force"), cli.err());
        assertEquals(Set.of("notes.txt"), entries(dir));

        assertEquals(0, cli.normlab("run", file.toString(), "--out", dir.toString(), "--force"));
        assertEquals(RESULT_FILES, entries(dir));
        assertEquals(Set.of("experiment.json", "results"), entries(temp));
    }

    @Test
    void aDivergedRunIsAResultNotAnError() throws IOException {
        Path dir = temp.resolve("results");

        assertEquals(0, cli.normlab("run", experiment(TinyExperiment.divergingJson()).toString(), "--out",
                dir.toString()));

        Path run = dir.resolve(TinyExperiment.RUN);
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        String event = rows.stream().filter(r -> r.contains("," + Metric.DIVERGED.id() + ",")).findFirst()
                .orElseThrow();
        long step = Long.parseLong(event.split(",")[1]);
        assertEquals(TinyExperiment.RUN + "," + step + ",diverged,1.0", event);
        assertTrue(cli.out().contains(TinyExperiment.RUN + ": diverged at step " + step), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith(TinyExperiment.RUN + " ")
                && l.endsWith("diverged at step " + step)), "summary table: " + cli.out());
        assertTrue(rows.stream().skip(1).allMatch(r -> Long.parseLong(r.split(",")[1]) <= step), "nothing after");
        assertFalse(Files.exists(run.resolve("checkpoint.json")));
    }

    @Test
    void aDivergedRunsSummarySaysWhichStepItsLastEvaluationsAreFrom() throws IOException {
        Path dir = temp.resolve("results");
        String runs = "[{\"name\": \"fine\", \"optimizer\": {\"name\": \"sgd\", \"learningRate\": 0.1}}, "
                + "{\"name\": \"blown\", \"optimizer\": {\"name\": \"sgd\", \"learningRate\": 1e12}}]";

        assertEquals(0, cli.normlab("run", experiment(TinyExperiment.race("none", runs)).toString(), "--out",
                dir.toString()));

        long evaluated = Files.readAllLines(dir.resolve("blown").resolve("metrics.csv")).stream()
                .filter(r -> r.contains("," + Metric.PROBE_LOSS.id() + ",")).mapToLong(r -> Long.parseLong(
                        r.split(",")[1])).max().orElseThrow();
        String blown = cli.out().lines().filter(l -> l.startsWith("blown ")).findFirst().orElseThrow();
        String fine = cli.out().lines().filter(l -> l.startsWith("fine ")).findFirst().orElseThrow();
        assertEquals(3, blown.split("\\(step " + evaluated + "\\)", -1).length - 1,
                "probe loss, probe and test accuracy from step " + evaluated + ": " + blown);
        assertFalse(fine.contains("(step"), "a finished run's values are from its last step: " + fine);
    }

    @Test
    void anOutputUnderAFileExitsWithTwoNamingTheFile() throws IOException {
        Path file = Files.writeString(temp.resolve("notes"), "a file");

        assertEquals(2, cli.normlab("run", experiment(TinyExperiment.json()).toString(), "--out",
                file.resolve("results").toString()));

        assertEquals("normlab: cannot write output " + file.resolve("results") + ": " + file
                + " is a file, not a folder\n", cli.err());
        assertEquals(Set.of("experiment.json", "notes"), entries(temp));
    }

    @Test
    void aRunNamedDotDotIsRefusedAndWritesNothing() throws IOException {
        Path file = experiment(TinyExperiment.json().replace("\"name\": \"sgd\", \"optimizer\"",
                "\"name\": \"..\", \"optimizer\""));
        Path dir = temp.resolve("box").resolve("results");

        assertEquals(2, cli.normlab("run", file.toString(), "--out", dir.toString()));

        assertEquals("normlab: runs[0].name must be one plain file name: letters, digits, '.', '_' and '-', not '.' "
                + "or '..', was '..'\n", cli.err());
        assertEquals(Set.of("experiment.json"), entries(temp));
    }

    /**
     * The whole command as a user meets it when a signal ends it: a separate JVM, ended by SIGTERM (the same shutdown
     * path as Ctrl-C's SIGINT; a test runner started in the background may have SIGINT ignored) once its progress
     * shows the race under way. No clock: the race is far too long to end before the signal.
     */
    @Test
    void aSignalStopsTheRaceAndKeepsItsResultsMarkedInterrupted() throws IOException, InterruptedException {
        long steps = 1_000_000_000L;
        Path file = experiment(TinyExperiment.json().replace("\"steps\": " + TinyExperiment.STEPS,
                "\"steps\": " + steps));
        Path dir = temp.resolve("results");
        Process normlab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NormLab.class.getName(), "run", file.toString(),
                "--out", dir.toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader output = normlab.inputReader()) {
            String line;
            while ((line = output.readLine()) != null && !line.contains(" steps/s ")) {
                lines.add(line);
            }
            normlab.toHandle().destroy();
            output.lines().forEach(lines::add);
        } finally {
            normlab.destroyForcibly();
        }

        assertEquals(128 + 15, normlab.waitFor(), "SIGTERM's exit status: " + lines);
        String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        Matcher stopped = Pattern.compile("tiny: interrupted; runs stopped at step (\\d+) of " + steps
                + "; results so far in " + Pattern.quote(dir + " (marked by " + dir.resolve("interrupted") + ")"))
                .matcher(last);
        assertTrue(stopped.matches(), last);
        long step = Long.parseLong(stopped.group(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(TinyExperiment.RUN + " ")
                && l.endsWith("interrupted at step " + step)), "summary table: " + lines);
        assertEquals(List.of("run,step", TinyExperiment.RUN + "," + step),
                Files.readAllLines(dir.resolve("interrupted")));
        Path run = dir.resolve(TinyExperiment.RUN);
        assertEquals(step, Json.mapper().readTree(run.resolve("checkpoint.json").toFile()).get("step").asLong());
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertTrue(hasRow(rows, (int) step, Metric.TRAIN_LOSS), "the last step's row");
        assertTrue(hasRow(rows, (int) step, Metric.PROBE_LOSS), "an evaluation at the step it stopped");
    }
}
