package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import org.junit.jupiter.api.Test;
import org.normlab.app.chart.ChartGrid;
import org.normlab.app.chart.DiagnosticChart;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.OptimizerSetup.Recipe;
import org.normlab.sim.series.Estimate;
import org.normlab.sim.series.Quantity;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The {@code layer_curvature} family live in the real window, headless: a tiny race that measures it shows a chart of
 * the Hessian's trace with its standard errors and one per layer of each block's λ_max and trace, drawing exactly the
 * engine's values, while the charts of what it does not measure leave the grid; the setup's box switches the family
 * off and on. Waits poll conditions, never a clock.
 */
class LayerCurvatureChartsTest extends LabWindow {
    private static final String TRACE = Quantity.HESSIAN_TRACE.id();
    /** Two Linear layers: 2→4 (with its BatchNorm) and the classifier 4→2. */
    private static final List<String> LAYER_SERIES = List.of(Quantity.LAYER_SHARPNESS.layer(0),
            Quantity.LAYER_SHARPNESS.layer(1), Quantity.LAYER_TRACE.layer(0), Quantity.LAYER_TRACE.layer(1));
    /**
     * The run ends by itself after a few measurements (every 5 steps): a run paused by hand on a busy machine went on
     * for hundreds more, and a chart keeps at most a pair of points per two pixels, so it could never show them all.
     */
    private static final int STEPS = 40;
    private static final RaceSetup RACE = new RaceSetup("layers", "One small run measuring per-layer curvature.",
            DataSpec.defaults(DataKind.SPIRALS).withSize(100),
            RaceSetup.network(List.of(4), Activation.RELU, Normalization.BATCH_NORM),
            new Experiment.Training(STEPS, 16, 1), new Experiment.ProbeSetup(40, 1),
            new Experiment.ProbesSetup(List.of(Probes.Family.LAYER_CURVATURE), BatchNormMode.TRAIN, 0, 0, 5,
                    Lanczos.DEFAULT_TOLERANCE),
            10, List.of(RaceSetup.run("sgd", Recipe.SGD, 0.1)));

    @Override
    protected RaceSetup race() {
        return RACE;
    }

    @Test
    void theTraceAndEachLayersCurvatureAreChartedWithTheEnginesValues() throws Exception {
        RaceRun run = fx(() -> app.model().raceProperty().get().get(0));
        PointSeries trace = run.series(TRACE).orElseThrow();
        Await.until("the run finishes", () -> run.status().state() == RunStatus.State.FINISHED);
        assertTrue(trace.size() >= 3, "measurements: " + trace.size());

        List<String> shown = fx(() -> grid().shown().stream().map(c -> c.spec().seriesId()).toList());
        assertTrue(shown.contains(TRACE) && shown.containsAll(LAYER_SERIES), "charted: " + shown);
        assertFalse(shown.contains(Estimate.SHARPNESS.top()), "the sharpness, not measured, leaves the grid");

        DiagnosticChart traceChart = chart(TRACE);
        PointSeries errors = run.series(Quantity.HESSIAN_TRACE_STANDARD_ERROR.id()).orElseThrow();
        Await.until("the trace chart has every measurement", () -> fx(() -> traceChart.drawn("sgd")).size()
                == trace.size());
        List<double[]> drawn = fx(() -> traceChart.drawn("sgd"));
        for (int i = 0; i < trace.size(); i++) {
            assertEquals(trace.x(i), drawn.get(i)[0], 0, "step");
            assertEquals(trace.y(i), drawn.get(i)[1], 0, "tr(H) at step " + trace.x(i));
            assertEquals(errors.x(i), trace.x(i), 0);
            assertEquals(errors.y(i), drawn.get(i)[2], 0, "its standard error at step " + trace.x(i));
            assertTrue(errors.y(i) > 0, "a Hutchinson estimate has a spread");
        }
        for (String id : LAYER_SERIES) {
            PointSeries engine = run.series(id).orElseThrow();
            DiagnosticChart layer = chart(id);
            Await.until(id + " has every measurement", () -> fx(() -> layer.drawn("sgd")).size() == engine.size());
            List<double[]> points = fx(() -> layer.drawn("sgd"));
            for (int i = 0; i < engine.size(); i++) {
                assertEquals(engine.x(i), points.get(i)[0], 0, id + " step");
                assertEquals(engine.y(i), points.get(i)[1], 0, id + " at step " + engine.x(i));
            }
        }
    }

    @Test
    void theSetupsBoxSwitchesTheFamilyOffAndTheChartsLeave() throws Exception {
        Await.until("a first measurement", () -> fx(() -> grid().shown().stream()
                .anyMatch(c -> c.spec().seriesId().equals(TRACE))));
        fx(() -> {
            robot.lookup("#layerCurvature").queryAs(CheckBox.class).setSelected(false);
            robot.lookup("#applySetup").queryAs(Button.class).fire();
            return null;
        });
        Await.until("the restarted race measures no per-layer curvature", () -> fx(() -> app.model().raceProperty()
                .get().stream().noneMatch(r -> r.seriesIds().contains(TRACE))));
        Await.until("its charts leave the grid", () -> fx(() -> grid().shown().stream()
                .noneMatch(c -> c.spec().seriesId().equals(TRACE) || LAYER_SERIES.contains(c.spec().seriesId()))));
        fx(() -> {
            robot.lookup("#layerCurvature").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#applySetup").queryAs(Button.class).fire();
            return null;
        });
        Await.until("switched on again, they return", () -> fx(() -> grid().shown().stream()
                .map(c -> c.spec().seriesId()).toList()).containsAll(LAYER_SERIES));
    }

    private ChartGrid grid() {
        return robot.lookup((Node node) -> node instanceof ChartGrid).queryAs(ChartGrid.class);
    }

    private DiagnosticChart chart(String id) throws Exception {
        return fx(() -> grid().chart(id).orElseThrow());
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(Await.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
