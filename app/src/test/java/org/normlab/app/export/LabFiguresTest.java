package org.normlab.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.app.chart.ChartSpec;
import org.normlab.app.model.Palette;
import org.normlab.app.session.FakeRun;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RunEvent;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.figure.Curve;
import org.normlab.sim.figure.ErrorBars;
import org.normlab.sim.figure.FigureLayout;
import org.normlab.sim.figure.LegendEntry;
import org.normlab.sim.figure.Theme;
import org.normlab.sim.figure.Guide;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureFiles;
import org.normlab.sim.figure.Format;
import org.normlab.sim.figure.LineStyle;
import org.normlab.sim.figure.Scale;
import org.normlab.sim.figure.Style;
import org.normlab.sim.report.RunFigures;
import org.normlab.sim.series.Quantity;

class LabFiguresTest {
    private static final ChartSpec SHARPNESS = new ChartSpec("Sharpness", "λ_max(∇²L)", "hessian.top_eig",
            "hessian.threshold", "hessian.error_bound", true, true);
    private static final int POINTS = 20_000;

    @TempDir
    Path temp;

    /**
     * Every published point goes into the figure (a chart would thin 20,000 points to ~512); each estimate keeps its
     * bound as the dotted upper end of its interval; the threshold is labelled with the run's formula (an SGD run).
     */
    @Test
    void aChartBecomesOneFullResolutionCurvePerRunAndADashedThresholdInTheRunsColor() {
        FakeSharpnessRun calm = new FakeSharpnessRun("calm", 0, RunStatus.State.RUNNING, 0);
        FakeSharpnessRun wild = new FakeSharpnessRun("wild", 3, RunStatus.State.DIVERGED, 42);
        Figure figure = LabFigures.chart(SHARPNESS, true, List.of(calm.run, wild.run), Style.Width.SINGLE_COLUMN);

        assertEquals("sharpness", figure.name());
        assertEquals(Scale.LOG, figure.panels().get(0).y().scale());
        List<Curve> curves = figure.panels().get(0).curves();
        assertEquals(List.of("calm", "calm upper end", "calm 2/η", "wild (diverged at 42)", "wild upper end",
                "wild 2/η"), curves.stream().map(Curve::label).toList());
        assertEquals(POINTS, curves.get(0).size());
        assertArrayEquals(calm.top.ys(), curves.get(0).y());
        Curve upper = curves.get(1);
        assertEquals(LineStyle.DOTTED, upper.style());
        for (int i = 0; i < POINTS; i++) {
            assertEquals(calm.top.points.y(i) + calm.bound.points.y(i), upper.y(i), 0.0);
        }
        assertEquals(Color.decode(Palette.color(3)), curves.get(3).color());
        assertEquals(curves.get(3).color(), curves.get(5).color());
        assertEquals(LineStyle.DASHED, curves.get(5).style());
        assertEquals(List.of("calm", "wild (diverged at 42)", "dashed: each run's 2/η",
                "dotted: upper end of each estimate's interval"),
                figure.legend().stream().map(e -> e.label().markup()).toList(), "the thresholds are one entry");
        assertEquals("λ_max(∇²L)", figure.panels().get(0).y().label().markup(), "the legend says what is dashed");
    }

