package org.normlab.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.sim.figure.Curve;
import org.normlab.sim.figure.ErrorBars;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureFiles;
import org.normlab.sim.figure.FigureLayout;
import org.normlab.sim.figure.Format;
import org.normlab.sim.figure.Guide;
import org.normlab.sim.figure.LegendEntry;
import org.normlab.sim.figure.LineStyle;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Scale;
import org.normlab.sim.figure.Style;
import org.normlab.sim.figure.SvgFile;
import org.normlab.sim.figure.Theme;
import org.normlab.sim.run.InvalidInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Panels built from metrics files written here in the long format a run writes. */
class RunFiguresTest {
    private static final int STEPS = 200;
    private static final int EVALUATE_EVERY = 10;

    @TempDir
    Path temp;

    @Test
    void oneRunFolderGivesOnePanelPerGroupWithEveryPoint() throws IOException {
        Path run = RunMetrics.write(temp.resolve("sgd"), "sgd", STEPS, EVALUATE_EVERY, 0);
        Map<String, Panel> panels = byTitle(RunFigures.read(run).panels(Theme.PRINT));

        assertEquals(List.of("loss", "accuracy", "gradient norm", "λ_max(H)"), List.copyOf(panels.keySet()));
        Panel loss = panels.get("loss");
        assertEquals(List.of("train", "probe", "test"), loss.curves().stream().map(Curve::label).toList());
        assertEquals(STEPS, loss.curves().get(0).size(), "train.loss at every step, not thinned");
        assertEquals(STEPS / EVALUATE_EVERY + 1, loss.curves().get(2).size());
        assertEquals(Scale.LOG, loss.y().scale());
        assertEquals(Scale.LINEAR, panels.get("accuracy").y().scale());
        double[] steps = loss.curves().get(0).x();
        double[] values = loss.curves().get(0).y();
        for (int i = 0; i < STEPS; i++) {
            assertEquals(i, steps[i]);
            assertEquals(RunMetrics.trainLoss(i, "sgd"), values[i], 0.0, "value read back exactly");
        }
    }

    /**
     * A prediction shares its measurement's panel, dotted in the run's color, and an event of events.csv that names a
     * metric is a dotted vertical line on its panel (one legend entry per kind); a hyperparameter change is not.
     */
    @Test
    void theTheoryIsDashDottedOnItsMeasurementsPanelAndEventsAreVerticalLines() throws IOException {
        Path run = RunMetrics.write(temp.resolve("wd"), "wd", STEPS, EVALUATE_EVERY, 0);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(run.resolve(RunFigures.METRICS_FILE)));
        for (int step = 1; step <= STEPS; step++) {
            lines.add("wd," + step + ",weight.angular_update_rms.layer0," + 0.1 * (1 - Math.exp(-step / 30.0)));
            lines.add("wd," + step + ",weight.equilibrium_angular_update.layer0,0.1");
        }
        Files.write(run.resolve(RunFigures.METRICS_FILE), lines);
        Files.write(run.resolve(RunFigures.EVENTS_FILE), List.of("run,step,event,name,old,new",
                "wd,30,set,learningRate,0.1,0.2",
                "wd,120,equilibrium,weight.angular_update_rms.layer0,0.1,0.0982",
                "wd,150,equilibrium,weight.angular_update_rms.layer0,0.1,0.0991"));
        Map<String, Panel> panels = byTitle(RunFigures.read(run).panels(Theme.PRINT));

