package org.normlab.app.export;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.normlab.app.chart.ChartSpec;
import org.normlab.app.model.Palette;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RunEvent;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.figure.Axis;
import org.normlab.sim.figure.Curve;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.Guide;
import org.normlab.sim.figure.Label;
import org.normlab.sim.figure.LineStyle;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Style;
import org.normlab.sim.report.RunFigures;

/**
 * The lab's charts as figures for papers. Curves come from every run's full-resolution series — never the thinned
 * points a chart draws — in the run's screen color; a threshold series is dashed in the same color, labelled with its
 * run's formula ({@link RaceRun#thresholdLabel}); a curvature estimate keeps its error bound as the dotted upper end of
 * its interval; the theory beside a measurement ({@link ChartSpec#theoryId}) is dotted in the run's color; each event
 * the engine detected in the chart's series is a dotted vertical line at its step, in the run's color (one legend
 * entry for them all); a diverged run says so in its legend entry. Pure: no toolkit, so it is tested without one.
 */
public final class LabFigures {
    private static final double PANEL_HEIGHT_INCHES = 2.2;
    private static final int DASHBOARD_COLUMNS = 2;

    private LabFigures() {
    }

    /** One chart: {@code log} is its value axis as the user left it. */
    public static Figure chart(ChartSpec spec, boolean log, List<RaceRun> runs, Style.Width width) {
        return new Figure(fileName(spec.title()), List.of(panel(spec, log, runs)), 1,
                Style.of(width, PANEL_HEIGHT_INCHES));
    }

    /** Every chart, as one multi-panel figure; {@code logs.get(i)} is chart i's value axis. */
    public static Figure dashboard(List<ChartSpec> specs, List<Boolean> logs, List<RaceRun> runs,
                                   Style.Width width) {
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            panels.add(panel(specs.get(i), logs.get(i), runs));
        }
        int rows = (panels.size() + DASHBOARD_COLUMNS - 1) / DASHBOARD_COLUMNS;
        return new Figure("dashboard", panels, DASHBOARD_COLUMNS, Style.of(width, rows * PANEL_HEIGHT_INCHES));
    }

    static Panel panel(ChartSpec spec, boolean log, List<RaceRun> runs) {
        List<Curve> curves = new ArrayList<>();
        List<Guide> guides = new ArrayList<>();
        for (RaceRun run : runs) {
            Color color = Color.decode(Palette.color(run.color()));
            series(run, spec.seriesId()).ifPresent(points -> curves.add(curve(legend(run), color, LineStyle.SOLID,
                    points)));
            if (spec.boundId() != null) {
                series(run, spec.seriesId()).ifPresent(values -> series(run, spec.boundId()).ifPresent(bounds ->
                        curves.add(RunFigures.upperEnd(run.name() + " upper end", color, curve(values),
                                curve(bounds)))));
            }
            if (spec.thresholdId() != null) {
                series(run, spec.thresholdId()).ifPresent(points -> curves.add(curve(run.name() + " "
                        + run.thresholdLabel(), color, LineStyle.DASHED, points)));
            }
            if (spec.theoryId() != null) {
                series(run, spec.theoryId()).ifPresent(points -> curves.add(curve(run.name() + " theory", color,
                        LineStyle.DOTTED, points)));
            }
            for (RunEvent event : run.events()) {
                if (event.series() != null && spec.marks(event.series())) {
                    // The run's color tells whose it is: one legend entry for them all.
                    guides.add(new Guide(Label.of(guides.isEmpty() ? "detected events" : ""),
                            Guide.Orientation.VERTICAL, event.step(), color, LineStyle.DOTTED));
                }
            }
        }
        return new Panel(Label.of(spec.title()), Axis.linear("step"),
                log ? Axis.log(spec.yLabel()) : Axis.linear(spec.yLabel()), curves, guides, true);
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
