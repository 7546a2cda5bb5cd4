package org.normlab.app.export;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.normlab.app.chart.ChartSpec;
import org.normlab.app.chart.EventGroups;
import org.normlab.app.model.Palette;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RunEvent;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.figure.Axis;
import org.normlab.sim.figure.Curve;
import org.normlab.sim.figure.ErrorBars;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.Guide;
import org.normlab.sim.figure.Label;
import org.normlab.sim.figure.LegendEntry;
import org.normlab.sim.figure.LineStyle;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Style;
import org.normlab.sim.figure.Theme;
import org.normlab.sim.report.FinalMetricsTable;
import org.normlab.sim.report.RunFigures;
import org.normlab.sim.series.Quantity;

/**
 * The lab's charts as figures for papers. Curves come from every run's full-resolution series — never the thinned
 * points a chart draws — in the run's screen color; a threshold series is dashed in the same color, its formula
 * ({@link RaceRun#thresholdLabel}) in the one legend entry of all thresholds; a curvature estimate keeps its error
 * bound as the dotted upper end of its interval, an estimate with a standard error ({@link ChartSpec#spreadId}) error
 * bars ± it; the theory beside a measurement ({@link ChartSpec#theoryId}) is
 * dash-dotted in the run's color; each event the engine detected in the chart's series is a dotted vertical line at its
 * step, in the run's color (those of a kind within a few points of each other one lighter line, grouped as the
 * window groups its markers: {@link EventGroups}); a diverged run says so in its legend entry. All panels share one
 * legend above them, with one entry for all thresholds, one for all error bars, one for all theory lines and one for
 * all events. Pure: no
 * toolkit, so it is tested without one.
 */
public final class LabFigures {
    private static final double PANEL_HEIGHT_INCHES = 2.2;
    /** Room for the shared legend above the panels (the layout shrinks the panels if it needs more). */
    private static final double LEGEND_INCHES = 0.4;
    private static final int DASHBOARD_COLUMNS = 2;
    private static final double POINTS_PER_INCH = 72;
    /** How much lighter a group of events is drawn than a single one: halfway to the paper's white. */
    private static final double GROUP_LIGHTER = 0.5;

    private LabFigures() {
    }

    /** One chart: {@code log} is its value axis as the user left it. */
    public static Figure chart(ChartSpec spec, boolean log, List<RaceRun> runs, Style.Width width) {
        Panel panel = panel(spec, log, runs, width.inches() * POINTS_PER_INCH);
        return new Figure(fileName(spec.title()), List.of(panel), 1,
                Style.of(width, PANEL_HEIGHT_INCHES + LEGEND_INCHES), legend(List.of(panel), runs));
    }

