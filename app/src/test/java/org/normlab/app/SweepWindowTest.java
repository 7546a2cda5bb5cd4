package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.app.session.RaceRun;
import org.normlab.app.sweep.SweepView;
import org.normlab.sim.cli.NormLab;
import org.normlab.sim.sweep.TinySweep;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * A sweep's folder in the real window, headless (Monocle): a 2-optimizer × 2-rate × 1-seed sweep of a tiny net, run
 * by the engine's {@code normlab sweep}; its points, a click on one, and the refusals of folders that hold no sweep.
 * Waits poll conditions, never a clock.
 */
class SweepWindowTest {
    private static final String SWEEP = """
            {"experiment": "base.json", "seeds": 1,
             "optimizers": [{"run": "sgd", "grid": {"learningRate": [0.05, 0.5]}},
                            {"name": "adam", "optimizer": {"name": "adam"}, "grid": {"learningRate": [0.001, 0.01]}}]}
            """;

    @TempDir
    Path temp;
    private final FxRobot robot = new FxRobot();
    private NormLabApp app;

    private void open(Path folder) throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        app = (NormLabApp) FxToolkit.setupApplication(NormLabApp.class, folder.toString());
    }

    @AfterEach
    void closeWindow() throws TimeoutException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    /** Runs the sweep with the engine; its folder. */
    private Path sweep() throws IOException {
        Path file = TinySweep.write(temp, TinySweep.base(), SWEEP);
        Path folder = temp.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine command = NormLab.commandLine();
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(0, command.execute("sweep", file.toString(), "--out", folder.toString(), "--assets",
                temp.toString(), "--threads", "1"), err.toString());
        return folder;
    }

    /** sweep.csv's rows as column → cell, read here independently of the lab. */
    private static List<Map<String, String>> table(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("sweep.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        return lines.subList(1, lines.size()).stream().map(line -> {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < cells.length; c++) {
                row.put(header.get(c), cells[c]);
            }
            return row;
        }).toList();
    }

    @Test
    void aSweepFolderShowsOnePointPerTrialAtItsFinalLossAndAClickOpensThatTrialsRace() throws Exception {
        Path folder = sweep();
        List<Map<String, String>> rows = table(folder);
        assertEquals(4, rows.size());
        open(folder);

        Await.until("the sweep's window shows a point per trial", () -> fx(() -> trialPoints().size()) == 4);
        Map<Path, Double> drawn = fx(() -> {
            Map<Path, Double> losses = new HashMap<>();
            for (XYChart.Series<Number, Number> series : chart().getData()) {
                for (XYChart.Data<Number, Number> data : series.getData()) {
                    if (data.getNode() != null) {
                        SweepView.trialOf(data.getNode()).ifPresent(trial -> losses.put(trial,
                                Math.pow(10, data.getYValue().doubleValue())));
                    }
                }
            }
            return losses;
        });
        assertEquals(4, drawn.size(), "each trial its own point");
        for (Map<String, String> row : rows) {
            Path trial = folder.toAbsolutePath().normalize().resolve(row.get("folder"));
            double expected = Double.parseDouble(row.get("probe_loss_final"));
            assertTrue(drawn.containsKey(trial), "a point for " + trial + " in " + drawn.keySet());
            assertEquals(expected, drawn.get(trial), 1e-12 * expected, "trial " + row.get("trial"));
        }
        assertTrue(fx(() -> app.model().noticeProperty().get()).startsWith("opened sweep "));

        Map<String, String> chosen = rows.stream().filter(r -> r.get("optimizer").equals("adam")
                && Double.parseDouble(r.get("learningRate")) == 0.01).findFirst().orElseThrow();
        Path trial = folder.toAbsolutePath().normalize().resolve(chosen.get("folder"));
        Node point = fx(() -> trialPoints().stream()
                .filter(p -> SweepView.trialOf(p).orElseThrow().equals(trial)).findFirst()
                .orElseThrow());
        robot.clickOn(point);

        Await.until("the trial's race replaces the lab's", () -> fx(() -> {
            List<RaceRun> race = app.model().raceProperty().get();
            return race.size() == 1 && race.get(0).name().equals("adam")
                    && race.get(0).hyperparameters().get("learningRate") == 0.01;
        }));
        assertEquals("opened " + trial.resolve("experiment.json"), fx(() -> app.model().noticeProperty().get()));
    }

    @Test
    void aFolderWithoutSweepCsvIsNamedAndTheRaceStays() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("empty"));
        open(folder);
        String notice = fx(() -> app.model().noticeProperty().get());
        assertTrue(fx(() -> app.model().noticeIsProblemProperty().get()), notice);
        assertTrue(notice.contains(folder.resolve("sweep.csv").toString()) && notice.contains("no such file"), notice);
        assertEquals(List.of(), fx(this::trialPoints), "no sweep window");
    }

    @Test
    void aMalformedSweepCsvIsNamedWithItsLine() throws Exception {
        Path folder = sweep();
        Path table = folder.resolve("sweep.csv");
        List<String> lines = Files.readAllLines(table);
        Files.writeString(table, lines.get(0) + "\n" + lines.get(1).replaceFirst(",0\\.05,", ",fast,") + "\n");
        open(folder);
        String notice = fx(() -> app.model().noticeProperty().get());
        assertTrue(fx(() -> app.model().noticeIsProblemProperty().get()), notice);
        assertTrue(notice.contains(table + " line 2") && notice.contains("must be numbers"), notice);
    }

    private LineChart<Number, Number> chart() {
        return robot.lookup("#sweepChart").queryAs(LineChart.class);
    }

    private List<Node> trialPoints() {
        return Window.getWindows().stream().flatMap(w -> w.getScene().getRoot().lookupAll(".chart-line-symbol")
                .stream()).filter(node -> SweepView.trialOf(node).isPresent()).toList();
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(Await.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
