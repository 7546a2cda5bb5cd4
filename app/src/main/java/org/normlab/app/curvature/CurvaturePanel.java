package org.normlab.app.curvature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.normlab.app.export.ExportSettings;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.session.NetworkSnapshot;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.curvature.CurvatureSurvey;
import org.normlab.sim.curvature.SurveyFiles;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureFiles;
import org.normlab.sim.linalg.SpectralDensity;
import org.normlab.sim.report.CurvatureFigures;

/**
 * The lab's curvature panel (sim/docs/math.md §9), collapsed by default: "Measure now" pauses the race if it plays,
 * then, for the chosen run, measures the {@link CurvatureSurvey} of its weights at the pause on a worker thread — on
 * the run's {@link NetworkSnapshot}, a copy taken on the run's thread — and draws the Hessian's SLQ spectral density
 * (log₁₀ of the density) and the loss along the top eigenvector beside the quadratic {@code L + ½λa²} and the
 * stability threshold's {@code L + ½(2/η)a²}. "Export…" writes both as one figure through the lab's export, built by
 * {@link CurvatureFigures} from the survey's files.
 */
public final class CurvaturePanel extends TitledPane {
    /** A light survey: the panel shows the top eigenvector's slice and the Hessian's density, not the top-k. */
    private static final int PROBES = 4;
    private static final int QUADRATURE_STEPS = 40;
    private static final int MAX_STEPS = 300;
    private static final int SLICE_POINTS = 21;
    /** Unused (the panel asks for no plane), but the settings validate it. */
    private static final double PLANE_RADIUS = 1;

    /** One measurement: the copy it was taken of, the survey, and the folder of its files (for the export). */
    public record Measured(NetworkSnapshot snapshot, CurvatureSurvey.Result result, Path folder) {
    }

    private final LabViewModel model;
    private final ChoiceBox<String> run = new ChoiceBox<>();
    private final Button measure = new Button("Measure now");
    private final Button export = new Button("Export…");
    private final ProgressIndicator progress = new ProgressIndicator(-1);
    private final Label status = new Label("pauses the race, then measures the chosen run at its current weights");
    private final LineChart<Number, Number> spectrum = chart("eigenvalue", "log₁₀ density (SLQ)");
    private final LineChart<Number, Number> slice = chart("a (unit top eigenvector)", "loss");
    private final ObjectProperty<Measured> measured = new SimpleObjectProperty<>();
    private boolean busy;

    /** @param exporter asks for the export settings and writes the figure a function of them builds */
    public CurvaturePanel(LabViewModel model, Exporter exporter) {
        this.model = model;
        setText("Curvature");
        setId("curvature");
        setExpanded(false);
        run.setId("curvatureRun");
        measure.setId("measureCurvature");
        export.setId("exportCurvature");
        progress.setVisible(false);
        progress.setPrefSize(18, 18);
        export.disableProperty().bind(measured.isNull());
        model.raceProperty().addListener((property, old, runs) -> chooseFrom(runs));
        chooseFrom(model.raceProperty().get());
        measure.setOnAction(event -> measureNow());
        export.setOnAction(event -> exporter.ask(measured.get(), this::figure));
        spectrum.setTitle("Hessian spectral density");
        slice.setTitle("loss along the top eigenvector");
        HBox controls = new HBox(6, run, measure, progress, export, status);
        HBox charts = new HBox(6, spectrum, slice);
        HBox.setHgrow(spectrum, Priority.ALWAYS);
        HBox.setHgrow(slice, Priority.ALWAYS);
        charts.setPrefHeight(260);
        setContent(new VBox(6, controls, charts));
    }

    /** How the panel hands its figure to the lab's export. */
    @FunctionalInterface
    public interface Exporter {
        void ask(Measured what, Function<ExportSettings, Figure> figure);
    }

    /** The latest measurement, null before the first. */
    public ObjectProperty<Measured> measuredProperty() {
        return measured;
    }

    /** The drawn density: one series. */
    public List<XYChart.Series<Number, Number>> spectrumSeries() {
        return spectrum.getData();
    }

    /** The drawn slice: the loss, the quadratic, and (where the step rule has one) the threshold's quadratic. */
    public List<XYChart.Series<Number, Number>> sliceSeries() {
        return slice.getData();
    }

    /**
     * The survey's settings for a run's copy: its experiment's tolerance and probe seed, and only what the panel
     * draws (the Hessian's top eigenpair, density and line slice; no Fisher, per-tensor blocks or plane).
     */
    public static CurvatureSurvey.Settings settings(NetworkSnapshot snapshot) {
        return new CurvatureSurvey.Settings(1, PROBES, QUADRATURE_STEPS, MAX_STEPS, snapshot.tolerance(), 0,
                SLICE_POINTS, PLANE_RADIUS, CurvatureSurvey.Plane.RANDOM, Set.of(), snapshot.seed());
    }

    /** The spectrum and the slice as one figure of two panels, from the survey's files. */
    public Figure figure(ExportSettings settings) {
        Measured m = measured.get();
        String prefix = "curvature-" + m.snapshot().run() + "-" + m.snapshot().step() + "-";
        List<Figure> all = CurvatureFigures.of(m.folder(), prefix, settings.width(), settings.font(),
                settings.fontSize());
        Figure spectrumFigure = named(all, prefix + CurvatureFigures.SPECTRUM);
        return new Figure(prefix + "spectrum-slice", List.of(spectrumFigure.panels().get(0),
                named(all, prefix + CurvatureFigures.SLICE).panels().get(0)), 2, spectrumFigure.style());
    }

