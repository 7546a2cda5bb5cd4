package org.normlab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normlab.sim.curvature.SurveyFiles;
import org.normlab.sim.run.TinyExperiment;

/**
 * {@code normlab probe}: a checkpoint at step 0 and the final one, probed again to a tight tolerance, agree with the
 * run's own estimates within the two bounds; bad checkpoints are one exit-2 line.
 */
class ProbeCommandTest {
    @TempDir
    Path temp;

    private Path results;
    private final Cli cli = new Cli();

    @BeforeEach
    void runWithAnInitialCheckpoint() throws IOException {
        Path experiment = Files.writeString(temp.resolve("tiny.json"), TinyExperiment.json()
                .replace("\"evaluateEvery\": 5", "\"evaluateEvery\": 5, \"checkpointAt\": [0]"));
        results = temp.resolve("results");
        assertEquals(0, cli.normlab("run", experiment.toString(), "--out", results.toString()), cli.err());
    }

    /** The cells of the table row of {@code estimate}, e.g. "hessian". */
    private List<String> row(String estimate) {
        return cli.out().lines().filter(l -> l.startsWith(estimate + " ")).findFirst()
                .map(l -> List.of(l.trim().split(" {2,}")))
                .orElseThrow(() -> new AssertionError("no row " + estimate + " in\n" + cli.out()));
    }

    /** The run's own value, bound and threshold (NaN if none) of estimate {@code prefix} at {@code step}. */
    private static double[] recorded(Path runFolder, String prefix, long step) throws IOException {
        double[] valueBoundThreshold = {Double.NaN, Double.NaN, Double.NaN};
        List<String> leaves = List.of(".top_eig", ".error_bound", ".threshold");
        for (String line : Files.readAllLines(runFolder.resolve("metrics.csv"))) {
            String[] cells = line.split(",");
            int leaf = leaves.indexOf(cells[2].replace(prefix, ""));
            if (cells[1].equals(Long.toString(step)) && cells[2].startsWith(prefix + ".") && leaf >= 0) {
                valueBoundThreshold[leaf] = Double.parseDouble(cells[3]);
            }
        }
        return valueBoundThreshold;
    }

