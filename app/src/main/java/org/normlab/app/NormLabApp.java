package org.normlab.app;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The NormLab window. It opens on a running experiment: SGD training a batch-normalized MLP on two spirals, its
 * loss drawn live.
 *
 * <p>Three threads: training steps on its own thread and appends to a series; a feeder thread copies thinned series
 * into the chart at {@value #CHART_TICKS_PER_SECOND} Hz; the FX thread polls the series for the status line.
 */
public final class NormLabApp extends Application {
    private static final long SEED = 1;
    private static final int CHART_TICKS_PER_SECOND = 20;
    private static final int MAX_POINTS_PER_SERIES = 1024;
    private static final Duration STATUS_PERIOD = Duration.millis(100);

    private TrainingLoop training;
    private ChartFeeder feeder;
    private Timeline statusRefresh;

    @Override
    public void start(Stage stage) {
        SgdExperiment experiment = SgdExperiment.spirals(SEED);
        training = new TrainingLoop(experiment);
        LabViewModel model = new LabViewModel();
        model.playingProperty().addListener((property, was, playing) -> training.setPaused(!playing));

        LiveChart lossChart = new LiveChart("Training loss", "step", "minibatch loss");
        lossChart.logScaleProperty().bind(model.logScaleProperty());
        feeder = new ChartFeeder(MAX_POINTS_PER_SERIES);
        feeder.connect(training.loss(), lossChart.addSeries("SGD η = " + experiment.learningRate()));

        statusRefresh = new Timeline(new KeyFrame(STATUS_PERIOD, event -> showProgress(model)));
        statusRefresh.setCycleCount(Timeline.INDEFINITE);

        Scene scene = new Scene(new LabView(model, lossChart), 960, 640);
        scene.getStylesheets().add(NormLabApp.class.getResource("lab.css").toExternalForm());
        stage.setTitle("NormLab");
        stage.setScene(scene);
        stage.show();

        training.start();
        feeder.start(CHART_TICKS_PER_SECOND);
        statusRefresh.play();
    }

    private void showProgress(LabViewModel model) {
        Throwable failure = training.failure();
        if (failure != null) {
            model.fail(failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName());
            statusRefresh.stop();
            return;
        }
        PointSeries loss = training.loss();
        int steps = loss.size();
        if (steps > 0) {
            model.update(steps, loss.y(steps - 1), System.nanoTime());
        }
    }

    @Override
    public void stop() throws InterruptedException {
        statusRefresh.stop();
        feeder.close();
        training.stop();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