    /** The theory is a dotted curve in the run's color; an event of the chart's series a dotted vertical guide. */
    @Test
    void theTheoryIsDottedAndEventsAreVerticalGuides() {
        String rms = Quantity.ANGULAR_UPDATE_RMS.layer(0);
        PointSeries measured = new PointSeries();
        PointSeries predicted = new PointSeries();
        for (int t = 1; t <= 10; t++) {
            measured.append(t, 0.01 * t);
            predicted.append(t, 0.1);
        }
        FakeRun run = new FakeRun("wd", 2, Map.of(rms, measured, Quantity.EQUILIBRIUM_ANGULAR_UPDATE.layer(0),
                predicted), () -> new RunStatus(RunStatus.State.PAUSED, 10, 0, Double.NaN, 0, ""));
        run.mark(new RunEvent(9, "angular update at its equilibrium", rms));
        run.mark(new RunEvent(5, "loss spike", Quantity.TRAIN_LOSS.id()));
        ChartSpec angle = ChartSpec.diagnostics().stream().filter(s -> s.seriesId().equals(rms)).findFirst()
                .orElseThrow();
        Panel panel = LabFigures.chart(angle, false, List.of(run), Style.Width.SINGLE_COLUMN).panels().get(0);
        assertEquals(List.of("wd", "wd theory"), panel.curves().stream().map(Curve::label).toList());
        Curve theory = panel.curves().get(1);
        assertEquals(LineStyle.DASH_DOT, theory.style());
        assertEquals(Color.decode(Palette.color(2)), theory.color());
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, theory.y());
        assertEquals(1, panel.guides().size(), "the loss spike belongs to the loss chart");
        Guide event = panel.guides().get(0);
        assertEquals(Guide.Orientation.VERTICAL, event.orientation());
        assertEquals(9, event.value());
        assertEquals(theory.color(), event.color());
        Figure figure = LabFigures.chart(angle, false, List.of(run), Style.Width.SINGLE_COLUMN);
        List<String> keys = figure.legend().stream().map(e -> e.label().markup()).toList();
        assertTrue(keys.contains(RunFigures.THEORY_KEY) && keys.contains(RunFigures.EVENTS_KEY),
                "one legend entry for the theory lines, one for the events: " + keys);
    }

    /**
     * The trace's chart exports each run's trace ± its standard error as error bars in the run's color (a standard
     * error with no trace at its step is no bar), one legend entry for all bars, and the axis without the screen's note.
     */
    @Test
    void theTraceChartExportsItsStandardErrorAsErrorBars() {
        String trace = Quantity.HESSIAN_TRACE.id();
        List<RaceRun> runs = new java.util.ArrayList<>();
        for (int r = 0; r < 2; r++) {
            PointSeries values = new PointSeries();
            PointSeries errors = new PointSeries();
            for (int step = 0; step <= 400; step += 100) {
                values.append(step, -19 + 0.2 * step + r);
                errors.append(step, 4 - 0.005 * step);
            }
            errors.append(450, 1);
            runs.add(new FakeRun("run" + r, r, Map.of(trace, values, Quantity.HESSIAN_TRACE_STANDARD_ERROR.id(),
                    errors), () -> new RunStatus(RunStatus.State.PAUSED, 400, 0, Double.NaN, 0, "")));
        }
        ChartSpec spec = ChartSpec.forSeries(trace);
        assertEquals(Quantity.HESSIAN_TRACE_STANDARD_ERROR.id(), spec.spreadId(), "the catalogue's pairing");
        Figure figure = LabFigures.chart(spec, false, runs, Style.Width.SINGLE_COLUMN);

        Panel panel = figure.panels().get(0);
        assertEquals(2, panel.bars().size());
        for (int r = 0; r < 2; r++) {
            ErrorBars bars = panel.bars().get(r);
            assertEquals(Color.decode(Palette.color(r)), bars.color());
            assertArrayEquals(new double[] {0, 100, 200, 300, 400}, bars.x());
            for (int i = 0; i < bars.size(); i++) {
                double value = -19 + 0.2 * bars.x(i) + r;
                double error = 4 - 0.005 * bars.x(i);
                assertEquals(value - error, bars.low(i), 1e-12);
                assertEquals(value + error, bars.high(i), 1e-12);
            }
        }
        assertEquals(List.of(LegendEntry.bars(RunFigures.STANDARD_ERROR_KEY, Theme.PRINT.ink())),
                figure.legend().stream().filter(e -> e.sample() == LegendEntry.Sample.BAR).toList());
        assertEquals("tr(H)", panel.y().label().markup(), "the legend says what the bars are");
        assertEquals(List.of(), FigureLayout.of(figure).problems());
    }

    /**
     * As on screen, a run's spikes within a few points of each other on paper are one dotted line, lighter: 10,000
     * steps across a single column's 3.25 inches (234 points) are 42.7 steps a point, so spikes within 6 points (256
     * steps) of the first are one line at the first; a spike far off keeps its own line in the run's color.
     */
    @Test
    void eventsThatWouldOverlapOnPaperAreOneLighterLine() {
        ChartSpec lossChart = ChartSpec.diagnostics().stream().filter(s -> s.marks(Quantity.TRAIN_LOSS.id()))
                .findFirst().orElseThrow();
        PointSeries loss = new PointSeries();
        for (int t = 0; t <= 10_000; t++) {
            loss.append(t, 1);
        }
        FakeRun run = new FakeRun("sgd", 0, Map.of(lossChart.seriesId(), loss),
                () -> new RunStatus(RunStatus.State.PAUSED, 10_000, 0, Double.NaN, 0, ""));
        for (long step : new long[] {1000, 1100, 1230, 5000}) {
            run.mark(new RunEvent(step, "loss spike: at " + step, Quantity.TRAIN_LOSS.id()));
        }
        assertEquals(234, Style.Width.SINGLE_COLUMN.inches() * 72, 1e-9);
        List<Guide> guides = LabFigures.chart(lossChart, false, List.of(run), Style.Width.SINGLE_COLUMN).panels()
                .get(0).guides();
        assertEquals(List.of(1000.0, 5000.0), guides.stream().map(Guide::value).toList());
        Color own = Color.decode(Palette.color(0));
        assertEquals(own, guides.get(1).color());
        Color lighter = guides.get(0).color();
        assertEquals(Math.round(own.getRed() + (255 - own.getRed()) * 0.5), lighter.getRed());
        assertEquals(Math.round(own.getGreen() + (255 - own.getGreen()) * 0.5), lighter.getGreen());
        assertEquals(Math.round(own.getBlue() + (255 - own.getBlue()) * 0.5), lighter.getBlue());
    }

    @Test
    void theDashboardHasAPanelPerChartAndWritesEveryFormat() {
        List<ChartSpec> specs = ChartSpec.diagnostics();
        Figure figure = LabFigures.dashboard(specs, specs.stream().map(ChartSpec::logScale).toList(),
                List.of(new FakeSharpnessRun("sgd", 1, RunStatus.State.PAUSED, 0).run), Style.Width.DOUBLE_COLUMN);
        assertEquals(specs.size(), figure.panels().size());
        List<Path> written = FigureFiles.write(figure, temp, EnumSet.allOf(Format.class), 150);
        assertEquals(Format.values().length, written.size());
        for (Path file : written) {
            assertTrue(Files.isRegularFile(file), file.toString());
        }
    }

    /** A line the legend does not know as a threshold or an interval's end (a theory line, a guide) keeps its entry. */
    @Test
    void otherLinesKeepAnEntryOfTheirOwn() {
        FakeSharpnessRun run = new FakeSharpnessRun("sgd", 0, RunStatus.State.RUNNING, 0);
        org.normlab.sim.figure.Panel panel = LabFigures.panel(SHARPNESS, false, List.of(run.run), 250);
        List<Curve> curves = new java.util.ArrayList<>(panel.curves());
        curves.add(new Curve("theory", Color.GRAY, LineStyle.DOTTED, new double[] {0, 1}, new double[] {1, 2}));
        org.normlab.sim.figure.Panel extended = new org.normlab.sim.figure.Panel(panel.title(), panel.x(), panel.y(),
                curves, List.of(org.normlab.sim.figure.Guide.horizontal("warm-up ends", 3, Color.GRAY)), false);
        assertEquals(List.of("sgd", "dashed: each run's 2/η", "dotted: upper end of each estimate's interval",
                "theory", "warm-up ends"), LabFigures.legend(List.of(extended), List.of(run.run)).stream()
                .map(e -> e.label().markup()).toList());
    }

    @Test
    void fileNamesAreSlugsOfTheTitles() {
        assertEquals("weight-norm-layer-0", LabFigures.fileName("Weight norm, layer 0"));
        assertEquals("chart", LabFigures.fileName("λ"));
    }

    /** A run whose sharpness, error-bound and threshold series hold POINTS points each. */
    private static final class FakeSharpnessRun {
        final Series top = new Series(2.0);
        final Series bound = new Series(1.5);
        final Series threshold = new Series(5.0);
        final FakeRun run;

        FakeSharpnessRun(String name, int color, RunStatus.State state, long divergedAt) {
            RunStatus status = new RunStatus(state, POINTS, divergedAt, Double.NaN, 0, "");
            run = new FakeRun(name, color, Map.of("hessian.top_eig", top.points, "hessian.error_bound", bound.points,
                    "hessian.threshold", threshold.points), () -> status);
        }
    }

    private static final class Series {
        final PointSeries points = new PointSeries();

        Series(double level) {
            for (int i = 0; i < POINTS; i++) {
                points.append(i, level + Math.sin(i * 0.01));
            }
        }

        double[] ys() {
            double[] y = new double[points.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = points.y(i);
            }
            return y;
        }
    }
}