    private double[] recorded(String prefix, long step) throws IOException {
        return recorded(results.resolve(TinyExperiment.RUN), prefix, step);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"checkpoint-0.json, 0", "checkpoint.json, " + TinyExperiment.STEPS})
    void reproducesTheRunsEstimatesWithinTheirBounds(String file, long step) throws IOException {
        Path checkpoint = results.resolve(TinyExperiment.RUN).resolve(file);

        assertEquals(0, cli.normlab("probe", checkpoint.toString(), "--tolerance", "1e-10"), cli.err());

        for (String prefix : List.of("hessian", "fisher")) {
            List<String> cells = row(prefix);
            double value = Double.parseDouble(cells.get(1));
            double bound = Double.parseDouble(cells.get(2));
            assertEquals("yes", cells.get(3), prefix + " converged");
            assertTrue(bound <= 1e-10 * Math.abs(value), prefix + " bound " + bound);
            double[] run = recorded(prefix, step);
            assertEquals(run[0], value, run[1] + bound, prefix + " against the run's own estimate at step " + step);
        }
        assertEquals(20, Double.parseDouble(row("hessian").get(6)), 1e-12, "2/η for SGD at η = 0.1");
        assertTrue(cli.out().contains("at step " + step), cli.out());
    }

    /**
     * The curvature a run's probe measures depends on its optimizer (coupled decay in the objective, PSI-SGD's
     * preconditioner from the weights): probed again, the checkpoint gives the same estimate and threshold.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"sgd_wd, hessian", "momentum, hessian", "psi_sgd, preconditioned_hessian"})
    void reproducesEachOptimizersOwnEstimateAndThreshold(String optimizer, String prefix) throws IOException {
        Path experiment = Files.writeString(temp.resolve(optimizer + ".json"), TinyExperiment.race("batch_norm",
                "[{\"name\": \"r\", \"optimizer\": {\"name\": \"" + optimizer + "\", \"weightDecay\": 0.05}}]"
                        .replace(", \"weightDecay\": 0.05", optimizer.equals("sgd_wd") ? ", \"weightDecay\": 0.05" : "")));
        Path race = temp.resolve(optimizer);
        assertEquals(0, cli.normlab("run", experiment.toString(), "--out", race.toString()), cli.err());

        assertEquals(0, cli.normlab("probe", race.resolve("r").resolve("checkpoint.json").toString(), "--tolerance",
                "1e-10"), cli.err());

        double[] run = recorded(race.resolve("r"), prefix, TinyExperiment.STEPS);
        List<String> cells = row(prefix);
        assertEquals(run[0], Double.parseDouble(cells.get(1)), run[1] + Double.parseDouble(cells.get(2)),
                prefix + " against the run's own estimate");
        assertEquals(run[2], Double.parseDouble(cells.get(6)), 1e-9 * run[2], "the run's own threshold");
    }

    /**
     * A run with a learning-rate schedule or frozen tensors, probed again: the threshold of the η in force at the
     * checkpoint's step (2/η_t), the curvature with the frozen entries held.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"schedule\": {\"kind\": \"step\", \"every\": 5, \"gamma\": 0.5}",
        "\"freeze\": [\"gamma\", \"classifier\"]"})
    void reproducesAScheduledOrFrozenRunsEstimateAndThreshold(String option) throws IOException {
        Path experiment = Files.writeString(temp.resolve("option.json"), TinyExperiment.race("batch_norm",
                "[{\"name\": \"r\", \"optimizer\": {\"name\": \"sgd\"}, " + option + "}]"));
        Path race = temp.resolve("option");
        assertEquals(0, cli.normlab("run", experiment.toString(), "--out", race.toString()), cli.err());

        assertEquals(0, cli.normlab("probe", race.resolve("r").resolve("checkpoint.json").toString(), "--tolerance",
                "1e-10"), cli.err());

        double[] run = recorded(race.resolve("r"), "hessian", TinyExperiment.STEPS);
        List<String> cells = row("hessian");
        assertEquals(run[0], Double.parseDouble(cells.get(1)), run[1] + Double.parseDouble(cells.get(2)),
                "against the run's own estimate");
        double eta = option.contains("schedule") ? 0.1 * Math.pow(0.5, TinyExperiment.STEPS / 5) : 0.1;
        assertEquals(2 / eta, run[2], 1e-12 * run[2], "the run's threshold: 2/η_t");
        assertEquals(run[2], Double.parseDouble(cells.get(6)), 1e-9 * run[2], "the run's own threshold");
    }

    /** Adam's preconditioned sharpness needs its moments, which a checkpoint does not hold: said so, not guessed. */
    @Test
    void anAdamCheckpointSaysItsPreconditionedSharpnessIsNotAvailable() throws IOException {
        Path experiment = Files.writeString(temp.resolve("adam.json"), TinyExperiment.race("batch_norm",
                "[{\"name\": \"adam\", \"optimizer\": {\"name\": \"adam\", \"learningRate\": 0.01}}]"));
        Path adam = temp.resolve("adam");
        assertEquals(0, cli.normlab("run", experiment.toString(), "--out", adam.toString()), cli.err());

        assertEquals(0, cli.normlab("probe", adam.resolve("adam").resolve("checkpoint.json").toString()), cli.err());

        assertEquals("yes", row("fisher").get(3));
        assertTrue(cli.out().contains("preconditioned sharpness: not available (its preconditioner is optimizer "
                + "state that a checkpoint does not hold)"), cli.out());
        assertTrue(cli.out().lines().noneMatch(l -> l.startsWith("hessian")), cli.out());
    }

    @Test
    void aMissingCheckpointIsOneLineExitTwo() {
        Path missing = results.resolve(TinyExperiment.RUN).resolve("checkpoint-5.json");
        assertEquals(2, cli.normlab("probe", missing.toString()));
        assertEquals("normlab: checkpoint " + missing + " does not exist", cli.err().strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"formatVersion\": 1, | is not valid JSON",
        "{\"formatVersion\": 2} | must be a NormLab checkpoint of formatVersion 1",
        "[1, 2] | must be a NormLab checkpoint of formatVersion 1",
        "{\"formatVersion\": 1} | step must be an integer",
        "{\"formatVersion\": 1, \"step\": 0, \"weights\": []} | weights is not a known field",
    })
    void aMalformedCheckpointIsOneLineExitTwo(String json, String message) throws IOException {
        Path bad = Files.writeString(results.resolve(TinyExperiment.RUN).resolve("bad.json"), json);
        assertEquals(2, cli.normlab("probe", bad.toString()));
        assertTrue(cli.err().startsWith("normlab: checkpoint " + bad), cli.err());
        assertTrue(cli.err().contains(message), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
    }

    @Test
    void aCheckpointAwayFromItsExperimentOrABadToleranceIsExitTwo() throws IOException {
        Path alone = Files.copy(results.resolve(TinyExperiment.RUN).resolve("checkpoint.json"),
                temp.resolve("checkpoint.json"));
        assertEquals(2, cli.normlab("probe", alone.toString()));
        assertTrue(cli.err().contains("does not exist"), cli.err());
        Path checkpoint = results.resolve(TinyExperiment.RUN).resolve("checkpoint.json");
        assertEquals(2, cli.normlab("probe", checkpoint.toString(), "--tolerance", "0"));
        assertEquals("normlab: --tolerance must be in (0, 1), was 0.0", cli.err().strip());
    }

    /** The CSV file {@code name} of a survey folder as rows of cells, header dropped. */
    private static List<String[]> csv(Path folder, String name) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve(name));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    }

    /**
     * The survey: its top eigenvalues agree with the dense matrices' (--exact) and the sharpness row, its CSV files
     * are written where asked, the line slice passes through L(θ) on its quadratic, and {@code normlab figures} draws
     * the folder it wrote by default.
     */
    @Test
    void theSurveyAgreesWithTheExactModeAndIsDrawn() throws IOException {
        Path checkpoint = results.resolve(TinyExperiment.RUN).resolve("checkpoint.json");
        Path survey = temp.resolve("survey");
        assertEquals(0, cli.normlab("probe", checkpoint.toString(), "--exact", "--top-k", "3", "--probes", "8",
                "--quadrature-steps", "10", "--slice-points", "5", "--out", survey.toString()), cli.err());

        List<String[]> top = csv(survey, SurveyFiles.TOP);
        List<String[]> exact = csv(survey, SurveyFiles.EXACT);
        assertEquals(3, top.size());
        for (int i = 0; i < 3; i++) {
            for (int matrix = 1; matrix <= 2; matrix++) {
                double estimate = Double.parseDouble(top.get(i)[2 * matrix - 1]);
                double dense = Double.parseDouble(exact.get(exact.size() - 1 - i)[matrix]);
                assertEquals(dense, estimate, 1e-8 * Math.abs(Double.parseDouble(exact.get(exact.size() - 1)[matrix])),
                        "λ" + (i + 1) + " of matrix " + matrix);
            }
        }
        assertEquals(Double.parseDouble(row("hessian").get(1)), Double.parseDouble(top.get(0)[1]), 1e-8
                * Double.parseDouble(top.get(0)[1]), "plain SGD optimizes the loss: the sharpness is λ1(H)");
        List<String[]> line = csv(survey, SurveyFiles.LINE);
        String[] middle = line.get(2);
        assertEquals(0, Double.parseDouble(middle[0]));
        assertEquals(Double.parseDouble(middle[1]), Double.parseDouble(middle[2]), "the quadratic at a = 0 is L(θ)");
        assertEquals(20 * Double.parseDouble(line.get(4)[0]) * Double.parseDouble(line.get(4)[0]) / 2,
                Double.parseDouble(line.get(4)[3]) - Double.parseDouble(middle[1]), 1e-12, "½(2/η)a² at η = 0.1");
        assertEquals(5, csv(survey, SurveyFiles.PLANE).size() / 5);
        assertEquals(List.of("W0", "gamma0", "beta0", "W1", "b1"),
                csv(survey, SurveyFiles.LAYERS).stream().map(r -> r[0]).toList());
        assertTrue(cli.out().contains("batch sharpness (batch size 16, 2 batches"), cli.out());
        assertTrue(cli.out().contains("exact H (dense"), cli.out());

        assertEquals(0, cli.normlab("probe", checkpoint.toString(), "--probes", "4", "--quadrature-steps", "5",
                "--slice-points", "3"), cli.err());
        Path folder = results.resolve(TinyExperiment.RUN).resolve("curvature-" + TinyExperiment.STEPS);
        assertTrue(Files.isRegularFile(folder.resolve(SurveyFiles.HESSIAN_DENSITY)), cli.out());
        Path figures = temp.resolve("figures");
        assertEquals(0, cli.normlab("figures", results.resolve(TinyExperiment.RUN).toString(), "--out",
                figures.toString(), "--format", "svg"), cli.err());
        for (String kind : List.of("spectrum", "slice", "layers", "plane")) {
            assertTrue(Files.isRegularFile(figures.resolve("curvature-" + TinyExperiment.STEPS + "-" + kind + ".svg")),
                    kind + " in " + cli.out());
        }
    }

    /** Each bad survey option is refused before anything is measured, naming the flag and what it allows. */
    @Test
    void aBadSurveyOptionIsOneLineExitTwo() {
        Path checkpoint = results.resolve(TinyExperiment.RUN).resolve("checkpoint.json");
        List<List<String>> cases = List.of(
                List.of("--top-k", "21", "--top-k must be in [1, 20], was 21"),
                List.of("--probes", "1", "--probes must be ≥ 2 (a standard error needs two), was 1"),
                List.of("--sigma", "0", "--sigma must be in (0, 1), was 0.0"),
                List.of("--slice-points", "2", "--slice-points must be in [3, 201], was 2"),
                List.of("--plane", "diagonal", "--plane must be random or eigenvector, was 'diagonal'"),
                List.of("--plane-radius", "-1", "--plane-radius must be a number > 0, was -1.0"));
        for (List<String> c : cases) {
            assertEquals(2, cli.normlab("probe", checkpoint.toString(), c.get(0), c.get(1)), c.get(0));
            assertEquals("normlab: " + c.get(2), cli.err().strip());
        }
    }
}
