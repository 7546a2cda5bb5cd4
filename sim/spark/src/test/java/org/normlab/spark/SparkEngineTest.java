package org.normlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.sim.cli.NormLab;
import org.normlab.sim.sweep.SweepFolder;
import org.normlab.sim.sweep.TinySweep;
import picocli.CommandLine;

/**
 * The same small sweep through the local pool and through Spark's embedded {@code local[2]} master: byte-identical
 * {@code sweep.csv} and trial files (all but the timings).
 */
class SparkEngineTest {
    /** Files that hold timings, which no two runs share. */
    private static final Set<String> TIMED = Set.of(SweepFolder.TIMINGS, "timing.csv", "probe-costs.csv");

    private static final String SWEEP = """
            {"experiment": "base.json", "seed": 5, "seeds": 2,
             "optimizers": [{"run": "sgd", "grid": {"learningRate": {"from": 0.01, "to": 100, "count": 3}}},
                            {"name": "adam", "optimizer": {"name": "adam"}, "grid": {"learningRate": [0.01]}}]}
            """;

    @Test
    void sparkGivesThePoolsResultsByteForByte(@TempDir Path dir) throws IOException {
        // Probed: the trials' probe metrics are compared too.
        Path sweep = TinySweep.write(dir, TinySweep.base(12, "[\"weight_norm\"]"), SWEEP);
        Path pool = dir.resolve("pool");
        Path spark = dir.resolve("spark");

        assertEquals(0, execute("sweep", sweep.toString(), "--out", pool.toString(), "--threads", "2",
                "--assets", dir.toString()));
        assertEquals(0, execute("sweep", sweep.toString(), "--out", spark.toString(), "--engine", "spark",
                "--master", "local[2]", "--assets", dir.toString()));

        List<Path> files = files(pool);
        assertEquals(files, files(spark));
        assertTrue(files.contains(Path.of(SweepFolder.TABLE)));
        assertTrue(files.stream().anyMatch(f -> f.endsWith("metrics.csv")), "trial metrics compared");
        assertEquals(9, Files.readAllLines(pool.resolve(SweepFolder.TABLE)).size(), "header and 8 trials");
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(pool.resolve(f)), Files.readAllBytes(spark.resolve(f)), f.toString());
        }
    }

    private static int execute(String... args) {
        CommandLine command = NormLab.commandLine();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(new StringWriter()));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        if (code != 0) {
            System.err.println(err);
        }
        return code;
    }

    /** The folder's files, relative, sorted; the timed ones left out. */
    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).map(folder::relativize)
                    .filter(p -> !TIMED.contains(p.getFileName().toString())).sorted().toList();
        }
    }
}
