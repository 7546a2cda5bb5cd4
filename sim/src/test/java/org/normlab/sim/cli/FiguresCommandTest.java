package org.normlab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code normlab figures} as a user meets it: files written and listed, bad options refused before any write. */
class FiguresCommandTest {
    @TempDir
    Path temp;

    private final Cli cli = new Cli();

    private Path run() throws IOException {
        Path run = Files.createDirectories(temp.resolve("run"));
        StringBuilder csv = new StringBuilder("run,step,metric,value\n");
        for (int step = 0; step < 50; step++) {
            csv.append("tiny,").append(step).append(",train.loss,").append(1.0 / (1 + step)).append('\n');
            csv.append("tiny,").append(step).append(",grad.norm,").append(2.0 / (1 + step)).append('\n');
        }
        Files.writeString(run.resolve("metrics.csv"), csv);
        return run;
    }

    @Test
    void writesEachFigureInEachFormatAndListsThem() throws IOException {
        Path figures = temp.resolve("figures");
        assertEquals(0, cli.normlab("figures", run().toString(), "--out", figures.toString(), "--format", "svg,png",
                "--size", "double", "--dpi", "100"), cli.err());

        List<String> listed = cli.out().lines().toList();
        List<String> expected = List.of("loss.svg", "loss.png", "gradient-norm.svg", "gradient-norm.png",
                "overview.svg", "overview.png");
        assertEquals(expected.stream().map(name -> figures.resolve(name).toString()).toList(), listed);
        expected.forEach(name -> assertTrue(Files.isRegularFile(figures.resolve(name)), name));
    }

    @Test
    void withTexTheFinalMetricsTableIsWrittenToo() throws IOException {
        Path figures = temp.resolve("figures");
        assertEquals(0, cli.normlab("figures", run().toString(), "--out", figures.toString(), "--format", "tex,csv"),
                cli.err());
        Path table = figures.resolve("final-metrics.tex");
        assertTrue(cli.out().lines().toList().contains(table.toString()), cli.out());
        String tex = Files.readString(table);
        assertTrue(tex.contains("\\toprule") && tex.contains("tiny & --"), tex);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--format | svg,gif | Invalid value for option '--format' (FORMAT): expected one of [SVG, PDF, PNG, CSV, TEX] "
                + "(case-insensitive) but was 'gif'",
        "--format | tex | --format tex needs csv too",
        "--size | triple | Invalid value for option '--size': expected one of [SINGLE, DOUBLE] (case-insensitive) "
                + "but was 'triple'",
        "--dpi | 10 | --dpi must be in [36, 2400], was 10",
        "--font-size | 100 | --font-size must be in [4, 72], was 100",
        "--font | No Such Font | --font 'No Such Font' is not installed here",
    })
    void aBadOptionExitsWithTwoAndWritesNothing(String option, String value, String message) throws IOException {
        Path figures = temp.resolve("figures");
        assertEquals(2, cli.normlab("figures", run().toString(), "--out", figures.toString(), option, value));
        assertTrue(cli.err().startsWith("normlab: " + message), cli.err());
        assertFalse(Files.exists(figures));
    }

    @Test
    void anUnwritableOutputExitsWithTwoNamingThePath() throws IOException {
        Path blocker = Files.writeString(temp.resolve("file"), "x");
        Path figures = blocker.resolve("figures");
        assertEquals(2, cli.normlab("figures", run().toString(), "--out", figures.toString()));
        String message = cli.err().strip();
        assertTrue(message.startsWith("normlab: cannot write " + figures + ": "), message);
        assertEquals(1, message.lines().count(), "one line, no stack trace");
    }

    @Test
    void aMissingRunFolderExitsWithTwo() {
        Path missing = temp.resolve("nowhere");
        assertEquals(2, cli.normlab("figures", missing.toString(), "--out", temp.resolve("f").toString()));
        assertTrue(cli.err().contains(missing.toString()), cli.err());
    }
}
