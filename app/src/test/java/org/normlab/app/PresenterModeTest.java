package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.normlab.app.chart.ChartGrid;
import org.normlab.app.chart.DiagnosticChart;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.Tour;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Presenter mode and the tour player in the real window, headless (Monocle): a small two-run race whose file has a
 * three-step tour ({@code tour-test.json}), opened with {@code --presenter}. Waits poll conditions, never a clock.
 */
class PresenterModeTest {
    private static final String LOSS = "probe.loss";
    private static final String NORM = "weight.norm_sq.layer0";
    /** A series the tour shows that the lab's grid has no chart of. */
    private static final String TRAIN = "train.loss";

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private NormLabApp app;

    private void open(String... arguments) throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
        app = (NormLabApp) FxToolkit.setupApplication(NormLabApp.class, arguments);
    }

    @AfterEach
    void closeWindow() throws TimeoutException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    private static String tourFile() throws URISyntaxException {
        return Path.of(PresenterModeTest.class.getResource("tour-test.json").toURI()).toString();
    }

    @Test
    void aTourPlaysFromFirstStepToLastWithItsMarksOnTheRightCharts() throws Exception {
        open(tourFile(), NormLabApp.PRESENTER_ARGUMENT);
        LabViewModel model = app.model();
        Tour tour = ExperimentFile.read(Path.of(tourFile())).tour();
        assertTrue(fx(() -> model.presenterProperty().get()), "--presenter opens presenter mode");
        assertTrue(fx(() -> model.lockstepProperty().get()), "lockstep is on in presenter mode");
        assertEquals(tour.charts(), fx(() -> grid().shown().stream().map(c -> c.spec().seriesId()).toList()),
                "exactly the tour's charts");
        assertEquals("Training loss", fx(() -> chart(TRAIN).spec().title()));
        assertTrue(robot.lookup("#playPause").tryQuery().isEmpty(), "the full tool bar is gone");
        assertTrue(robot.lookup("#presenterBar").tryQuery().isPresent());

        robot.type(KeyCode.RIGHT);
        assertEquals(tour.steps().get(0).say(), text("#tourNarration"));
        assertEquals("step 1 of 3", text("#tourPosition"));
        Await.until("both runs pause at step 100", () -> steps("sgd") == 100 && steps("mom") == 100
                && !fx(() -> model.playingProperty().get()));
        Await.until("the circle on the loss chart", () -> marks(LOSS).equals(List.of("circle sgd 100")));
        assertEquals(List.of(), marks(NORM), "no mark on the other chart");

        robot.type(KeyCode.RIGHT);
        assertEquals(tour.steps().get(1).ask(), text("#tourQuestion"));
        assertEquals("Press → to see.", text("#tourNarration"), "it asks before it shows");
        Await.until("the first step's marks go", () -> marks(LOSS).isEmpty());
        assertEquals(100, steps("sgd"), "nothing happens before the reveal");

        robot.type(KeyCode.RIGHT);
        assertEquals(tour.steps().get(1).say(), text("#tourNarration"));
        Await.until("both runs pause at step 200", () -> steps("sgd") == 200 && steps("mom") == 200);
        Await.until("the arrow on the weight-norm chart", () -> marks(NORM).equals(List.of("arrow mom 200")));
        Await.until("sgd's loss curve highlighted", () -> marks(LOSS).equals(List.of("highlight sgd")));
        assertTrue(fx(() -> chart(LOSS).logScale()), "log_scale switched the loss axis");
        Await.until("the change is recorded and marked like a typed one", () -> fx(() -> chart(LOSS).markerTexts())
                .contains("learningRate 0.1000 → 0.2000"));

        robot.type(KeyCode.RIGHT);
        assertEquals(tour.steps().get(2).say(), text("#tourNarration"));
        Await.until("the bands replace the arrow and the highlight", () -> marks(LOSS).equals(
                List.of("band steps 100–300")) && marks(NORM).equals(List.of("band values 1.0–2.0")));
        Await.until("a circle on the training loss, a chart made for the tour", () -> marks(TRAIN).equals(
                List.of("circle mom 300")));
        Await.until("the runs pause at step 300", () -> steps("sgd") == 300 && steps("mom") == 300);

        robot.type(KeyCode.RIGHT);
        assertEquals("step 3 of 3", text("#tourPosition"), "the last step stays");
        robot.type(KeyCode.LEFT);
        assertEquals(tour.steps().get(1).say(), text("#tourNarration"), "back: the previous step, revealed");
        Await.until("with its marks again", () -> marks(NORM).equals(List.of("arrow mom 200")));
        assertEquals(300, steps("sgd"), "going back trains nothing");
    }

    @Test
    void presenterKeysPlayResetAndChangeTheSelectedRunsLearningRate() throws Exception {
        open(tourFile(), NormLabApp.PRESENTER_ARGUMENT);
        LabViewModel model = app.model();
        Await.until("the runs step", () -> steps("sgd") > 0);
        robot.type(KeyCode.SPACE);
        Await.until("space pauses", () -> !fx(() -> model.playingProperty().get()));
        robot.type(KeyCode.SPACE);
        Await.until("space plays", () -> fx(() -> model.playingProperty().get()));

        assertEquals("sgd", fx(() -> robot.lookup("#presenterRun").queryAs(javafx.scene.control.ChoiceBox.class)
                .getValue()), "the first run is selected");
        robot.type(KeyCode.ADD);
        Await.until("+ multiplies sgd's learning rate by √2", () -> Math.abs(rate("sgd") - 0.1 * Math.sqrt(2)) < 1e-4);
        assertEquals(0.1, rate("mom"), "the other run keeps its rate");
        Await.until("and the change is marked", () -> fx(() -> chart(LOSS).markerTexts())
                .contains("learningRate 0.1000 → 0.1414"));
        robot.type(KeyCode.DIGIT2);
        robot.type(KeyCode.SUBTRACT);
        Await.until("2 selects mom, − divides its rate by √2", () -> Math.abs(rate("mom") - 0.1 / Math.sqrt(2)) < 1e-4);

        List<RaceRun> before = fx(() -> model.raceProperty().get());
        robot.type(KeyCode.R);
        Await.until("R resets: fresh runs", () -> fx(() -> model.raceProperty().get()) != before);
        assertNotSame(before, fx(() -> model.raceProperty().get()));

        robot.clickOn("#exitPresenter");
        assertFalse(fx(() -> model.presenterProperty().get()));
        assertTrue(robot.lookup("#playPause").tryQuery().isPresent(), "the full lab is back");
        List<RaceRun> after = fx(() -> model.raceProperty().get());
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(after, fx(() -> model.raceProperty().get()), "keys act only in presenter mode");
    }

    /**
     * Presenter mode lays out only what changed. The psi-vs-euclidean preset's weight-norm chart (a tour chart) has a
     * theory line per run that the runs never record; ChartFX took each empty line's undefined limits, derived anew
     * before a pulse, for a change and asked for another pulse, so while the runs trained every pulse began with the
     * chart to lay out again (25 pulses/s for one chart update a second). Now, between the charts' updates, pulses
     * (forced one after another) begin with nothing to lay out.
     */
    @Test
    void whileTheRunsTrainPulsesBetweenChartUpdatesHaveNothingToLayOut() throws Exception {
        Path preset = Path.of(System.getProperty("normlab.assets"), "presets",
                SmoothMeasure.PRESENTER_PRESET + ".json");
        RaceSetup race = SmoothMeasure.forPresenter(RaceSetup.of(ExperimentFile.read(preset)));
        stage = FxToolkit.registerPrimaryStage();
        app = (NormLabApp) FxToolkit.setupApplication(() -> new NormLabApp(race));
        fx(() -> {
            app.model().presenterProperty().set(true);
            return null;
        });
        Await.until("the runs step", () -> steps("sgd") > 0);
        Scene scene = fx(() -> stage.getScene());
        AtomicInteger pulses = new AtomicInteger();
        List<List<String>> needingLayout = Collections.synchronizedList(new ArrayList<>());
        fx(() -> {
            scene.addPreLayoutPulseListener(() -> {
                pulses.incrementAndGet();
                List<String> found = new ArrayList<>();
                needingLayout(scene.getRoot(), found);
                needingLayout.add(found);
            });
            return null;
        });
        while (pulses.get() < PULSES && !needingLayout.contains(List.of())) {
            int before = pulses.get();
            fx(() -> {
                Platform.requestNextPulse();
                return null;
            });
            Await.until("a pulse", () -> pulses.get() > before);
        }
        assertTrue(steps("sgd") < race.training().steps(), "the runs were still training");
        assertTrue(needingLayout.contains(List.of()), "a pulse between updates begins with nothing to lay out; each"
                + " of " + pulses.get() + " began with some, the last with "
                + needingLayout.get(needingLayout.size() - 1));
    }

    /** Far more pulses than lie between two chart updates (a few, each laying out what an update changed). */
    private static final int PULSES = 200;

    /** The parents in {@code node}'s tree that need layout, by class name. */
    private static void needingLayout(Node node, List<String> found) {
        if (node instanceof Parent parent) {
            if (parent.isNeedsLayout()) {
                found.add(parent.getClass().getSimpleName());
            }
            parent.getChildrenUnmodifiable().forEach(child -> needingLayout(child, found));
        }
    }

    @Test
    void theWindowFitsTheScreenItOpensOn() {
        Rectangle2D small = new Rectangle2D(0, 0, 1280, 720);
        Rectangle2D window = NormLabApp.fit(small, 1600, 1000);
        assertEquals(small, window, "a small screen is filled, not exceeded");
        Rectangle2D large = NormLabApp.fit(new Rectangle2D(100, 0, 2560, 1440), 1600, 1000);
        assertEquals(new Rectangle2D(580, 220, 1600, 1000), large, "a large screen gets the window centred");
    }

    /**
     * The lab at its fullest: three runs with every standard probe, each with a decision map, one wild (η = 1e300:
     * it diverges at once, so its divergence marker sits at the plot's left edge, and its values run off scale).
     * Every control, chart and text — markers' labels too — lies inside the window.
     */
    @Test
    void atProjectorSizesEveryControlChartAndTextIsInsideTheWindow() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (NormLabApp) FxToolkit.setupApplication(() -> new NormLabApp(NormLabAppTest.RACE));
        Await.until("the race runs", () -> steps("sgd") > 0);
        Await.until("the wild run's divergence is marked", () -> fx(() -> chart(LOSS).markerTexts()).stream()
                .anyMatch(text -> text.startsWith("diverged")));
        assertEquals(fx(() -> grid().charts().stream().filter(DiagnosticChart::measured).toList()),
                fx(() -> grid().shown()), "every chart a run measures is shown");
        resize(1280, 720);
        assertEquals(List.of(), outside(), "normal mode at 1280×720");

        fx(() -> {
            app.model().presenterProperty().set(true);
            return null;
        });
        resize(1024, 768);
        assertEquals(List.of(), outside(), "presenter mode at 1024×768");
    }

    private void resize(double width, double height) throws Exception {
        fx(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Await.until("the scene takes the window's size", () -> fx(() -> stage.getScene().getWidth() == width
                && stage.getScene().getHeight() == height));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The visible controls, texts and charts that do not lie wholly inside the scene, each with its bounds. */
    private List<String> outside() throws Exception {
        return fx(() -> {
            Scene scene = stage.getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            List<String> out = new ArrayList<>();
            collect(scene.getRoot(), scene, out);
            return out;
        });
    }

    private void collect(Node node, Scene scene, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        boolean checked = node instanceof Control || node instanceof Text
                || node.getStyleClass().contains("diagnostic");
        if (checked) {
            Bounds b = node.localToScene(node.getBoundsInLocal());
            if (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > scene.getWidth() + 1
                    || b.getMaxY() > scene.getHeight() + 1) {
                out.add((node.getId() != null ? "#" + node.getId() : node.getClass().getSimpleName())
                        + (node instanceof Text text ? " '" + text.getText() + "'" : "") + " " + b);
            }
        }
        // A tool bar too narrow for its items moves some into an overflow menu, out of sight.
        if (node instanceof ToolBar bar) {
            bar.getItems().stream().filter(item -> item.getScene() == null || !item.isVisible()
                    || !item.getParent().isVisible()).forEach(item -> out.add("#" + item.getId() + " overflows"));
        }
        // The controls in a scroll pane scroll into view; the pane itself is checked.
        if (node instanceof Parent parent && !(node instanceof ScrollPane)) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, scene, out));
        }
    }

    private ChartGrid grid() {
        return robot.lookup((Node node) -> node instanceof ChartGrid).queryAs(ChartGrid.class);
    }

    private DiagnosticChart chart(String series) {
        return grid().chart(series).orElseThrow();
    }

    private List<String> marks(String series) throws Exception {
        return fx(() -> chart(series).drawnMarks().stream().filter(m -> !m.startsWith("label ")).toList());
    }

    private long steps(String run) throws Exception {
        return fx(() -> app.model().raceProperty().get().stream().filter(r -> r.name().equals(run)).findFirst()
                .map(r -> r.status().steps()).orElse(-1L));
    }

    private double rate(String run) throws Exception {
        return fx(() -> app.model().raceProperty().get().stream().filter(r -> r.name().equals(run)).findFirst()
                .orElseThrow().hyperparameters().get(LabViewModel.LEARNING_RATE));
    }

    private String text(String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Labeled.class).getText());
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(Await.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
