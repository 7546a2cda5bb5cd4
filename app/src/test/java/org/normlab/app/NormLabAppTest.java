package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.normlab.app.chart.ChartGrid;
import org.normlab.app.chart.DiagnosticChart;
import org.normlab.app.map.DecisionMapStrip;
import org.normlab.app.model.RunRow;
import org.normlab.app.session.RaceSetup;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.OptimizerSetup.Recipe;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, driven headless through Monocle, on a small race of three runs, one of them with a learning rate
 * far beyond stability. Every wait polls with a generous timeout, so a loaded machine is slow but not wrong.
 */
class NormLabAppTest extends LabWindow {
    private static final Pattern STEPS = Pattern.compile("^(\\d+) steps");
    /** Also the fullest window of {@link PresenterModeTest}: every chart measured, a decision map per run. */
    static final RaceSetup RACE = new RaceSetup("window", "Three runs, one wild.",
            DataSpec.defaults(DataKind.SPIRALS).withSize(400),
            RaceSetup.network(List.of(16), Activation.RELU, Normalization.BATCH_NORM),
            new Experiment.Training(1_000_000, 32, 1), new Experiment.ProbeSetup(200, 1),
            RaceSetup.standardProbes(), 10,
            List.of(RaceSetup.run("sgd", Recipe.SGD, 0.1), RaceSetup.run("momentum", Recipe.MOMENTUM, 0.1),
                    RaceSetup.run("wild", Recipe.SGD, 1e300)));

    @Override
    protected RaceSetup race() {
        return RACE;
    }

    @Test
    void racesFromTheStartPausesAndResumes() throws Exception {
        Await.until("both stable runs step", () -> steps("sgd") > 0 && steps("momentum") > 0);
        Await.until("their loss reaches the chart", () -> fx(() -> lossChart().points("sgd")) > 1
                && fx(() -> stepAxis().getMax()) > 0);
        long started = steps("sgd");
        Await.until("the step count grows", () -> steps("sgd") > started);

        robot.clickOn("#playPause");
        assertEquals("Play", fx(() -> robot.lookup("#playPause").queryAs(Button.class).getText()));
        // "paused" once a run's thread has finished the step in flight: its count holds still from then on.
        Await.until("the runs say paused", () -> text("#summary-sgd").endsWith("paused")
                && text("#summary-momentum").endsWith("paused"));
        long paused = steps("sgd");
        long pausedMomentum = steps("momentum");

        robot.clickOn("#step");
        Await.until("a single step", () -> steps("sgd") == paused + 1 && steps("momentum") == pausedMomentum + 1);

        robot.clickOn("#playPause");
        assertEquals("Pause", fx(() -> robot.lookup("#playPause").queryAs(Button.class).getText()));
        Await.until("training resumes", () -> steps("sgd") > paused + 1);
        Await.until("the status bar tells how the window keeps up", () -> text("#display")
                .matches("charts updated \\d+×/s · window \\d+% of CPU"));
    }

    @Test
    void aLearningRateChangedMidRunAppliesAndLeavesAMarker() throws Exception {
        Await.until("sgd steps", () -> steps("sgd") > 0);
        enter("#hp-sgd-learningRate", "0.5");
        Await.until("the loss chart marks the change", () -> fx(() -> lossChart().markerTexts())
                .contains("learningRate 0.1000 → 0.5000"));
        assertEquals("", text("#message-sgd"));
        long changed = steps("sgd");
        Await.until("sgd goes on", () -> steps("sgd") > changed);

        enter("#hp-sgd-batchSize", "7");
        Await.until("a new batch size is marked too", () -> fx(() -> lossChart().markerTexts()).stream()
                .anyMatch(t -> t.startsWith("batchSize ") && t.endsWith("→ 7.000")));
        assertEquals("", text("#message-sgd"));
    }

