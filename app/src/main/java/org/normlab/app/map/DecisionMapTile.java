package org.normlab.app.map;

import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.normlab.app.model.Ids;
import org.normlab.app.model.RunRow;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.data.InputPlane;
import org.normlab.sim.model.DecisionMap;

/**
 * One run's decision map: the run's name in its color, the plane colored by predicted class with the confidence as
 * intensity (white = undecided), the training points on top in their class colors, and the step of the map. A
 * halted run's map (diverged, or its thread failed) fades and says where and why it stopped.
 */
final class DecisionMapTile extends VBox {
    /** Side of the map in pixels. */
    static final double SIZE = 128;
    private static final int MAX_POINTS = 300;
    private static final double POINT_RADIUS = 2.1;
    /** Intensity of a fully confident cell: the class colors stay light enough for the points to stand out. */
    private static final double MAX_INTENSITY = 0.6;
    private static final double HALTED_OPACITY = 0.35;
    /** Class colors: TensorFlow Playground's orange and blue for two classes, then distinct hues. */
    private static final List<Color> CLASS_COLORS = List.of(Color.web("#F59322"), Color.web("#0877BD"),
            Color.web("#2CA02C"), Color.web("#D62728"), Color.web("#9467BD"), Color.web("#8C564B"),
            Color.web("#E377C2"), Color.web("#7F7F7F"), Color.web("#BCBD22"), Color.web("#17BECF"));

    private final RunRow row;
    private final ImageView picture = new ImageView();
    private final Canvas points = new Canvas(SIZE, SIZE);
    private final Label step = new Label();
    private WritableImage pixels;
    private int[] argb;
    private DecisionMap shown;
    private InputPlane pointsShown;

    DecisionMapTile(RunRow row) {
        this.row = row;
        getStyleClass().add("decision-map");
        String id = Ids.of(row.name());
        setId("map-" + id);
        Label title = new Label(row.name());
        title.getStyleClass().add("map-title");
        title.setStyle("-fx-text-fill: " + row.color() + ";");
        picture.setFitWidth(SIZE);
        picture.setFitHeight(SIZE);
        picture.setSmooth(true);
        Label halted = new Label();
        halted.getStyleClass().add("map-halted");
        halted.setId("map-halted-" + id);
        halted.textProperty().bind(row.summaryProperty());
        halted.visibleProperty().bind(row.haltedProperty());
        picture.opacityProperty().bind(Bindings.when(row.haltedProperty()).then(HALTED_OPACITY).otherwise(1.0));
        StackPane frame = new StackPane(picture, points, halted);
        frame.getStyleClass().add("map-frame");
        frame.setMinSize(SIZE, SIZE);
        frame.setMaxSize(SIZE, SIZE);
        step.getStyleClass().add("map-step");
        step.setId("map-step-" + id);
        getChildren().setAll(title, frame, step);
        refresh();
    }

    /** Draws the run's map if it is new. */
    void refresh() {
        Optional<DecisionMap> latest = row.run().decisionMap();
        if (latest.isEmpty() || latest.get() == shown) {
            return;
        }
        shown = latest.get();
        paint(shown);
        if (shown.plane() != pointsShown) {
            pointsShown = shown.plane();
            drawPoints(pointsShown);
        }
        step.setText("step " + shown.step());
    }

    /** Writes the whole map in one call: writing pixel by pixel made the image announce each pixel as a change. */
    private void paint(DecisionMap map) {
        int n = map.gridSize();
        if (pixels == null || (int) pixels.getWidth() != n) {
            pixels = new WritableImage(n, n);
            picture.setImage(pixels);
            argb = new int[n * n];
        }
        double undecided = 1.0 / map.classes();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double certainty = map.classes() == 1 ? 1
                        : (map.confidence(r, c) - undecided) / (1 - undecided);
                argb[r * n + c] = tint(classColor(map.predicted(r, c)),
                        MAX_INTENSITY * Math.min(Math.max(certainty, 0), 1));
            }
        }
        pixels.getPixelWriter().setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), argb, 0, n);
    }

    /** {@code color} mixed into white by {@code amount} in [0, 1], as opaque ARGB. */
    static int tint(Color color, double amount) {
        int red = (int) Math.round(255 * (1 + (color.getRed() - 1) * amount));
        int green = (int) Math.round(255 * (1 + (color.getGreen() - 1) * amount));
        int blue = (int) Math.round(255 * (1 + (color.getBlue() - 1) * amount));
        return 0xFF000000 | red << 16 | green << 8 | blue;
    }

    /** At most {@link #MAX_POINTS} training points, evenly picked, as dots in their class colors. */
    private void drawPoints(InputPlane plane) {
        GraphicsContext g = points.getGraphicsContext2D();
        g.clearRect(0, 0, SIZE, SIZE);
        InputPlane.Extent e = plane.extent();
        Dataset data = plane.points();
        int stride = (data.size() + MAX_POINTS - 1) / MAX_POINTS;
        g.setStroke(Color.WHITE);
        g.setLineWidth(0.5);
        for (int i = 0; i < data.size(); i += stride) {
            double[] p = data.features()[i];
            double x = (p[0] - e.xMin()) / (e.xMax() - e.xMin()) * SIZE;
            double y = (e.yMax() - p[1]) / (e.yMax() - e.yMin()) * SIZE;
            g.setFill(classColor(data.labels()[i]));
            g.fillOval(x - POINT_RADIUS, y - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS);
            g.strokeOval(x - POINT_RADIUS, y - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS);
        }
    }

    private static Color classColor(int label) {
        return CLASS_COLORS.get(label % CLASS_COLORS.size());
    }
}
