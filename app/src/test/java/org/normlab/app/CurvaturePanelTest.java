package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.app.curvature.CurvaturePanel;
import org.normlab.app.export.ExportSettings;
import org.normlab.app.session.NetworkSnapshot;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceSetup;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.curvature.CurvatureSurvey;
import org.normlab.sim.curvature.SurveyFiles;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureFiles;
import org.normlab.sim.linalg.SpectralDensity;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.report.CurvatureFigures;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.series.Quantity;
import org.normlab.sim.run.OptimizerSetup.Recipe;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The curvature panel in the real window, headless: "Measure now" on a tiny race pauses it and draws what the engine's
 * {@link CurvatureSurvey} measures on the paused run's weights, and its figure exports.
 */
class CurvaturePanelTest extends LabWindow {
    private static final double LEARNING_RATE = 0.1;
    private static final int EVALUATE_EVERY = 10;
    private static final RaceSetup RACE = new RaceSetup("tiny", "One small run.",
            DataSpec.defaults(DataKind.SPIRALS).withSize(100),
            RaceSetup.network(List.of(4), Activation.RELU, Normalization.BATCH_NORM),
            new Experiment.Training(1_000_000, 16, 1), new Experiment.ProbeSetup(40, 1),
            new Experiment.ProbesSetup(List.of(), BatchNormMode.TRAIN, 0, 0, 0, Lanczos.DEFAULT_TOLERANCE),
            EVALUATE_EVERY, List.of(RaceSetup.run("sgd", Recipe.SGD, LEARNING_RATE)));

    @Override
    protected RaceSetup race() {
        return RACE;
    }

    @Test
    void measureNowDrawsTheSurveyOfThePausedRunAndExportsIt(@TempDir Path folder) throws Exception {
        Await.until("sgd steps", () -> steps() > 0);
        CurvaturePanel panel = fx(() -> robot.lookup("#curvature").queryAs(CurvaturePanel.class));
        fx(() -> {
            panel.setExpanded(true);
            return null;
        });
        assertTrue(fx(() -> app.model().playingProperty().get()), "the race plays before");
        fx(() -> {
            robot.lookup("#measureCurvature").queryAs(Button.class).fire();
            return null;
        });
        Await.until("the panel draws a measurement", () -> fx(() -> panel.measuredProperty().get()) != null);
        assertTrue(!fx(() -> app.model().playingProperty().get()), "Measure now paused the race");
        CurvaturePanel.Measured measured = fx(() -> panel.measuredProperty().get());
        NetworkSnapshot snapshot = measured.snapshot();
        assertEquals(steps(), snapshot.step(), "measured at the step the run paused at");

        // The panel asks only for what it draws ...
        CurvatureSurvey.Result drawn = measured.result();
        assertTrue(drawn.fisherTop().isEmpty() && drawn.fisherDensity().isEmpty() && drawn.layers().isEmpty()
                && drawn.plane().isEmpty(), "no Fisher, per-tensor blocks or plane measured");
        // ... and draws the engine's full survey (every part but the dense spectra), on this thread, of the same copy,
        // in double precision: leaving parts out changes none of the numbers drawn.
        CurvatureSurvey.Settings light = CurvaturePanel.settings(snapshot);
        CurvatureSurvey.Result reference = CurvatureSurvey.measure(snapshot.network(), snapshot.probeSet(),
                snapshot.mode(), new CurvatureSurvey.Settings(light.topK(), light.probes(), light.quadratureSteps(),
                        light.maxSteps(), light.tolerance(), light.batchSize(), light.slicePoints(),
                        light.planeRadius(), light.plane(), CurvatureSurvey.Part.estimates(), light.seed()));
        assertTrue(reference.fisherDensity().isPresent() && !reference.layers().isEmpty()
                && reference.plane().isPresent(), "the full survey has every part");
        SpectralDensity density = reference.hessianDensity();
        double sigma = density.sigma(SurveyFiles.DEFAULT_SIGMA);
        double[] t = density.grid(SurveyFiles.DENSITY_POINTS, sigma);
        double[] phi = density.density(t, sigma);
        double floor = Arrays.stream(phi).max().orElseThrow() * CurvatureFigures.DENSITY_FLOOR;
        List<XYChart.Series<Number, Number>> spectrum = fx(() -> List.copyOf(panel.spectrumSeries()));
        assertEquals(1, spectrum.size());
        assertEquals(t.length, spectrum.get(0).getData().size());
        for (int i = 0; i < t.length; i++) {
            XYChart.Data<Number, Number> point = spectrum.get(0).getData().get(i);
            assertEquals(t[i], point.getXValue().doubleValue(), 0);
            assertEquals(Math.log10(Math.max(phi[i], floor)), point.getYValue().doubleValue(), 0);
        }

        CurvatureSurvey.Line line = reference.line();
        List<XYChart.Series<Number, Number>> slice = fx(() -> List.copyOf(panel.sliceSeries()));
        assertEquals(List.of("loss", "L + ½λa²", "L + ½(2/η)a²"), slice.stream().map(XYChart.Series::getName).toList());
        assertTrue(line.curvature() > 0, "a trained BN net has positive λ_max, was " + line.curvature());
        for (int i = 0; i < line.offsets().length; i++) {
            double a = line.offsets()[i];
            assertEquals(a, slice.get(0).getData().get(i).getXValue().doubleValue(), 0);
            assertEquals(line.losses()[i], slice.get(0).getData().get(i).getYValue().doubleValue(), 0);
            assertEquals(line.lossAtOrigin() + 0.5 * line.curvature() * a * a,
                    slice.get(1).getData().get(i).getYValue().doubleValue(), 1e-12);
            // GD's threshold is 2/η.
            assertEquals(line.lossAtOrigin() + 0.5 * (2 / LEARNING_RATE) * a * a,
                    slice.get(2).getData().get(i).getYValue().doubleValue(), 1e-12);
        }
        // The loss at the middle offset (a = 0) is the loss at the weights themselves.
        assertEquals(line.lossAtOrigin(), line.losses()[line.offsets().length / 2], 1e-12);

        ExportSettings settings = ExportSettings.defaults(folder);
        Figure figure = fx(() -> panel.figure(settings));
        assertEquals(2, figure.panels().size(), "the spectrum and the slice");
        List<Path> files = FigureFiles.write(figure, folder, settings.formats(), settings.dpi());
        assertEquals(settings.formats().size(), files.size());
        for (Path file : files) {
            assertTrue(Files.size(file) > 0, file + " is empty");
            assertTrue(file.getFileName().toString().startsWith("curvature-sgd-" + snapshot.step() + "-"), file
                    .toString());
        }
    }