    @Test
    void oneClickOnAPresetStartsItsRaceAndShowsWhatToLookFor() throws Exception {
        Await.until("the opening race's curves pass step 3000", () -> fx(() -> stepAxis().getMax()) > 3000);
        robot.clickOn("#preset-spirals-sgd");
        Await.until("the preset's race replaces the opening one", () -> fx(() -> app.model().runs().stream()
                .map(RunRow::name).toList()).equals(List.of("sgd")));
        assertTrue(text("#description").length() > 20, text("#description"));
        assertEquals(fx(() -> app.model().presets().stream().filter(p -> p.name().equals("spirals-sgd"))
                .findFirst().orElseThrow().description()), text("#description"));
        Await.until("it trains", () -> steps("sgd") > 0);
        Await.until("its loss reaches the chart", () -> fx(() -> lossChart().points("sgd")) > 1);
        Await.until("the chart redraws for its 2000 steps", () -> fx(() -> stepAxis().getMax()) < 3000);
    }

    @Test
    void aChartSaysSoWhileItsDiagnosticIsNotMeasuredAndLeavesTheGridIfNoRunMeasuresIt() throws Exception {
        robot.clickOn("#preset-edge-of-stability");
        Await.until("the preset's race runs", () -> fx(() -> app.model().runs().stream().map(RunRow::name).toList())
                .equals(List.of("gd")) && steps("gd") > 0);
        Await.until("sharpness, measured, drops the placeholder", () -> !visible("#chart5-placeholder"));
        assertTrue(fx(() -> robot.lookup((Node node) -> node instanceof ChartGrid).queryAs(ChartGrid.class).shown()
                .stream().noneMatch(chart -> chart.spec().seriesId().equals(chart(6).spec().seriesId()))),
                "the Fisher eigenvalue, not measured in this race, gives its space to the charts that are");
    }

    @Test
    void anExperimentFileNamedAsTheArgumentReplacesTheOpeningRace() throws Exception {
        FxToolkit.cleanupApplication(app);
        String file = Path.of(System.getProperty(NormLabApp.ASSETS_PROPERTY), "presets", "spirals-sgd.json")
                .toAbsolutePath().toString();
        app = (NormLabApp) FxToolkit.setupApplication(NormLabApp.class, file);
        Await.until("the file's race runs", () -> fx(() -> app.model().runs().stream().map(RunRow::name).toList())
                .equals(List.of("sgd")) && steps("sgd") > 0);
        assertEquals("opened " + file, text("#notice"));
        Await.until("its loss reaches the chart", () -> fx(() -> lossChart().points("sgd")) > 1);
        Await.until("the chart redraws: its step axis follows the run", () -> fx(() -> stepAxis().getMax()) > 0);
    }

    @Test
    void aRunWithAHugeLearningRateDivergesWhileTheOthersGoOn() throws Exception {
        Await.until("the legend marks wild diverged", () -> text("#legend-wild").contains("✕ diverged at step"));
        assertTrue(text("#summary-wild").startsWith("diverged at step"), text("#summary-wild"));
        assertTrue(fx(() -> lossChart().markerTexts()).stream().anyMatch(t -> t.startsWith("diverged")));
        long sgd = steps("sgd");
        long momentum = steps("momentum");
        Await.until("the others go on", () -> steps("sgd") > sgd && steps("momentum") > momentum);

        // Wild's step-0 values (effective LR ~1e300, threshold 2/η = 2e-300) spoil no chart: the log axes range over
        // the healthy runs' values, name wild at the edge its values lie beyond, and label no more than fits.
        Await.until("the effective LR axis ranges over the healthy runs", () -> text("#chart3-above").contains("wild")
                && fx(() -> valueAxis(3).getMax()) < 1e6 && fx(() -> chart(3).points("sgd")) > 0);
        Await.until("the sharpness axis ranges over the healthy runs", () -> text("#chart5-below").contains("wild")
                && fx(() -> valueAxis(5).getMin()) > 1e-6 && fx(() -> chart(5).points("sgd")) > 0);
        for (int chart : new int[] {3, 5}) {
            DefaultNumericAxis axis = valueAxis(chart);
            double labelHeight = fx(() -> axis.getTickLabelStyle().getFont().getSize() * 1.2);
            assertTrue(fx(() -> axis.getTickMarks().size() * labelHeight <= axis.getHeight()),
                    fx(() -> axis.getTickMarks().size()) + " labels on " + fx(axis::getHeight) + " px");
        }
    }

