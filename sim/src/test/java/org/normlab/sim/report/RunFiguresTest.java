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
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureLayout;
import org.normlab.sim.figure.LineStyle;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Scale;
import org.normlab.sim.figure.Style;
import org.normlab.sim.figure.Theme;
import org.normlab.sim.run.InvalidInputException;

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
