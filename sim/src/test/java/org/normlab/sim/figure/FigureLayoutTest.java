package org.normlab.sim.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The layout every writer draws: no two texts overlap, none leaves the page, no legend covers a plot — checked on
 * figures built to be hard (long step axes, tiny and huge values, long titles, many runs) at every page width.
 */
class FigureLayoutTest {
    /** What the issue saw: a 300,000-step axis whose labels ran together ("0500100150200250300000"). */
    static Figure crowded(Style.Width width, int runs) {
        int points = 400;
        double[] steps = new double[points];
        for (int i = 0; i < points; i++) {
            steps[i] = i * 750.0;
        }
        List<Panel> panels = new ArrayList<>();
        double[][] ranges = {{2.3, 1e-4}, {0.1, 0.98}, {1.2e-7, 3.4e-5}, {12_000, 480_000}, {0.5, 420}};
        boolean[] logs = {true, false, false, false, true};
        for (int p = 0; p < ranges.length; p++) {
            List<Curve> curves = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                double[] y = new double[points];
                for (int i = 0; i < points; i++) {
                    double t = i / (points - 1.0);
                    y[i] = logs[p] ? ranges[p][0] * Math.pow(ranges[p][1] / ranges[p][0], t * (1 + 0.1 * r))
                            : ranges[p][0] + (ranges[p][1] - ranges[p][0]) * t * (1 - 0.05 * r);
                }
                curves.add(new Curve("run-" + r + " with a rather long name", Theme.PRINT.series(r), LineStyle.SOLID,
                        steps, y));
                curves.add(new Curve("run-" + r + " 2/η", Theme.PRINT.series(r), LineStyle.DASHED, steps, y));
            }
            Axis y = logs[p] ? Axis.log("λ_max(∇²L), the sharpness of the loss, dashed: each run's threshold")
                    : Axis.linear("‖w‖² of the first hidden layer's weights");
            panels.add(new Panel(Label.of("Effective learning rate of the first hidden layer, panel " + p),
                    Axis.linear("step"), y, curves, List.of(Guide.horizontal("2/η", ranges[p][1], Theme.PRINT.ink())),
                    true));
        }
        return new Figure("crowded", panels, 2, Style.of(width, 7));
    }

    @ParameterizedTest
    @EnumSource(Style.Width.class)
    void aCrowdedFigureHasNoOverlapsAndNothingOffThePage(Style.Width width) {
        for (int runs : new int[] {1, 6, 12}) {
            FigureLayout layout = FigureLayout.of(crowded(width, runs));
            assertEquals(List.of(), layout.problems(), width + ", " + runs + " runs");
        }
    }

    @ParameterizedTest
    @EnumSource(Style.Width.class)
    void theSyntheticFiguresLayOutCleanlyAtEveryWidthAndFontSize(Style.Width width) {
        for (double fontSize : new double[] {6, 8, 10}) {
            Figure figure = SyntheticFigures.twoPanels(Style.of(width, 2.4).withFont("SansSerif", fontSize));
            assertEquals(List.of(), FigureLayout.of(figure).problems(), width + " at " + fontSize + " pt");
            for (Panel panel : figure.panels()) {
                Figure single = new Figure("single", List.of(panel), 1, figure.style());
                assertEquals(List.of(), FigureLayout.of(single).problems(), width + " at " + fontSize + " pt");
            }
        }
    }

    /**
     * Error bars reaching past every curve widen the value axis to hold them; each bar is a stem at its x from its
     * low to its high end with caps there, all inside the plot, the caps cut at its sides; on a log axis a bar whose
     * low end is not positive reaches the plot's lower edge, and a bar with a NaN end is not drawn.
     */
    @ParameterizedTest
    @EnumSource(Scale.class)
    void errorBarsStayInsideThePlotAtTheirDataCoordinates(Scale scale) {
        double[] x = {0, 10, 20, 30};
        double[] y = {1, 2, 3, 2};
        double[] low = {0.5, scale == Scale.LOG ? -1 : 0.2, 2.5, Double.NaN};
        double[] high = {1.5, 50, 3.5, 4};
        Axis value = new Axis(Label.of("tr(H)"), scale);
        Panel panel = new Panel(Label.of("trace"), Axis.linear("step"), value,
                List.of(new Curve("sgd", Theme.PRINT.series(0), LineStyle.SOLID, x, y)), List.of(), true)
                .withBars(List.of(new ErrorBars("sgd ± 1 SE", Theme.PRINT.series(0), x, low, high)));
        FigureLayout layout = FigureLayout.of(new Figure("bars", List.of(panel), 1,
                Style.of(Style.Width.SINGLE_COLUMN, 2.2)));
        assertEquals(List.of(), layout.problems());
        FigureLayout.PanelLayout frame = layout.panelLayouts().get(0);
        Rectangle2D plot = frame.plot();
        ErrorBars bars = panel.bars().get(0);
        for (int i = 0; i < x.length; i++) {
            List<Line2D> lines = frame.bar(bars, i);
            if (i == 3) {
                assertEquals(List.of(), lines, "a NaN end: no bar");
                continue;
            }
            assertEquals(3, lines.size(), "stem and two caps");
            Line2D stem = lines.get(0);
            double at = frame.x(0) + x[i] / 20 * (frame.x(20) - frame.x(0));
            assertEquals(at, stem.getX1(), 1e-9);
            assertEquals(at, stem.getX2(), 1e-9);
            double bottom = low[i] > 0 || scale == Scale.LINEAR ? frame.y(scale.map(low[i])) : plot.getMaxY();
            assertEquals(bottom, stem.getY1(), 1e-9, "low end of bar " + i);
            assertEquals(frame.y(scale.map(high[i])), stem.getY2(), 1e-9, "high end of bar " + i);
            for (Line2D line : lines) {
                Rectangle2D box = line.getBounds2D();
                assertTrue(box.getX() >= plot.getX() - 1e-9 && box.getMaxX() <= plot.getMaxX() + 1e-9
                        && box.getY() >= plot.getY() - 1e-9 && box.getMaxY() <= plot.getMaxY() + 1e-9,
                        "bar " + i + " inside the plot: " + box + " in " + plot);
            }
            assertEquals(Math.max(plot.getX(), at - FigureLayout.CAP), lines.get(1).getX1(), 1e-9, "cap at the side");
        }
        assertTrue(frame.y(scale.map(50)) >= plot.getY() - 1e-9, "the axis reaches the highest bar's end");
    }

    @Test
    void stepAxesOfThousandsReadOneKTwoK() {
        FigureLayout layout = FigureLayout.of(crowded(Style.Width.SINGLE_COLUMN, 2));
        List<String> xTicks = layout.texts().stream().filter(t -> t.role().equals("panel 1 x tick"))
                .map(FigureLayout.Text::text).toList();
        assertTrue(xTicks.size() >= 2, xTicks.toString());
        assertTrue(xTicks.stream().allMatch(t -> t.equals("0") || t.endsWith("k")), xTicks.toString());
    }

    @Test
    void tinyValuesAreScaledAndTheAxisLabelSaysByWhat() {
        FigureLayout layout = FigureLayout.of(crowded(Style.Width.SINGLE_COLUMN, 1));
        String yLabel = String.join(" ", layout.texts().stream().filter(t -> t.role().equals("panel 3 y label"))
                .map(FigureLayout.Text::text).toList());
        assertTrue(yLabel.contains("×10"), yLabel);
    }

    @Test
    void perRunLinesOfOneKindAreOneLegendEntryAndLegendsStayOffThePlots() {
        List<LegendEntry> legend = List.of(LegendEntry.of("run-0", Theme.PRINT.series(0), LineStyle.SOLID),
                LegendEntry.of("dashed: each run's 2/η", Theme.PRINT.ink(), LineStyle.DASHED));
        Figure crowded = crowded(Style.Width.SINGLE_COLUMN, 3);
        Figure figure = new Figure("keyed", crowded.panels().stream().map(p -> p.withEntries(legend)).toList(), 2,
                crowded.style(), legend);
        FigureLayout layout = FigureLayout.of(figure);
        assertEquals(List.of("run-0", "dashed: each run's 2/η"), layout.sharedLegendTexts());
        for (Rectangle2D box : layout.legends()) {
            for (Rectangle2D plot : layout.plots()) {
                assertTrue(!box.intersects(plot), "legend " + box + " over plot " + plot);
            }
        }
        assertEquals(List.of(), layout.problems());
        // A panel whose own entries would crowd its plot hands them to the shared legend.
        FigureLayout moved = FigureLayout.of(crowded.withLegend(legend));
        assertEquals(List.of(), moved.problems());
        assertTrue(moved.sharedLegendTexts().contains("run-2 2/η"), moved.sharedLegendTexts().toString());
    }

    @Test
    void aLongWordIsCutWithAnEllipsisAndWrappedLinesFit() {
        TextPainter text = new TextPainter(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 8));
        List<Label> lines = FigureLayout.wrap(Label.of("one two three four five six seven eight nine ten"), text, 40);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).markup().endsWith("…"));
        lines.forEach(line -> assertTrue(text.width(line) <= 40, line.markup()));
        assertTrue(text.width(FigureLayout.ellipsize(Label.of("Supercalifragilistic"), text, 30)) <= 30);
    }
}
