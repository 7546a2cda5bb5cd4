package org.normlab.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normlab.app.NormLabApp;
import org.normlab.app.chart.ChartSpec;
import org.normlab.app.session.FakeRun;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureLayout;
import org.normlab.sim.figure.Style;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.series.Quantity;

/**
 * Every preset's dashboard, and each of its charts alone (value axis linear and logarithmic), exported at every page
 * width and at 8 and 10 pt: no two texts overlap, none leaves the page, no legend lies on a plot
 * ({@link FigureLayout#problems}, the layout SVG, PDF, PNG and pgfplots are written from). The series are synthetic
 * but the presets' own: each preset's runs (names, optimizers, so each run's threshold formula), its step count, the
 * dashboard's series ids, ranges like a race's (losses over three decades, accuracies, weight norms growing a
 * hundredfold, effective learning rates falling a thousandfold, sharpness rising to thresholds of 2/η), and in a race
 * of several runs one that diverged (its legend entry says when). A preset that measures per-layer curvature adds its
 * charts, the trace's with its standard error's bars.
 */
class PresetFiguresTest {
    private static final int POINTS = 300;

    static Stream<Path> presets() throws IOException {
        Path folder = Path.of(System.getProperty(NormLabApp.ASSETS_PROPERTY, "../assets"), "presets");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> presets = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertTrue(presets.size() >= 10, "the presets in " + folder);
            return presets.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void theDashboardAndEveryChartLayOutCleanlyAtEverySize(Path preset) {
        Experiment experiment = ExperimentFile.read(preset);
        List<ChartSpec> specs = specs(experiment);
        List<RaceRun> runs = runs(experiment, specs);
        boolean bars = specs.stream().anyMatch(spec -> spec.spreadId() != null);
        for (Style.Width width : Style.Width.values()) {
            for (double fontSize : new double[] {8, 10}) {
                String where = preset.getFileName() + " at " + width + ", " + fontSize + " pt";
                Figure dashboard = LabFigures.dashboard(specs, specs.stream().map(ChartSpec::logScale).toList(), runs,
                        width);
                FigureLayout layout = FigureLayout.of(styled(dashboard, fontSize));
                assertEquals(List.of(), layout.problems(), "dashboard of " + where);
                List<String> legend = layout.sharedLegendTexts();
                assertEquals(runs.size() + 2 + (bars ? 1 : 0), legend.size(), "one entry per run, one for all "
                        + "thresholds, one for all intervals' upper ends (and one for all error bars): " + legend);
                assertEquals(1, legend.stream().filter(t -> t.startsWith("dashed: each run's")).count(), where);
                for (ChartSpec spec : specs) {
                    for (boolean log : new boolean[] {false, true}) {
                        Figure chart = LabFigures.chart(spec, log, runs, width);
                        assertEquals(List.of(), FigureLayout.of(styled(chart, fontSize)).problems(),
                                spec.title() + (log ? " (log)" : "") + " of " + where);
                    }
                }
            }
        }
    }

    private static Figure styled(Figure figure, double fontSize) {
        return figure.withStyle(figure.style().withFont("SansSerif", fontSize));
    }

    /** The lab's charts of the preset's race: the diagnostics, and the per-layer curvature's if it measures it. */
    private static List<ChartSpec> specs(Experiment experiment) {
        List<ChartSpec> specs = new ArrayList<>(ChartSpec.diagnostics());
        if (experiment.probes().families().contains(Probes.Family.LAYER_CURVATURE)) {
            Set<String> ids = new HashSet<>(Set.of(Quantity.HESSIAN_TRACE.id()));
            for (int l = 0; l <= experiment.network().hiddenWidths().size(); l++) {
                ids.add(Quantity.LAYER_SHARPNESS.layer(l));
                ids.add(Quantity.LAYER_TRACE.layer(l));
            }
            specs.addAll(ChartSpec.layerCurvature(ids));
        }
        return specs;
    }

    private static List<RaceRun> runs(Experiment experiment, List<ChartSpec> specs) {
        int steps = experiment.training().steps();
        List<Experiment.RunSetup> setups = experiment.runs();
        List<RaceRun> runs = new ArrayList<>();
        for (int r = 0; r < setups.size(); r++) {
            boolean diverges = setups.size() > 1 && r == setups.size() - 1;
            long last = diverges ? Math.max(1, steps * 3L / 5) : steps;
            Map<String, PointSeries> series = series(specs, r, last, steps);
            RunStatus status = new RunStatus(diverges ? RunStatus.State.DIVERGED : RunStatus.State.FINISHED, last,
                    diverges ? last : 0, Double.NaN, 0, "");
            runs.add(new FakeRun(setups.get(r).name(), r, series, () -> status).withSetup(setups.get(r)));
        }
        return runs;
    }

    /** Run {@code r}'s series of every chart up to step {@code last} of {@code steps}. */
    private static Map<String, PointSeries> series(List<ChartSpec> specs, int r, long last, int steps) {
        Map<String, PointSeries> series = new HashMap<>();
        double threshold = 200.0 / (r + 1);
        for (int c = 0; c < specs.size(); c++) {
            ChartSpec spec = specs.get(c);
            PointSeries values = new PointSeries();
            PointSeries bounds = new PointSeries();
            PointSeries thresholds = new PointSeries();
            PointSeries errors = new PointSeries();
            int points = spec.sparse() ? Math.min(POINTS / 10, steps + 1) : Math.min(POINTS, steps + 1);
            for (int i = 0; i < points; i++) {
                long step = Math.round((double) i * steps / Math.max(points - 1, 1));
                if (step > last) {
                    break;
                }
                double t = (double) step / steps;
                values.append(step, value(c, t, r, threshold));
                errors.append(step, 0.1 * value(c, t, r, threshold));
                bounds.append(step, 0.05 * threshold);
                thresholds.append(step, threshold);
            }
            series.put(spec.seriesId(), values);
            if (spec.boundId() != null) {
                series.put(spec.boundId(), bounds);
            }
            if (spec.thresholdId() != null) {
                series.put(spec.thresholdId(), thresholds);
            }
            if (spec.spreadId() != null) {
                series.put(spec.spreadId(), errors);
            }
        }
        return series;
    }

    /** Chart {@code c}'s value at the fraction {@code t} of the race, for run {@code r}. */
    private static double value(int c, double t, int r, double threshold) {
        return switch (c) {
            case 0 -> 2.3 * Math.exp(-7 * t * (1 + 0.2 * r)) + 1e-3;
            case 1 -> 0.1 + 0.88 * (1 - Math.exp(-4 * t)) - 0.02 * r;
            case 2 -> 12 * (1 + 100 * t * (r + 1));
            case 3 -> 0.1 / (1 + 1000 * t * (r + 1));
            case 4 -> 0.5 + 0.4 * Math.sin(10 * t + r);
            default -> threshold * (1 - Math.exp(-5 * t)) * (1 + 0.05 * Math.sin(40 * t)) + 1e-3;
        };
    }
}
