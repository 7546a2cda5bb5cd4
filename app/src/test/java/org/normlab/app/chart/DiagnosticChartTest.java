package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.locks.DefaultDataSetLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.normlab.app.Await;
import org.normlab.app.NormLabApp;
import org.normlab.app.live.ChartFeeder;
import org.normlab.app.model.Palette;
import org.normlab.app.session.FakeRun;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RunStatus;
import org.normlab.app.session.RunEvent;
import org.normlab.sim.series.Estimate;
import org.normlab.sim.series.Quantity;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The sharpness chart on synthetic series, fed one tick at a time (no window, no training). */
class DiagnosticChartTest {

    private static Stage stage;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    /**
     * Against 2/η = 20: of the values 19.5 (bound 1), 19 (bound 0.5), 20.1 (bound 1) and 19.995 (bound 0.01), the
     * first and last have intervals that hold the threshold and are drawn undecided; the threshold line is named by
     * the run's formula (an SGD run).
     */
    @Test
    void aValueWhoseIntervalHoldsItsThresholdIsDrawnUndecided() throws Exception {
        PointSeries values = new PointSeries();
        PointSeries bounds = new PointSeries();
        PointSeries thresholds = new PointSeries();
        double[][] points = {{0, 19.5, 1}, {100, 19, 0.5}, {200, 20.1, 1}, {300, 19.995, 0.01}};
        for (double[] p : points) {
            values.append(p[0], p[1]);
            bounds.append(p[0], p[2]);
            thresholds.append(p[0], 20);
        }
        RunStatus status = new RunStatus(RunStatus.State.RUNNING, 300, 0, Double.NaN, 0, "");
        FakeRun run = new FakeRun("sgd", 0, Map.of(Estimate.SHARPNESS.top(), values,
                Estimate.SHARPNESS.errorBound(), bounds, Estimate.SHARPNESS.threshold(), thresholds), () -> status);
        ChartSpec sharpness = ChartSpec.diagnostics().stream()
                .filter(s -> s.seriesId().equals(Estimate.SHARPNESS.top())).findFirst().orElseThrow();
        try (ChartFeeder feeder = new ChartFeeder(64)) {
            DiagnosticChart chart = WaitForAsyncUtils.asyncFx(() -> {
                DiagnosticChart c = new DiagnosticChart(sharpness, "sharpness");
                c.show(List.of(run), feeder);
                return c;
            }).get();
            feeder.feedOnce();
            assertEquals(4, chart.points("sgd"));
            assertEquals(2, chart.undecided("sgd"));
            assertEquals(List.of("sgd 2/η"), chart.thresholdNames());
        }
    }

    /**
     * The RMS angular update's chart draws the run's predicted equilibrium dotted beside it, and marks the events
     * found in its own series and those of the whole run, not those of other charts' series.
     */
    @Test
    void theTheoryIsDrawnBesideItsMeasurementAndOnlyThisChartsEventsAreMarked() throws Exception {
        String rms = Quantity.ANGULAR_UPDATE_RMS.layer(0);
        PointSeries measured = new PointSeries();
        PointSeries predicted = new PointSeries();
        for (int t = 1; t <= 300; t++) {
            measured.append(t, 0.1 * (1 - Math.exp(-t / 50.0)));
            predicted.append(t, 0.1);
        }
        RunStatus status = new RunStatus(RunStatus.State.RUNNING, 300, 0, Double.NaN, 0, "");
        FakeRun run = new FakeRun("wd", 2, Map.of(rms, measured, Quantity.EQUILIBRIUM_ANGULAR_UPDATE.layer(0),
                predicted), () -> status);
        run.mark(new RunEvent(250, "angular update at its equilibrium", rms));
        run.mark(new RunEvent(120, "loss spike", Quantity.TRAIN_LOSS.id()));
        run.mark(new RunEvent(80, "learningRate 0.1 → 0.2"));
        ChartSpec angle = ChartSpec.diagnostics().stream().filter(s -> s.seriesId().equals(rms)).findFirst()
                .orElseThrow();
        assertEquals(Quantity.EQUILIBRIUM_ANGULAR_UPDATE.layer(0), angle.theoryId());
        try (ChartFeeder feeder = new ChartFeeder(64)) {
            DiagnosticChart chart = WaitForAsyncUtils.asyncFx(() -> {
                DiagnosticChart c = new DiagnosticChart(angle, "angle");
                c.show(List.of(run), feeder);
                return c;
            }).get();
            feeder.feedOnce();
            assertEquals(List.of("wd theory"), chart.theoryNames());
            assertEquals(List.of("angular update at its equilibrium", "learningRate 0.1 → 0.2"),
                    WaitForAsyncUtils.asyncFx(chart::markerTexts).get());
        }
    }

