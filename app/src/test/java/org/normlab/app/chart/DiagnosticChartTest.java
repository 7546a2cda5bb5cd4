package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.normlab.app.live.ChartFeeder;
import org.normlab.app.session.FakeRun;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RunStatus;
import org.normlab.app.session.RunEvent;
import org.normlab.sim.series.Estimate;
import org.normlab.sim.series.Quantity;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The sharpness chart on synthetic series, fed one tick at a time (no window, no training). */
class DiagnosticChartTest {

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
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
}