    /** Every chart, as one multi-panel figure; {@code logs.get(i)} is chart i's value axis. */
    public static Figure dashboard(List<ChartSpec> specs, List<Boolean> logs, List<RaceRun> runs,
                                   Style.Width width) {
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            panels.add(panel(specs.get(i), logs.get(i), runs, width.inches() * POINTS_PER_INCH / DASHBOARD_COLUMNS));
        }
        int rows = (panels.size() + DASHBOARD_COLUMNS - 1) / DASHBOARD_COLUMNS;
        return new Figure("dashboard", panels, DASHBOARD_COLUMNS,
                Style.of(width, rows * PANEL_HEIGHT_INCHES + LEGEND_INCHES), legend(panels, runs));
    }

    /**
     * The legend all panels share: each run in its color (a diverged run says when); every run's dashed threshold as
     * one entry ("dashed: each run's 2/η", or with different formulas each after its run's name); the dotted upper
     * ends of the estimates' intervals as one entry; all error bars as one entry ("bars: ± 1 standard error"); any
     * other dashed or dotted line and labelled guide an entry of its own.
     */
    static List<LegendEntry> legend(List<Panel> panels, List<RaceRun> runs) {
        List<Curve> curves = panels.stream().flatMap(p -> p.curves().stream()).toList();
        List<String> labels = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        List<String> formulas = new ArrayList<>();
        for (RaceRun run : runs) {
            labels.add(legend(run));
            colors.add(color(run));
            boolean hasThreshold = curves.stream().anyMatch(c -> c.style() == LineStyle.DASHED
                    && c.label().equals(thresholdLabel(run)));
            formulas.add(hasThreshold ? run.thresholdLabel() : "");
        }
        Set<String> thresholds = runs.stream().map(LabFigures::thresholdLabel).collect(Collectors.toSet());
        Set<String> upperEnds = runs.stream().map(LabFigures::upperEndLabel).collect(Collectors.toSet());
        Set<String> theories = runs.stream().map(LabFigures::theoryLabel).collect(Collectors.toSet());
        Set<LegendEntry> entries = new LinkedHashSet<>(RunFigures.runEntries(labels, colors, formulas));
        if (curves.stream().anyMatch(c -> thresholds.contains(c.label()))) {
            entries.add(RunFigures.thresholdKey(formulas, Theme.PRINT.ink()));
        }
        if (curves.stream().anyMatch(c -> upperEnds.contains(c.label()))) {
            entries.add(LegendEntry.of(RunFigures.UPPER_END_KEY, Theme.PRINT.ink(), LineStyle.DOTTED));
        }
        if (panels.stream().anyMatch(p -> !p.bars().isEmpty())) {
            entries.add(LegendEntry.bars(RunFigures.STANDARD_ERROR_KEY, Theme.PRINT.ink()));
        }
        if (curves.stream().anyMatch(c -> theories.contains(c.label()))) {
            entries.add(LegendEntry.of(RunFigures.THEORY_KEY, Theme.PRINT.ink(), LineStyle.DASH_DOT));
        }
        // The events' vertical lines are the unlabelled guides: one entry for them all.
        if (panels.stream().flatMap(p -> p.guides().stream()).anyMatch(g -> g.label().markup().isBlank())) {
            entries.add(LegendEntry.of(RunFigures.EVENTS_KEY, Theme.PRINT.ink(), LineStyle.DOTTED));
        }
        // Any other line keeps an entry of its own.
        curves.stream().filter(c -> c.style() != LineStyle.SOLID && !thresholds.contains(c.label())
                && !upperEnds.contains(c.label()) && !theories.contains(c.label()))
                .forEach(c -> entries.add(LegendEntry.of(c)));
        panels.stream().flatMap(p -> p.guides().stream()).filter(g -> !g.label().markup().isBlank())
                .forEach(g -> entries.add(new LegendEntry(g.label(), g.color(), g.style())));
        return List.copyOf(entries);
    }

    /**
     * One chart's panel, {@code widthPoints} wide (1/72 inch): events of a run that would be drawn within a few points
     * of each other are one dotted line, lighter, as the window groups them ({@link EventGroups}).
     */
    static Panel panel(ChartSpec spec, boolean log, List<RaceRun> runs, double widthPoints) {
        List<Curve> curves = new ArrayList<>();
        List<ErrorBars> bars = new ArrayList<>();
        List<Guide> guides = new ArrayList<>();
        for (RaceRun run : runs) {
            Color color = color(run);
            series(run, spec.seriesId()).ifPresent(points -> curves.add(curve(legend(run), color, LineStyle.SOLID,
                    points)));
            if (spec.boundId() != null) {
                series(run, spec.seriesId()).ifPresent(values -> series(run, spec.boundId()).ifPresent(bounds ->
                        curves.add(RunFigures.upperEnd(upperEndLabel(run), color, curve(values),
                                curve(bounds)))));
            }
            if (spec.spreadId() != null) {
                series(run, spec.seriesId()).ifPresent(values -> series(run, spec.spreadId()).ifPresent(errors ->
                        bars.add(RunFigures.standardErrors(run.name() + " ± 1 SE", color, curve(values),
                                curve(errors)))));
            }
            if (spec.thresholdId() != null) {
                series(run, spec.thresholdId()).ifPresent(points -> curves.add(curve(thresholdLabel(run), color,
                        LineStyle.DASHED, points)));
            }
            if (spec.theoryId() != null) {
                series(run, spec.theoryId()).ifPresent(points -> curves.add(curve(theoryLabel(run), color,
                        LineStyle.DASH_DOT, points)));
            }
        }
        double stepsPerPoint = stepSpan(curves) / widthPoints;
        for (RaceRun run : runs) {
            List<RunEvent> marked = run.events().stream().filter(e -> e.series() != null && spec.marks(e.series()))
                    .toList();
            for (EventGroups.Group group : EventGroups.of(marked, stepsPerPoint)) {
                // The run's color tells whose it is: the shared legend has one entry for them all.
                Color color = group.grouped() ? lighter(color(run)) : color(run);
                guides.add(new Guide(Label.of(""), Guide.Orientation.VERTICAL, group.step(), color,
                        LineStyle.DOTTED));
            }
        }
        // The legend says what the dashed lines and the bars are; the axis says what is measured.
        String yLabel = spec.yLabel().replace(ChartSpec.THRESHOLD_NOTE, "").replace(ChartSpec.SPREAD_NOTE, "");
        return new Panel(Label.of(spec.title()), Axis.linear("step"),
                log ? Axis.log(yLabel) : Axis.linear(yLabel), curves, guides, false).withBars(bars);
    }

    /** The steps the panel's curves span (0 without curves). */
    private static double stepSpan(List<Curve> curves) {
        double least = Double.POSITIVE_INFINITY;
        double greatest = Double.NEGATIVE_INFINITY;
        for (Curve curve : curves) {
            for (double step : curve.x()) {
                least = Math.min(least, step);
                greatest = Math.max(greatest, step);
            }
        }
        return greatest > least ? greatest - least : 0;
    }

    private static Color lighter(Color color) {
        return new Color((int) Math.round(color.getRed() + (255 - color.getRed()) * GROUP_LIGHTER),
                (int) Math.round(color.getGreen() + (255 - color.getGreen()) * GROUP_LIGHTER),
                (int) Math.round(color.getBlue() + (255 - color.getBlue()) * GROUP_LIGHTER));
    }

    private static String theoryLabel(RaceRun run) {
        return run.name() + " theory";
    }

    private static String upperEndLabel(RaceRun run) {
        return run.name() + " upper end";
    }

    private static String thresholdLabel(RaceRun run) {
        return run.name() + " " + run.thresholdLabel();
    }

    private static Color color(RaceRun run) {
        return Color.decode(Palette.color(run.color()));
    }

    /** The booktabs table of each run's final and best probe and test loss and accuracy and its divergence step. */
    public static String table(List<RaceRun> runs) {
        List<FinalMetricsTable.Run> rows = new ArrayList<>();
        for (RaceRun run : runs) {
            Map<String, RunFigures.Series> series = new LinkedHashMap<>();
            for (Quantity quantity : List.of(Quantity.PROBE_LOSS, Quantity.PROBE_ACCURACY, Quantity.TEST_LOSS,
                    Quantity.TEST_ACCURACY)) {
                series(run, quantity.id()).ifPresent(points -> series.put(quantity.id(), curve(points)));
            }
            RunStatus status = run.status();
            rows.add(new FinalMetricsTable.Run(run.name(), series,
                    status.state() == RunStatus.State.DIVERGED ? status.divergedAt() : null));
        }
        return FinalMetricsTable.render(rows, "Final and best metrics of each run.", "tab:final-metrics");
    }

    private static Optional<PointSeries> series(RaceRun run, String id) {
        return run.series(id).filter(s -> s.size() > 0);
    }

    /** Every point published so far (of a very long race, the series' compacted history: see PointSeries). */
    private static Curve curve(String label, Color color, LineStyle style, PointSeries series) {
        RunFigures.Series points = curve(series);
        return new Curve(label, color, style, points.steps(), points.values());
    }

    private static RunFigures.Series curve(PointSeries series) {
        PointSeries.Points points = series.snapshot();
        int n = points.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = points.x(i);
            y[i] = points.y(i);
        }
        return new RunFigures.Series(x, y);
    }

    private static String legend(RaceRun run) {
        RunStatus status = run.status();
        return status.state() == RunStatus.State.DIVERGED
                ? run.name() + " (diverged at " + status.divergedAt() + ")" : run.name();
    }

    /** "Weight norm, layer 0" → "weight-norm-layer-0". */
    static String fileName(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "chart" : slug;
    }
}
