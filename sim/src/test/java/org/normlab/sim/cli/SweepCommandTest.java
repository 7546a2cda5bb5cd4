package org.normlab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.sim.run.Metric;
import org.normlab.sim.sweep.SweepFolder;
import org.normlab.sim.sweep.TinySweep;

/** {@code normlab sweep} as a user meets it: the tables, paired trials, resuming, refusals. */
class SweepCommandTest {
    private static final String SWEEP = """
            {"experiment": "base.json", "seeds": 2,
             "optimizers": [{"run": "sgd", "grid": {"learningRate": [0.05, 0.5]}},
                            {"name": "adam", "optimizer": {"name": "adam"}, "grid": {"learningRate": [0.01]}}]}
            """;

    @TempDir
    Path temp;

    private final Cli cli = new Cli();

    private Path sweep(String json) throws IOException {
        return TinySweep.write(temp, TinySweep.base(), json);
    }

    private int sweep(Path file, Path folder, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", file.toString(), "--out", folder.toString(),
                "--assets", temp.toString(), "--threads", "2"));
        args.addAll(List.of(more));
        return cli.normlab(args.toArray(String[]::new));
    }

    /** The metrics of a trial's run: lines of {@code run,step,metric,value}. */
    private static List<String> metrics(Path folder, int trial, String run) throws IOException {
        return Files.readAllLines(folder.resolve(String.format("trials/trial-%05d/%s/metrics.csv", trial, run)));
    }

    private static String value(List<String> metrics, long step, Metric metric) {
        return metrics.stream().filter(l -> l.contains("," + step + "," + metric.id() + ",")).findFirst()
                .orElseThrow().split(",")[3];
    }

    @Test
    void aSweepWritesOneRowPerTrialAndPairsItsOptimizersWithinAReplicate() throws IOException {
        Path folder = temp.resolve("out");
        assertEquals(0, sweep(sweep(SWEEP), folder), cli.err());
        List<String> table = Files.readAllLines(folder.resolve(SweepFolder.TABLE));
        assertEquals("trial,optimizer,learningRate,replicate,networkSeed,orderSeed,steps,diverged_at,"
                + "probe_loss_final,probe_loss_best,probe_accuracy_final,probe_accuracy_best,test_loss_final,"
                + "test_loss_best,test_accuracy_final,test_accuracy_best,folder", table.get(0));
        assertEquals(7, table.size());
        assertTrue(table.get(3).startsWith("2,sgd,0.5,0,"), table.get(3));
        assertTrue(table.get(3).endsWith(",trials/trial-00002"), table.get(3));
        assertEquals(7, Files.readAllLines(folder.resolve(SweepFolder.TIMINGS)).size());
        // Replicate 1 of sgd at 0.05 (trial 1) and of adam (trial 5): the same initial weights (probe loss at step 0)
        // and the same first batch (its loss before the first update); replicate 0 starts elsewhere.
        List<String> sgd = metrics(folder, 1, "sgd");
        List<String> adam = metrics(folder, 5, "adam");
        assertEquals(value(sgd, 0, Metric.PROBE_LOSS), value(adam, 0, Metric.PROBE_LOSS));
        assertEquals(value(sgd, 1, Metric.TRAIN_LOSS), value(adam, 1, Metric.TRAIN_LOSS));
        assertFalse(value(sgd, 0, Metric.PROBE_LOSS).equals(value(metrics(folder, 0, "sgd"), 0, Metric.PROBE_LOSS)));
        // The table's final probe loss is the run's last evaluation.
        assertEquals(value(sgd, 8, Metric.PROBE_LOSS), table.get(2).split(",")[8]);
    }

    @Test
    void figuresOfASweepDrawItsComparisonAndTabulateEachOptimizersBestRate() throws IOException {
        Path folder = temp.resolve("out");
        assertEquals(0, sweep(sweep(SWEEP), folder), cli.err());
        Path figures = temp.resolve("figures");
        assertEquals(0, cli.normlab("figures", folder.toString(), "--out", figures.toString(), "--format", "svg,csv,tex"),
                cli.err());
        for (String file : List.of("sweep-final-loss.svg", "sweep-best-curves.svg", "best-rates.csv",
                "best-rates.tex")) {
            assertTrue(Files.isRegularFile(figures.resolve(file)), file);
        }
        // sgd's best rate, found here from sweep.csv: the lower mean of its two seeds' final losses (the median).
        List<String[]> rows = Files.readAllLines(folder.resolve(SweepFolder.TABLE)).stream().skip(1)
                .map(l -> l.split(",", -1)).filter(r -> r[1].equals("sgd")).toList();
        double low = rows.stream().filter(r -> r[2].equals("0.05")).mapToDouble(r -> Double.parseDouble(r[8])).sum();
        double high = rows.stream().filter(r -> r[2].equals("0.5")).mapToDouble(r -> Double.parseDouble(r[8])).sum();
        List<String[]> table = Files.readAllLines(figures.resolve("best-rates.csv")).stream()
                .map(l -> l.split(",")).toList();
        assertEquals(List.of("sgd", "adam"), List.of(table.get(1)[0], table.get(2)[0]));
        assertEquals(low < high ? 0.05 : 0.5, Double.parseDouble(table.get(1)[1]));
        assertEquals(0.01, Double.parseDouble(table.get(2)[1]));
        assertEquals(Math.min(low, high) / 2, Double.parseDouble(table.get(1)[2]), 1e-3 * Math.min(low, high));
        assertTrue(Files.readString(figures.resolve("best-rates.tex")).contains("\\toprule"));
    }

    @Test
    void aRerunSkipsFinishedTrialsAndRunsOnlyTheMissingOnes() throws IOException {
        Path file = sweep(SWEEP);
        Path folder = temp.resolve("out");
        assertEquals(0, sweep(file, folder));
        byte[] table = Files.readAllBytes(folder.resolve(SweepFolder.TABLE));
        byte[] kept = Files.readAllBytes(folder.resolve("trials/trial-00000/sgd/metrics.csv"));
        Path lost = folder.resolve("trials/trial-00003");
        try (Stream<Path> paths = Files.walk(lost)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.delete(folder.resolve("trials/trial-00000/timing.csv"));
        Files.writeString(folder.resolve("trials/trial-00000/timing.csv"), "seconds\n-1\n");

        assertEquals(0, sweep(file, folder), cli.err());
        assertTrue(cli.out().contains("6 of 6 trials finished (1 run now)"), cli.out());
        assertArrayEquals(table, Files.readAllBytes(folder.resolve(SweepFolder.TABLE)));
        assertArrayEquals(kept, Files.readAllBytes(folder.resolve("trials/trial-00000/sgd/metrics.csv")));
        assertTrue(Files.readString(folder.resolve(SweepFolder.TIMINGS)).contains("\n0,-1\n"), "trial 0 not rerun");
        try (Stream<Path> entries = Files.list(folder.resolve(SweepFolder.TRIALS))) {
            assertEquals(6, entries.count(), "no partial folders left");
        }
    }

    @Test
    void anotherSweepOrAFolderOfOtherFilesIsRefusedAndLeftAsItWas() throws IOException {
        Path file = sweep(SWEEP);
        Path folder = temp.resolve("out");
        assertEquals(0, sweep(file, folder));
        Files.writeString(file, SWEEP.replace("0.05", "0.06"));
        assertEquals(2, sweep(file, folder));
        assertTrue(cli.err().contains("holds another sweep"), cli.err());

        Path other = Files.createDirectories(temp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertEquals(2, sweep(file, other));
        assertTrue(cli.err().contains("is not empty and holds no sweep.json"), cli.err());
        try (Stream<Path> entries = Files.list(other)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aTrialThatCannotRunIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = sweep(SWEEP.replace("\"seeds\": 2,", "\"seeds\": 2, \"grid\": {\"batchSize\": [16, 500]},"));
        Path folder = temp.resolve("out");
        assertEquals(2, sweep(file, folder));
        assertTrue(cli.err().contains("(sgd, learningRate 0.05, batchSize 500, replicate 0): "
                + "training.batchSize must be a whole number in [0, 90]"), cli.err());
        assertFalse(Files.exists(folder));
    }

    @Test
    void aSweepOfMoreThanTenThousandTrialsNeedsConfirmingAndSaysHowLong() throws IOException {
        Path file = sweep("""
                {"experiment": "base.json", "seeds": 10001, "optimizers": [{"run": "sgd"}]}
                """);
        Path folder = temp.resolve("out");
        assertEquals(2, sweep(file, folder));
        assertTrue(cli.err().contains("the sweep has 10001 trials, more than 10000; roughly "), cli.err());
        assertTrue(cli.err().contains("pass --yes to run it"), cli.err());
        assertFalse(Files.exists(folder));
    }
}
