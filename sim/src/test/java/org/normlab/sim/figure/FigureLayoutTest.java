package org.normlab.sim.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