    /**
     * Loss spikes of three runs at nearly the same step (identical batches make runs spike together) and a fourth
     * run's far away: every label is the event's kind, its whole text in the tooltip, and the labels are stacked so
     * that none overlaps another.
     */
    @Test
    void markersCloseTogetherHaveTheirLabelsStackedApart() throws Exception {
        List<RaceRun> runs = new ArrayList<>();
        long[] spikes = {500, 502, 505, 900};
        for (int r = 0; r < spikes.length; r++) {
            PointSeries loss = new PointSeries();
            for (int t = 0; t <= 1000; t += 10) {
                loss.append(t, 1.0 / (1 + t / 100.0));
            }
            RunStatus status = new RunStatus(RunStatus.State.RUNNING, 1000, 0, Double.NaN, 0, "");
            FakeRun run = new FakeRun("run" + r, r, Map.of(Quantity.PROBE_LOSS.id(), loss), () -> status);
            run.mark(new RunEvent(spikes[r], "loss spike: median of the last 5 losses 0.9 > 3× the median 0.1 before",
                    Quantity.TRAIN_LOSS.id()));
            runs.add(run);
        }
        try (ChartFeeder feeder = new ChartFeeder(64)) {
            DiagnosticChart chart = showProbeLoss(runs, feeder, new StackPane());
            Await.until("four marker labels laid out", () -> WaitForAsyncUtils.asyncFx(() -> {
                chart.refresh(runs);
                return chart.markerLabelsInScene().stream().filter(b -> b.getWidth() > 0).count() == spikes.length;
            }).get());
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of("loss spike", "loss spike", "loss spike", "loss spike"),
                    WaitForAsyncUtils.asyncFx(chart::markerTexts).get());
            assertTrue(WaitForAsyncUtils.asyncFx(chart::markerTooltips).get().stream()
                    .allMatch(text -> text.startsWith("loss spike: median of the last 5")));
            List<Bounds> labels = WaitForAsyncUtils.asyncFx(() -> {
                chart.refresh(runs);
                return chart.markerLabelsInScene();
            }).get();
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    assertFalse(overlap(labels.get(i), labels.get(j)), "marker labels " + labels.get(i) + " and "
                            + labels.get(j) + " overlap");
                }
            }
        }
    }

    /**
     * Presenter mode names each run at its line's end. Five runs whose losses rise to 2 and end within 0.2% of 1 (and
     * a sixth far below) on a small chart: no two names overlap, every name lies inside the plot, the names keep the
     * order of the lines' ends (the highest end's name on top), and a moved name is joined to its line by a leader.
     */
    @Test
    void linesEndingCloseTogetherHaveTheirNamesSpreadApartInsideThePlot() throws Exception {
        double[] ends = {1.0, 1.002, 0.999, 1.001, 1.0005, 0.2};
        List<RaceRun> runs = new ArrayList<>();
        for (int r = 0; r < ends.length; r++) {
            PointSeries loss = new PointSeries();
            for (int t = 0; t <= 100; t++) {
                loss.append(t, t <= 50 ? 2.0 * t / 50 : 2 + (ends[r] - 2) * (t - 50) / 50.0);
            }
            RunStatus status = new RunStatus(RunStatus.State.RUNNING, 100, 0, Double.NaN, 0, "");
            runs.add(new FakeRun("run" + r, r, Map.of(Quantity.PROBE_LOSS.id(), loss), () -> status));
        }
        ChartSpec spec = ChartSpec.diagnostics().stream().filter(s -> s.seriesId().equals(Quantity.PROBE_LOSS.id()))
                .findFirst().orElseThrow();
        try (ChartFeeder feeder = new ChartFeeder(64)) {
            DiagnosticChart chart = WaitForAsyncUtils.asyncFx(() -> {
                DiagnosticChart c = new DiagnosticChart(spec, "loss");
                c.presenter(true);
                c.show(runs, feeder);
                Scene scene = new Scene(new StackPane(c.node()), 600, 480);
                scene.getStylesheets().add(NormLabApp.class.getResource("lab.css").toExternalForm());
                scene.getRoot().getStyleClass().add("lab");
                scene.getRoot().pseudoClassStateChanged(PseudoClass.getPseudoClass("presenter"), true);
                stage.setScene(scene);
                stage.show();
                return c;
            }).get();
            feeder.feedOnce();
            // Laid out once the axis spans the values (up to 2) and every run is named.
            Await.until("six names, on an axis ranged to the data", () -> WaitForAsyncUtils.asyncFx(() -> {
                chart.refresh(runs);
                return chart.lineEndLabelsInScene().size() == ends.length && chart.valueAxisUpperBound() >= 2;
            }).get());
            WaitForAsyncUtils.waitForFxEvents();
            List<Bounds> labels = WaitForAsyncUtils.asyncFx(() -> {
                chart.refresh(runs);
                return chart.lineEndLabelsInScene();
            }).get();
            Bounds plot = WaitForAsyncUtils.asyncFx(chart::plotInScene).get();
            for (int i = 0; i < labels.size(); i++) {
                Bounds a = labels.get(i);
                assertTrue(a.getMinX() >= plot.getMinX() - EDGE && a.getMaxX() <= plot.getMaxX() + EDGE
                        && a.getMinY() >= plot.getMinY() - EDGE && a.getMaxY() <= plot.getMaxY() + EDGE,
                        "run" + i + "'s name " + a + " inside the plot " + plot);
                for (int j = i + 1; j < labels.size(); j++) {
                    assertFalse(overlap(a, labels.get(j)), "run" + i + " " + a + " and run" + j + " "
                            + labels.get(j) + " overlap");
                }
            }
            // Higher on the screen is a higher value: the order of the ends 1.002, 1.001, 1.0005, 1.0, 0.999, 0.2.
            List<Integer> top = List.of(1, 3, 4, 0, 2, 5);
            for (int k = 0; k + 1 < top.size(); k++) {
                assertTrue(labels.get(top.get(k)).getMinY() < labels.get(top.get(k + 1)).getMinY(),
                        "run" + top.get(k) + "'s name above run" + top.get(k + 1) + "'s");
            }
            assertTrue(WaitForAsyncUtils.asyncFx(() -> chart.hasLeader("run1")).get(),
                    "the topmost of the crowd moved up, joined to its line by a leader");
            assertFalse(WaitForAsyncUtils.asyncFx(() -> chart.hasLeader("run5")).get(),
                    "the run far below keeps its place");
        }
    }

    /**
     * Event markers are drawn cheaply for the software renderer, which repaints them whenever the curves change: each
     * line a filled pixel column at its step (not a stroked, dotted line), a group's marker lighter by its color (not
     * by a node's opacity, which is drawn off screen), labels without a border, and nothing drawn that paints nothing
     * (ChartFX's invisible line for dragging a marker).
     */
    @Test
    void eventMarkersAreSolidLinesLighterWhenGroupedAndNothingInvisibleIsDrawn() throws Exception {
        PointSeries loss = new PointSeries();
        for (int t = 0; t <= 300; t++) {
            loss.append(t, 1.0 / (1 + t));
        }
        RunStatus status = new RunStatus(RunStatus.State.RUNNING, 300, 0, Double.NaN, 0, "");
        FakeRun run = new FakeRun("sgd", 0, Map.of(Quantity.PROBE_LOSS.id(), loss), () -> status);
        run.mark(new RunEvent(50, "learningRate 0.1 → 0.2"));
        for (int step = 200; step < 203; step++) {
            run.mark(new RunEvent(step, "loss spike: " + step, Quantity.TRAIN_LOSS.id()));
        }
        try (ChartFeeder feeder = new ChartFeeder(64)) {
            DiagnosticChart chart = showProbeLoss(List.of(run), feeder, new StackPane());
            Await.until("a marker of its own and one for the group", () -> WaitForAsyncUtils.asyncFx(() -> {
                chart.refresh(List.of(run));
                return chart.markerTexts();
            }).get().equals(List.of("learningRate 0.1 → 0.2", "loss spike ×3")));
            WaitForAsyncUtils.waitForFxEvents();
            List<Rectangle> lines = WaitForAsyncUtils.asyncFx(() -> chart.node().lookupAll(".event-line").stream()
                    .map(n -> (Rectangle) n).toList()).get();
            assertEquals(2, lines.size());
            for (Rectangle line : lines) {
                assertTrue(line.isVisible() && line.getStroke() == null && line.getWidth() == 1
                        && line.getHeight() > 100, "a filled pixel-wide column down the plot: " + line);
                assertEquals(1, line.getOpacity());
            }
            double[] at = WaitForAsyncUtils.asyncFx(() -> new double[] {lines.get(0).getX(), lines.get(1).getX(),
                    chart.plotInScene().getWidth()}).get();
            assertTrue(at[0] < at[1] && at[1] - at[0] > at[2] / 3, "at steps 50 and 200 of 300: " + List.of(at));
            assertTrue(WaitForAsyncUtils.asyncFx(() -> chart.node().lookupAll(".value-indicator-line").stream()
                    .noneMatch(Node::isVisible)).get(), "ChartFX's stroked lines not drawn");
            Color own = Color.web(Palette.color(0));
            assertEquals(own, lines.get(0).getFill(), "a marker of its own in the run's color");
            Color grouped = (Color) lines.get(1).getFill();
            assertTrue(grouped.getBrightness() > own.getBrightness() && grouped.getSaturation() < own.getSaturation()
                    && Math.abs(grouped.getHue() - own.getHue()) < 2, "the group's lighter: " + grouped + " " + own);
            List<Label> labels = WaitForAsyncUtils.asyncFx(() -> chart.node().lookupAll(".value-indicator-label")
                    .stream().map(n -> (Label) n).toList()).get();
            assertEquals(2, labels.size());
            for (Label label : labels) {
                assertEquals(1, label.getOpacity());
                assertTrue(label.getBorder() == null || label.getBorder().isEmpty(), "no border");
            }
            List<Shape> invisible = WaitForAsyncUtils.asyncFx(() -> chart.node().lookupAll("*").stream()
                    .filter(n -> n instanceof Shape shape && shape.isVisible() && paintsNothing(shape.getStroke())
                            && paintsNothing(shape.getFill())).map(n -> (Shape) n).toList()).get();
            assertEquals(List.of(), invisible, "shapes drawn that paint nothing");
        }
    }

    /**
     * A chart taken out of its scene in the middle of a pulse leaves its data unlocked. ChartFX read-locks a chart's
     * DataSets in the pulse's pre-layout and unlocks them in its post-layout, on hooks it drops when the chart leaves
     * its scene: a chart taken out in between (here by a pre-layout listener that runs after the chart's) kept them
     * locked for good, and the feeder's next write to one of them waited forever, so no chart updated again (the
     * lab's window that froze at its start). Pulses are forced one after another, so no clock is read.
     */
    @Test
    void aChartTakenOutOfItsSceneDuringAPulseLeavesItsDataUnlocked() throws Exception {
        PointSeries loss = new PointSeries();
        try (ChartFeeder feeder = new ChartFeeder(64)) {
            StackPane root = new StackPane();
            DiagnosticChart chart = showLoss(loss, feeder, root);
            List<String> pulses = new CopyOnWriteArrayList<>();
            Scene scene = WaitForAsyncUtils.asyncFx(() -> stage.getScene()).get();
            WaitForAsyncUtils.asyncFx(() -> scene.addPostLayoutPulseListener(() -> pulses.add("pulse"))).get();
            pulseUntil(pulses, () -> pulses.size() > 1);
            assertFalse(chart.dataSets().isEmpty(), "the chart has data");
            WaitForAsyncUtils.asyncFx(() -> scene.addPreLayoutPulseListener(() -> {
                if (!chart.dataSets().stream().allMatch(data -> readers(data) == 0)) {
                    root.getChildren().clear();
                }
            })).get();
            for (int t = 101; t <= 300; t++) {
                loss.append(t, 1.0 / (1 + t));
            }
            feeder.feedOnce();
            pulseUntil(pulses, () -> {
                try {
                    return WaitForAsyncUtils.asyncFx(() -> root.getChildren().isEmpty()).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (DataSet data : chart.dataSets()) {
                assertEquals(0, readers(data), data.getName() + " is still read-locked by the chart");
            }
        }
    }

    private static int readers(DataSet data) {
        return ((DefaultDataSetLock<?>) data.lock()).getReaderCount();
    }

    /**
     * New points that widen the step axis are drawn in one pulse: the pulse that lays out and redraws the chart leaves
     * nothing to lay out. (ChartFX's range slider, bound to the step axis, asked for a layout of its own after each
     * such layout: every chart update took a second pulse, with its CSS and layout passes.) Pulses are forced one
     * after another, so no clock is read.
     */
    @Test
    void newPointsAreDrawnInOnePulse() throws Exception {
        PointSeries loss = new PointSeries();
        try (ChartFeeder feeder = new ChartFeeder(64)) {
            DiagnosticChart chart = showLoss(loss, feeder, new StackPane());
            Scene scene = WaitForAsyncUtils.asyncFx(() -> stage.getScene()).get();
            // After each pulse: the step axis' upper end, and whether anything is left to lay out. Written on the FX
            // thread while this one reads it (pulses come on their own too): a list safe to iterate meanwhile.
            List<String> pulses = new CopyOnWriteArrayList<>();
            WaitForAsyncUtils.asyncFx(() -> scene.addPostLayoutPulseListener(() -> pulses.add(
                    chart.stepAxisUpperBound() + " " + needsLayout(scene.getRoot())))).get();
            pulseUntil(pulses, () -> pulses.size() > 1 && pulses.get(pulses.size() - 1).endsWith("false")
                    && pulses.get(pulses.size() - 2).endsWith("false"));
            double before = chart.stepAxisUpperBound();
            pulses.clear();
            for (int t = 101; t <= 300; t++) {
                loss.append(t, 1.0 / (1 + t));
            }
            feeder.feedOnce();
            pulseUntil(pulses, () -> pulses.stream().anyMatch(p -> Double.parseDouble(p.split(" ")[0]) >= 300));
            String drawn = pulses.stream().filter(p -> Double.parseDouble(p.split(" ")[0]) >= 300).findFirst()
                    .orElseThrow();
            assertTrue(before < 300, "the axis widened, from " + before);
            assertEquals("false", drawn.split(" ")[1], "the pulse that drew the new points left a layout to do: "
                    + pulses);
        }
    }

    /**
     * The probe-loss chart of one run whose {@code loss} gets the steps 0 to 100, shown in {@code root} as the stage's
     * scene, fed once.
     */
    private static DiagnosticChart showLoss(PointSeries loss, ChartFeeder feeder, StackPane root) throws Exception {
        for (int t = 0; t <= 100; t++) {
            loss.append(t, 1.0 / (1 + t));
        }
        RunStatus status = new RunStatus(RunStatus.State.RUNNING, 100, 0, Double.NaN, 0, "");
        return showProbeLoss(List.of(new FakeRun("sgd", 0, Map.of(Quantity.PROBE_LOSS.id(), loss), () -> status)),
                feeder, root);
    }

    /** The probe-loss chart of {@code runs}, styled as in the lab, in {@code root} as the stage's scene, fed once. */
    private static DiagnosticChart showProbeLoss(List<? extends RaceRun> runs, ChartFeeder feeder, StackPane root)
            throws Exception {
        ChartSpec spec = ChartSpec.diagnostics().stream().filter(s -> s.seriesId().equals(Quantity.PROBE_LOSS.id()))
                .findFirst().orElseThrow();
        DiagnosticChart chart = WaitForAsyncUtils.asyncFx(() -> {
            DiagnosticChart c = new DiagnosticChart(spec, "loss");
            c.show(List.copyOf(runs), feeder);
            root.getChildren().add(c.node());
            Scene scene = new Scene(root, 600, 480);
            scene.getStylesheets().add(NormLabApp.class.getResource("lab.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return c;
        }).get();
        feeder.feedOnce();
        return chart;
    }

    /** Forces pulses one after another until {@code done} holds (at most 100). */
    private static void pulseUntil(List<String> pulses, BooleanSupplier done) throws Exception {
        for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
            int seen = pulses.size();
            WaitForAsyncUtils.asyncFx(Platform::requestNextPulse).get();
            Await.until("a pulse", () -> pulses.size() > seen);
        }
        assertTrue(done.getAsBoolean(), "after 100 pulses: " + pulses);
    }

    /** Whether any parent in {@code node}'s tree needs layout. */
    private static boolean needsLayout(Node node) {
        return node instanceof Parent parent && (parent.isNeedsLayout()
                || parent.getChildrenUnmodifiable().stream().anyMatch(DiagnosticChartTest::needsLayout));
    }

    private static boolean paintsNothing(Paint paint) {
        return paint == null || paint instanceof Color color && color.getOpacity() == 0;
    }

    /** Pixels of rounding allowed at the plot's edges. */
    private static final double EDGE = 0.5;

    /** Whether two boxes share an area (touching edges do not count). */
    private static boolean overlap(Bounds a, Bounds b) {
        double eps = 1e-6;
        return a.getMinX() < b.getMaxX() - eps && b.getMinX() < a.getMaxX() - eps && a.getMinY() < b.getMaxY() - eps
                && b.getMinY() < a.getMaxY() - eps;
    }
}