        assertTrue(panels.keySet().stream().noneMatch(t -> t.contains("2ηλ")), "no panel of its own: " + panels.keySet());
        Panel angle = panels.get("RMS angular update, layer 0");
        assertEquals(List.of("wd", "theory"), angle.curves().stream().map(Curve::label).toList());
        assertEquals(LineStyle.DASH_DOT, angle.curves().get(1).style());
        assertEquals(List.of(120.0, 150.0), angle.guides().stream().map(Guide::value).toList());
        assertEquals(List.of("equilibrium", ""), angle.guides().stream().map(g -> g.label().markup()).toList());
        assertTrue(panels.get("loss").guides().isEmpty(), "a hyperparameter change names no metric");
    }

    @Test
    void aRaceFolderGivesOneCurvePerRunInItsOwnColorAndTheThresholdDashed() throws IOException {
        RunMetrics.write(temp.resolve("a-sgd"), "sgd", STEPS, EVALUATE_EVERY, 0);
        RunMetrics.write(temp.resolve("b-adam"), "adam", STEPS, EVALUATE_EVERY, 0);
        RunFigures figures = RunFigures.read(temp);
        Map<String, Panel> panels = byTitle(figures.panels(Theme.PRINT));

        assertEquals(List.of("sgd", "adam"), figures.runs());
        Panel gradient = panels.get("gradient norm");
        assertEquals(List.of("sgd", "adam"), gradient.curves().stream().map(Curve::label).toList());
        assertNotEquals(gradient.curves().get(0).color(), gradient.curves().get(1).color());
        Panel sharpness = panels.get("λ_max(H)");
        assertEquals(List.of("sgd", "sgd upper end", "sgd threshold", "adam", "adam upper end", "adam threshold"),
                sharpness.curves().stream().map(Curve::label).toList(), "no experiment.json: no formula to name");
        assertEquals(LineStyle.DASHED, sharpness.curves().get(2).style());
        assertEquals(sharpness.curves().get(0).color(), sharpness.curves().get(2).color(), "a run keeps its color");
        assertEquals(4, panels.size(), "no panel of its own for the threshold or the error bound");
    }

    /**
     * Each threshold is labelled with the formula of its run's optimizer, read from the race's experiment.json (for a
     * race folder and for one run's folder in it), and each estimate keeps its interval: the upper end θ + b dotted.
     */
    @Test
    void thresholdsAreLabelledWithTheirRunsFormulaAndEstimatesKeepTheirBound() throws IOException {
        RunMetrics.write(temp.resolve("a"), "a", STEPS, EVALUATE_EVERY, 0);
        RunMetrics.write(temp.resolve("b"), "b", STEPS, EVALUATE_EVERY, 0);
        Files.writeString(temp.resolve("experiment.json"), """
                {"name": "race", "data": {"kind": "spirals"}, "network": {"hiddenWidths": [4]},
                 "training": {"steps": 10},
                 "runs": [{"name": "a", "optimizer": {"name": "nesterov"}},
                          {"name": "b", "optimizer": {"name": "momentum"}}]}""");
        Panel race = byTitle(RunFigures.read(temp).panels(Theme.PRINT)).get("λ_max(H)");
        assertEquals(List.of("a", "a upper end", "a (2+2μ)/((1+2μ)η)", "b", "b upper end", "b 2(1+μ)/η"),
                race.curves().stream().map(Curve::label).toList());
        Curve upper = race.curves().get(1);
        assertEquals(LineStyle.DOTTED, upper.style());
        for (int i = 0; i < upper.size(); i++) {
            assertEquals(RunMetrics.sharpness((int) upper.x(i)) + RunMetrics.BOUND, upper.y(i), 1e-12);
        }
        Panel one = byTitle(RunFigures.read(temp.resolve("a")).panels(Theme.PRINT)).get("λ_max(H)");
        assertEquals(List.of("a", "upper end", "(2+2μ)/((1+2μ)η)"), one.curves().stream().map(Curve::label).toList());
    }

    /** Steps of the trace measurements written by {@link #withTrace}. */
    private static final int TRACE_EVERY = 50;

    /** Hutchinson's trace estimate at {@code step} (negative at first, as at initialization) and its standard error. */
    private static double trace(int step) {
        return -19 + 0.4 * step;
    }

    private static double traceError(int step) {
        return 4 - 0.01 * step;
    }

    /**
     * Adds the trace every {@link #TRACE_EVERY} steps with its standard error, except at step 100 (no bar there), and
     * a standard error at step 25, where there is no trace (no value's bar).
     */
    private static Path withTrace(Path run, String name) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(run.resolve(RunFigures.METRICS_FILE)));
        for (int step = 0; step <= STEPS; step += TRACE_EVERY) {
            lines.add(name + "," + step + ",hessian.trace," + trace(step));
            if (step != 100) {
                lines.add(name + "," + step + ",hessian.trace_standard_error," + traceError(step));
            }
        }
        lines.add(name + ",25,hessian.trace_standard_error,1.0");
        Files.write(run.resolve(RunFigures.METRICS_FILE), lines);
        return run;
    }

    /**
     * The trace's standard error is no panel of its own: it is drawn on the trace's panel as error bars from
     * trace − SE to trace + SE at each step that has both, and the legend says what the bars are.
     */
    @Test
    void theTracesStandardErrorIsErrorBarsOnItsPanel() throws IOException {
        Path run = withTrace(RunMetrics.write(temp.resolve("sgd"), "sgd", STEPS, EVALUATE_EVERY, 0), "sgd");
        Map<String, Panel> panels = byTitle(RunFigures.read(run).panels(Theme.PRINT));

        assertEquals(List.of("loss", "accuracy", "gradient norm", "λ_max(H)", "tr(H)"), List.copyOf(panels.keySet()));
        Panel trace = panels.get("tr(H)");
        assertEquals(1, trace.bars().size());
        ErrorBars bars = trace.bars().get(0);
        assertEquals(trace.curves().get(0).color(), bars.color(), "the run's color");
        assertEquals(List.of(0.0, 50.0, 100.0, 150.0, 200.0), java.util.Arrays.stream(bars.x()).boxed().toList());
        for (int i = 0; i < bars.size(); i++) {
            int step = (int) bars.x(i);
            if (step == 100) {
                assertTrue(Double.isNaN(bars.low(i)) && Double.isNaN(bars.high(i)), "no standard error, no bar");
            } else {
                assertEquals(trace(step) - traceError(step), bars.low(i), 1e-12, "low end at step " + step);
                assertEquals(trace(step) + traceError(step), bars.high(i), 1e-12, "high end at step " + step);
            }
        }
        assertTrue(trace.legendEntries().contains(LegendEntry.bars("± 1 standard error", bars.color())),
                trace.legendEntries().toString());
    }

    /**
     * In a race every run's bars are in its color and one shared entry says what they are; every figure still lays
     * out cleanly.
     */
    @Test
    void aRacesTraceBarsAreOneLegendEntryAndLayOutCleanly() throws IOException {
        withTrace(RunMetrics.write(temp.resolve("a"), "a", STEPS, EVALUATE_EVERY, 0), "a");
        withTrace(RunMetrics.write(temp.resolve("b"), "b", STEPS, EVALUATE_EVERY, 0), "b");
        RunFigures figures = RunFigures.read(temp);
        Panel trace = byTitle(figures.panels(Theme.PRINT)).get("tr(H)");
        assertEquals(List.of(trace.curves().get(0).color(), trace.curves().get(1).color()),
                trace.bars().stream().map(ErrorBars::color).toList());
        assertEquals(List.of(LegendEntry.bars(RunFigures.STANDARD_ERROR_KEY, Theme.PRINT.ink())), trace.entries());
        for (Style.Width width : Style.Width.values()) {
            for (Figure figure : figures.figures(width, "SansSerif", 8)) {
                assertEquals(List.of(), FigureLayout.of(figure).problems(), figure.name() + " at " + width);
            }
        }
    }

    /**
     * The SVG as a reader sees it: at each step with a standard error, a vertical line in the run's color through
     * the trace's drawn point, reaching SE above and below it on the scale of the drawn curve itself.
     */
    @Test
    void theSvgDrawsEachBarThroughItsPointOnTheCurvesScale() throws Exception {
        Path run = withTrace(RunMetrics.write(temp.resolve("sgd"), "sgd", STEPS, EVALUATE_EVERY, 0), "sgd");
        Figure figure = RunFigures.read(run).figures(Style.Width.SINGLE_COLUMN, "SansSerif", 8).stream()
                .filter(f -> f.name().equals("hessian.trace")).findFirst().orElseThrow();
        Path svg = FigureFiles.write(figure, temp.resolve("figures"), List.of(Format.SVG), FigureFiles.DEFAULT_DPI)
                .get(0);
        Document document = SvgFile.parse(svg);
        String color = SvgFile.stroke(figure.panels().get(0).curves().get(0).color());

        // The curve's drawn points, one per measurement: "M x y L x y …".
        List<Element> paths = SvgFile.elements(document, "path").stream()
                .filter(p -> color.equals(SvgFile.stroke(p))).toList();
        assertEquals(1, paths.size());
        double[] points = java.util.Arrays.stream(paths.get(0).getAttribute("d").split("[MLZ ,]+"))
                .filter(t -> !t.isEmpty()).mapToDouble(Double::parseDouble).toArray();
        assertEquals(2 * (STEPS / TRACE_EVERY + 1), points.length);
        double pointsPerUnit = (points[1] - points[3]) / (trace(TRACE_EVERY) - trace(0));
        List<double[]> stems = new java.util.ArrayList<>();
        for (Element line : SvgFile.elements(document, "line")) {
            double[] xy = {number(line, "x1"), number(line, "y1"), number(line, "x2"), number(line, "y2")};
            if (color.equals(SvgFile.stroke(line)) && Math.abs(xy[0] - xy[2]) < SVG_TOLERANCE) {
                stems.add(xy);
            }
        }
        int bars = 0;
        for (int i = 0; i < points.length / 2; i++) {
            int step = i * TRACE_EVERY;
            double x = points[2 * i];
            double y = points[2 * i + 1];
            List<double[]> at = stems.stream().filter(xy -> Math.abs(xy[0] - x) < SVG_TOLERANCE).toList();
            if (step == 100) {
                assertEquals(List.of(), at, "no standard error at step 100, no bar");
                continue;
            }
            assertEquals(1, at.size(), "one bar at step " + step);
            double[] stem = at.get(0);
            double half = traceError(step) * pointsPerUnit;
            assertEquals(y + half, Math.max(stem[1], stem[3]), SVG_TOLERANCE, "low end at step " + step);
            assertEquals(y - half, Math.min(stem[1], stem[3]), SVG_TOLERANCE, "high end at step " + step);
            bars++;
        }
        assertEquals(STEPS / TRACE_EVERY, bars);
        assertEquals(bars + 1, stems.size(), "the bars and the legend's sample: " + stems.size());
    }

    /** Batik writes coordinates with a few decimals. */
    private static final double SVG_TOLERANCE = 0.01;

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    @Test
    void aDivergedRunEndsThereAndSaysSo() throws IOException {
        int divergedAt = 37;
        Path run = RunMetrics.write(temp.resolve("sgd"), "sgd", STEPS, EVALUATE_EVERY, divergedAt);
        Panel gradient = byTitle(RunFigures.read(run).panels(Theme.PRINT)).get("gradient norm");

        Curve curve = gradient.curves().get(0);
        assertEquals("sgd (diverged at 37)", curve.label());
        assertEquals(divergedAt + 1, curve.size());
        assertTrue(Double.isInfinite(curve.y(divergedAt)));
    }

    @Test
    void figuresAreOnePerPanelAndAnOverview() throws IOException {
        Path run = RunMetrics.write(temp.resolve("sgd"), "sgd", STEPS, EVALUATE_EVERY, 0);
        List<Figure> figures = RunFigures.read(run).figures(Style.Width.DOUBLE_COLUMN, "Serif", 9);

        assertEquals(List.of("loss", "accuracy", "gradient-norm", "hessian.top-eig", "overview"),
                figures.stream().map(Figure::name).toList());
        Figure overview = figures.get(4);
        assertEquals(2, overview.columns());
        assertEquals(4, overview.panels().size());
        assertEquals(6.75, overview.style().widthInches());
        assertEquals("Serif", overview.style().fontFamily());
    }

    /**
     * A race's figures share one legend of its runs; the thresholds are one entry ("dashed: each run's 2(1+μ)/η"
     * when the runs share the formula, else "…threshold (after its name)" with each run's formula in its entry); and
     * every figure, at every page width, lays out with no overlapping text, nothing off the page, no legend on a plot.
     */
    @Test
    void aRacesFiguresShareOneLegendWithOneThresholdEntryAndLayOutCleanly() throws IOException {
        RunMetrics.write(temp.resolve("a"), "a", STEPS, EVALUATE_EVERY, 0);
        RunMetrics.write(temp.resolve("b"), "b", STEPS, EVALUATE_EVERY, 0);
        RunMetrics.write(temp.resolve("c"), "c", STEPS, EVALUATE_EVERY, 41);
        writeExperiment("momentum", "momentum", "momentum");
        for (Style.Width width : Style.Width.values()) {
            for (Figure figure : RunFigures.read(temp).figures(width, "SansSerif", 8)) {
                FigureLayout layout = FigureLayout.of(figure);
                assertEquals(List.of(), layout.problems(), figure.name() + " at " + width);
                assertEquals(List.of("a", "b", "c (diverged at 41)"), layout.sharedLegendTexts().subList(0, 3));
            }
            for (Figure figure : RunFigures.read(temp.resolve("a")).figures(width, "Serif", 10)) {
                assertEquals(List.of(), FigureLayout.of(figure).problems(),
                        "run a's " + figure.name() + " at " + width);
            }
        }
        Figure overview = RunFigures.read(temp).figures(Style.Width.SINGLE_COLUMN, "SansSerif", 8).get(4);
        List<String> texts = FigureLayout.of(overview).texts().stream().map(FigureLayout.Text::text).toList();
        assertEquals(1, texts.stream().filter(t -> t.contains("2(1+μ)/η")).count(), texts.toString());
        assertTrue(texts.contains("dashed: each run's 2(1+μ)/η"), texts.toString());

        writeExperiment("momentum", "nesterov", "momentum");
        List<String> mixed = FigureLayout.of(RunFigures.read(temp).figures(Style.Width.DOUBLE_COLUMN, "SansSerif", 8)
                .get(4)).texts().stream().map(FigureLayout.Text::text).toList();
        assertTrue(mixed.contains("dashed: each run's threshold (after its name)"), mixed.toString());
        assertTrue(mixed.contains("b, (2+2μ)/((1+2μ)η)"), mixed.toString());
    }

    @Test
    void theTableHoldsEachRunsFinalAndBestMetricsAndItsDivergence() throws IOException {
        RunMetrics.write(temp.resolve("a"), "a", STEPS, EVALUATE_EVERY, 0);
        RunMetrics.write(temp.resolve("b"), "b", STEPS, EVALUATE_EVERY, 41);
        String tex = RunFigures.read(temp).finalMetricsTable();
        List<String> body = tex.substring(tex.indexOf("\\midrule") + 9, tex.indexOf("\\bottomrule")).lines().toList();
        assertEquals(2, body.size());
        String header = tex.lines().filter(l -> l.startsWith("run &")).findFirst().orElseThrow();
        assertEquals(10, header.split(" & ").length, header);
        assertTrue(header.contains("final probe accuracy (\\%)"), header);
        List<String> a = List.of(body.get(0).replace(" \\\\", "").split(" & "));
        double finalLoss = RunMetrics.trainLoss(STEPS, "probe");
        assertEquals("$" + org.normlab.sim.figure.BooktabsTable.number(finalLoss, 3) + "$", a.get(1));
        assertEquals("--", a.get(9), "a did not diverge");
        assertTrue(body.get(1).startsWith("b & -- & --"), "b diverged before any evaluation: " + body.get(1));
        assertTrue(body.get(1).endsWith("& $41$ \\\\"), body.get(1));
    }

    private void writeExperiment(String a, String b, String c) throws IOException {
        Files.writeString(temp.resolve("experiment.json"), """
                {"name": "race", "data": {"kind": "spirals"}, "network": {"hiddenWidths": [4]},
                 "training": {"steps": 10},
                 "runs": [{"name": "a", "optimizer": {"name": "%s"}}, {"name": "b", "optimizer": {"name": "%s"}},
                          {"name": "c", "optimizer": {"name": "%s"}}]}""".formatted(a, b, c));
    }

    @Test
    void aMalformedLineIsNamedWithItsFileAndNumber() throws IOException {
        Path run = RunMetrics.write(temp.resolve("sgd"), "sgd", STEPS, EVALUATE_EVERY, 0);
        Path metrics = run.resolve(RunFigures.METRICS_FILE);
        List<String> lines = Files.readAllLines(metrics);
        lines.set(5, "sgd,4,train.loss,lots");
        Files.write(metrics, lines);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunFigures.read(run));
        assertTrue(e.getMessage().startsWith(metrics + ": line 6 "), e.getMessage());
    }

    @Test
    void aFolderWithoutMetricsIsRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunFigures.read(temp));
        assertTrue(e.getMessage().contains(temp.toString()) && e.getMessage().contains("metrics.csv"),
                e.getMessage());
    }

    private static Map<String, Panel> byTitle(List<Panel> panels) {
        return panels.stream().collect(Collectors.toMap(p -> p.title().markup(), Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