    /**
     * The copy the panel measures holds the run's weights and BatchNorm statistics: at a step where the run evaluated
     * itself, the copy's probe-set loss (eval-mode BatchNorm, so the running statistics count) is the recorded one.
     */
    @Test
    void theMeasuredCopyIsTheRunsNetworkAtThePause() throws Exception {
        Await.until("sgd steps", () -> steps() > 0);
        fx(() -> {
            app.model().togglePlaying();
            return null;
        });
        Await.until("sgd pauses", () -> fx(() -> app.model().raceProperty().get().get(0).status().state())
                == RunStatus.State.PAUSED);
        long target = (steps() / EVALUATE_EVERY + 2) * EVALUATE_EVERY;
        fx(() -> {
            app.model().runTo(target);
            return null;
        });
        Await.until("sgd pauses at step " + target, () -> steps() == target);
        CurvaturePanel panel = fx(() -> robot.lookup("#curvature").queryAs(CurvaturePanel.class));
        fx(() -> {
            robot.lookup("#measureCurvature").queryAs(Button.class).fire();
            return null;
        });
        Await.until("the panel draws a measurement", () -> fx(() -> panel.measuredProperty().get()) != null);
        NetworkSnapshot snapshot = fx(() -> panel.measuredProperty().get()).snapshot();
        assertEquals(target, snapshot.step());
        PointSeries recorded = fx(() -> app.model().raceProperty().get().get(0).series(Quantity.PROBE_LOSS.id())
                .orElseThrow());
        int last = recorded.size() - 1;
        assertEquals(target, recorded.x(last), 0, "the run evaluated itself at the pause");
        double copied = snapshot.network().evaluate(snapshot.probeSet(), BatchNormMode.EVAL).loss();
        assertEquals(recorded.y(last), copied, 1e-12);
    }

    private long steps() throws Exception {
        return fx(() -> app.model().raceProperty().get().get(0).status().steps());
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(Await.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