    private static Figure named(List<Figure> figures, String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private void chooseFrom(List<RaceRun> runs) {
        String chosen = run.getValue();
        run.getItems().setAll(runs.stream().map(RaceRun::name).toList());
        run.setValue(run.getItems().contains(chosen) ? chosen : run.getItems().isEmpty() ? null : run.getItems().get(0));
    }

    private void measureNow() {
        String name = run.getValue();
        Optional<RaceRun> chosen = model.raceProperty().get().stream().filter(r -> r.name().equals(name)).findFirst();
        if (busy || chosen.isEmpty()) {
            return;
        }
        if (model.playingProperty().get()) {
            model.togglePlaying();
        }
        busy = true;
        measure.setDisable(true);
        progress.setVisible(true);
        status.setText("measuring " + name + " …");
        Runnable done = model.working("curvature of " + name);
        RaceRun target = chosen.get();
        Thread worker = new Thread(() -> {
            try {
                Measured m = measure(awaitStop(target));
                Platform.runLater(() -> finish(done, () -> show(m)));
            } catch (RuntimeException e) {
                String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                Platform.runLater(() -> finish(done, () -> {
                    status.setText("not measured: " + why);
                    model.problem("curvature of " + name + ": " + why);
                }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "curvature-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * The run's copy once it has stopped: pausing takes effect after the step in flight, and the run's thread copies
     * its network when it stops. The wait is on the run, never on a clock's verdict.
     */
    private static NetworkSnapshot awaitStop(RaceRun run) throws InterruptedException {
        while (true) {
            RunStatus now = run.status();
            Optional<NetworkSnapshot> copy = run.snapshot();
            if (copy.isPresent() && copy.get().step() == now.steps() && now.state() != RunStatus.State.RUNNING) {
                return copy.get();
            }
            if (now.state() == RunStatus.State.DIVERGED || now.state() == RunStatus.State.FAILED) {
                throw new IllegalStateException("run " + run.name() + " has " + now.state().name().toLowerCase()
                        + "; its weights are not finite");
            }
            Thread.sleep(20);
        }
    }

    /** The survey of {@code snapshot} on this thread, its files written to a fresh temporary folder. */
    static Measured measure(NetworkSnapshot snapshot) {
        CurvatureSurvey.Result result = CurvatureSurvey.measure(snapshot.network(), snapshot.probeSet(),
                snapshot.mode(), settings(snapshot));
        try {
            Path folder = Files.createTempDirectory("normlab-curvature-");
            for (Map.Entry<String, String> file : SurveyFiles.of(result, SurveyFiles.DEFAULT_SIGMA,
                    snapshot.stabilityThreshold()).entrySet()) {
                Path written = folder.resolve(file.getKey());
                FigureFiles.writeText(written, file.getValue());
                written.toFile().deleteOnExit();
            }
            folder.toFile().deleteOnExit();
            return new Measured(snapshot, result, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the survey's files: " + e.getMessage(), e);
        }
    }

    private void finish(Runnable done, Runnable outcome) {
        done.run();
        busy = false;
        measure.setDisable(false);
        progress.setVisible(false);
        outcome.run();
    }

    private void show(Measured m) {
        SpectralDensity density = m.result().hessianDensity();
        double sigma = density.sigma(SurveyFiles.DEFAULT_SIGMA);
        double[] t = density.grid(SurveyFiles.DENSITY_POINTS, sigma);
        double[] phi = density.density(t, sigma);
        double floor = Arrays.stream(phi).max().orElse(0) * CurvatureFigures.DENSITY_FLOOR;
        double[] logDensity = Arrays.stream(phi).map(d -> Math.log10(Math.max(d, floor))).toArray();
        spectrum.getData().setAll(List.of(series("Hessian", t, logDensity)));
        CurvatureSurvey.Line line = m.result().line();
        double[] a = line.offsets();
        List<XYChart.Series<Number, Number>> curves = new ArrayList<>(List.of(
                series("loss", a, line.losses()),
                series("L + ½λa²", a, quadratic(line, a, line.curvature()))));
        m.snapshot().stabilityThreshold().ifPresent(threshold ->
                curves.add(series("L + ½(2/η)a²", a, quadratic(line, a, threshold))));
        slice.getData().setAll(curves);
        status.setText(String.format(Locale.ROOT, "%s at step %d: λ_max = %.4g, tr(H) ≈ %.4g",
                m.snapshot().run(), m.snapshot().step(), line.curvature(), density.traceOfPower(1).mean()));
        measured.set(m);
    }

    private static double[] quadratic(CurvatureSurvey.Line line, double[] a, double curvature) {
        return Arrays.stream(a).map(x -> line.lossAtOrigin() + 0.5 * curvature * x * x).toArray();
    }

    private static XYChart.Series<Number, Number> series(String name, double[] x, double[] y) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (int i = 0; i < x.length; i++) {
            s.getData().add(new XYChart.Data<>(x[i], y[i]));
        }
        return s;
    }

    private static LineChart<Number, Number> chart(String x, String y) {
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(x);
        xAxis.setForceZeroInRange(false);
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(y);
        yAxis.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        return chart;
    }
}