    @Test
    void invalidValuesShowAMessageAndChangeNothing() throws Exception {
        Await.until("sgd steps", () -> steps("sgd") > 0);
        enter("#hp-sgd-learningRate", "-1");
        Await.until("an inline message", () -> text("#message-sgd").equals("learningRate must be in [0, ∞), was -1.0"));

        enter("#widths", "");
        robot.clickOn("#applySetup");
        Await.until("an inline message", () -> text("#setupMessage").startsWith("widths must list one or more"));

        long sgd = steps("sgd");
        Await.until("the race goes on", () -> steps("sgd") > sgd);
        assertTrue(fx(() -> lossChart().markerTexts()).stream().noneMatch(t -> t.startsWith("learningRate")),
                "no change reached the run");
    }

    @Test
    void theLogBoxSwitchesTheLossAxis() throws Exception {
        DefaultNumericAxis lossAxis = robot.lookup("#chart0").lookup((Node node) -> node instanceof DefaultNumericAxis
                axis && axis.getSide().isVertical()).queryAs(DefaultNumericAxis.class);
        boolean before = fx(lossAxis::isLogAxis);
        robot.clickOn("#chart0-log");
        assertEquals(!before, fx(lossAxis::isLogAxis));
    }

    @Test
    void everyRunHasADecisionMapTileThatFollowsAddedAndRemovedRuns() throws Exception {
        Await.until("a tile per run", () -> tiles().equals(List.of("map-sgd", "map-momentum", "map-wild")));
        Await.until("sgd's tile shows a map", () -> text("#map-step-sgd").startsWith("step "));
        Await.until("wild's tile says it diverged", () -> fx(() -> robot.lookup("#map-halted-wild")
                .queryAs(Labeled.class).isVisible()) && text("#map-halted-wild").startsWith("diverged at step"));

        fx(() -> {
            robot.lookup("#newRunName").queryAs(TextField.class).setText("added");
            robot.lookup("#addRun").queryAs(Button.class).fire();
            return null;
        });
        Await.until("the added run gets a tile", () -> tiles().equals(List.of("map-sgd", "map-momentum", "map-wild",
                "map-added")));
        Await.until("the added run's tile shows a map", () -> text("#map-step-added").startsWith("step "));

        fx(() -> {
            robot.lookup("#remove-momentum").queryAs(Button.class).fire();
            return null;
        });
        Await.until("the removed run's tile leaves", () -> tiles().equals(List.of("map-sgd", "map-wild",
                "map-added")));
    }

    /** The ids of the decision-map tiles, in order. */
    private List<String> tiles() throws Exception {
        return fx(() -> robot.lookup("#decisionMaps").queryAs(DecisionMapStrip.class).getChildren().stream()
                .map(Node::getId).toList());
    }

    /** The value axis of chart {@code index}. */
    private DefaultNumericAxis valueAxis(int index) {
        return robot.lookup("#chart" + index).lookup((Node node) -> node instanceof DefaultNumericAxis axis
                && axis.getSide().isVertical()).queryAs(DefaultNumericAxis.class);
    }

    private DiagnosticChart chart(int index) {
        return robot.lookup((Node node) -> node instanceof ChartGrid).queryAs(ChartGrid.class).charts().get(index);
    }

    /** The loss chart's step axis. */
    private DefaultNumericAxis stepAxis() {
        return robot.lookup("#chart0").lookup((Node node) -> node instanceof DefaultNumericAxis axis
                && axis.getSide().isHorizontal()).queryAs(DefaultNumericAxis.class);
    }

    private boolean visible(String id) throws Exception {
        return fx(() -> robot.lookup(id).query().isVisible());
    }

    private DiagnosticChart lossChart() {
        return chart(0);
    }

    private void enter(String field, String value) throws Exception {
        fx(() -> {
            TextField text = robot.lookup(field).queryAs(TextField.class);
            text.setText(value);
            text.fireEvent(new ActionEvent());
            return null;
        });
    }

    private String text(String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Labeled.class).getText());
    }

    /** The step count a run's summary shows, 0 before the first. */
    private long steps(String run) throws Exception {
        Matcher m = STEPS.matcher(text("#summary-" + run));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(Await.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
