package org.normlab.app.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.normlab.app.model.Palette;
import org.normlab.sim.report.SweepFigures;

/**
 * A sweep's learning-rate figure in the lab: the final probe loss against the learning rate, both on log scales, one
 * color per setting (optimizer) in the figures' palette — the numbers of {@code sweep-final-loss}
 * ({@link SweepFigures#finalLoss}): the median over seeds solid, the minimum and maximum dotted — and a point per
 * trial, which a click opens. A diverged trial (infinite loss) has no point; the note under the chart counts them.
 */
public final class SweepView extends BorderPane {
    /** The key of a trial's folder in its point's properties (the chart resets its points' style classes). */
    private static final String TRIAL = "sweep-trial";

    public SweepView(SweepFigures sweep, Consumer<Path> openTrial) {
        NumberAxis rate = logAxis("learning rate η");
        NumberAxis loss = logAxis("final probe loss");
        LineChart<Number, Number> chart = new LineChart<>(rate, loss);
        chart.setId("sweepChart");
        chart.setTitle("Final probe loss over seeds (median, min–max); click a point to open its trial");
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        FlowPane legend = new FlowPane(16, 4);
        legend.setPadding(new Insets(4, 8, 8, 8));
        int color = 0;
        int diverged = 0;
        for (Map.Entry<String, List<SweepFigures.RatePoint>> setting : sweep.finalLoss().entrySet()) {
            String css = Palette.color(color++);
            List<SweepFigures.RatePoint> points = setting.getValue();
            add(chart, line(points, SweepFigures.RatePoint::median), "-fx-stroke: " + css + "; -fx-stroke-width: 2;");
            String dotted = "-fx-stroke: " + css + "; -fx-stroke-width: 1; -fx-stroke-dash-array: 2 4;";
            add(chart, line(points, SweepFigures.RatePoint::min), dotted);
            add(chart, line(points, SweepFigures.RatePoint::max), dotted);
            XYChart.Series<Number, Number> trials = new XYChart.Series<>();
            for (SweepFigures.RatePoint point : points) {
                for (SweepFigures.TrialPoint trial : point.trials()) {
                    if (!drawable(trial.finalLoss())) {
                        diverged++;
                        continue;
                    }
                    XYChart.Data<Number, Number> data = new XYChart.Data<>(Math.log10(point.learningRate()),
                            Math.log10(trial.finalLoss()));
                    data.setNode(trialPoint(setting.getKey(), point.learningRate(), trial, css, openTrial));
                    trials.getData().add(data);
                }
            }
            add(chart, trials, "-fx-stroke: transparent;");
            Label entry = new Label("● " + setting.getKey());
            entry.setStyle("-fx-text-fill: " + css + ";");
            legend.getChildren().add(entry);
        }
        if (diverged > 0) {
            legend.getChildren().add(new Label(diverged + " diverged trial" + (diverged == 1 ? "" : "s")
                    + " (infinite loss) not drawn"));
        }
        setCenter(chart);
        setBottom(legend);
    }

    /** Shows {@code sweep} (from {@code folder}) in a window of its own beside {@code owner}. */
    public static Stage show(Path folder, SweepFigures sweep, Consumer<Path> openTrial, Window owner) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Sweep " + folder);
        stage.setScene(new Scene(new SweepView(sweep, openTrial), 900, 600));
        stage.show();
        return stage;
    }

    /** The folder of the trial {@code node} is the point of, if it is one. */
    public static Optional<Path> trialOf(Node node) {
        return Optional.ofNullable((Path) node.getProperties().get(TRIAL));
    }

    private static boolean drawable(double value) {
        return Double.isFinite(value) && value > 0;
    }

    private static XYChart.Series<Number, Number> line(List<SweepFigures.RatePoint> points,
            java.util.function.ToDoubleFunction<SweepFigures.RatePoint> value) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (SweepFigures.RatePoint point : points) {
            double y = value.applyAsDouble(point);
            if (drawable(y)) {
                data.add(new XYChart.Data<>(Math.log10(point.learningRate()), Math.log10(y)));
            }
        }
        series.getData().setAll(data);
        return series;
    }

    private static void add(LineChart<Number, Number> chart, XYChart.Series<Number, Number> series, String style) {
        chart.getData().add(series);
        series.getNode().setStyle(style);
    }

    private static Circle trialPoint(String setting, double learningRate, SweepFigures.TrialPoint trial, String css,
            Consumer<Path> openTrial) {
        Circle point = new Circle(5);
        point.setStyle("-fx-fill: " + css + "; -fx-stroke: white;");
        point.getProperties().put(TRIAL, trial.folder());
        point.setCursor(Cursor.HAND);
        Tooltip.install(point, new Tooltip(String.format(Locale.ROOT, "%s at η %.4g: final probe loss %.4g%n%s"
                + "%nclick: open this trial's race", setting, learningRate, trial.finalLoss(),
                trial.folder().getFileName())));
        point.setOnMouseClicked(event -> openTrial.accept(trial.folder()));
        return point;
    }

    /** A number axis over log10 of the values, labelled with the values themselves. */
    private static NumberAxis logAxis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label + " (log)");
        axis.setForceZeroInRange(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number exponent) {
                return String.format(Locale.ROOT, "%.3g", Math.pow(10, exponent.doubleValue()));
            }

            @Override
            public Number fromString(String text) {
                return Math.log10(Double.parseDouble(text));
            }
        });
        return axis;
    }
}
