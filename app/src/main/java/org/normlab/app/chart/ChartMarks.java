package org.normlab.app.chart;

import io.fair_acc.chartfx.axes.Axis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import org.normlab.app.model.Palette;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.sim.run.Tour;

/**
 * What is drawn over a chart's plot rather than into its data: a tour step's "look here" marks (a circle or arrow at
 * a run's point, a highlighted curve, a band of values or of steps) and, in presenter mode, each run's name at the end
 * of its line. Placed anew from the axes at every refresh, so they follow zoom, new points and a log switch; a mark
 * whose point is not measured yet waits for it. Mouse-transparent: the chart's own zoom,
 * pan and tooltips work through it.
 */
final class ChartMarks extends Pane {
    /** The color of marks that belong to no run (bands): amber, clear against every run's color. */
    private static final String ATTENTION = "#ff8f00";
    private static final double CIRCLE_RADIUS = 16;
    private static final double ARROW_LENGTH = 70;
    private static final double ARROW_HEAD = 12;
    private static final int HIGHLIGHT_POINTS = 400;
    /** Pixels between a line's end and its name. */
    private static final double LABEL_GAP = 4;
    /** A name moved further than this many pixels from its line's end gets a leader line. */
    private static final double LEADER_AFTER = 2;

    private final Axis xAxis;
    private final Axis yAxis;
    private final String seriesId;
    private List<Tour.Mark> marks = List.of();
    private boolean endLabelsShown;
    private final List<String> drawn = new ArrayList<>();
    /** The tour marks' shapes drawn now; rebuilt at every refresh. */
    private final List<Node> markShapes = new ArrayList<>();
    /**
     * Each labelled run's name and leader line, by run name, kept from refresh to refresh (only moved): new nodes
     * every tick would each cost a CSS pass.
     */
    private final Map<String, EndLabel> endLabels = new LinkedHashMap<>();

    ChartMarks(Axis xAxis, Axis yAxis, String seriesId) {
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.seriesId = seriesId;
        setMouseTransparent(true);
        // Nothing drawn beyond the chart, e.g. a label near its edge.
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        getStyleClass().add("chart-marks");
    }

    /** The marks of this chart's series from now on (the others are ignored). */
    void show(List<Tour.Mark> all) {
        marks = all.stream().filter(m -> m.series().equals(seriesId)).toList();
    }

    void labelLineEnds(boolean on) {
        endLabelsShown = on;
    }

    /** What is drawn now, one word and its run or span each (e.g. {@code circle gd 900}); for tests. */
    List<String> drawn() {
        return List.copyOf(drawn);
    }

    /** Draws the marks and labels anew for {@code curves} (this chart's solid series and their runs). */
    void place(Map<PointSeries, RaceRun> curves) {
        getChildren().removeAll(markShapes);
        markShapes.clear();
        drawn.clear();
        for (Tour.Mark mark : marks) {
            if (mark instanceof Tour.Mark.Circle c) {
                point(curves, c.run(), c.step()).ifPresent(at -> {
                    Circle circle = new Circle(at.getX(), at.getY(), CIRCLE_RADIUS);
                    circle.getStyleClass().add("mark-circle");
                    circle.setStyle("-fx-stroke: " + ATTENTION + ";");
                    add(circle, "circle " + c.run() + " " + c.step());
                });
            } else if (mark instanceof Tour.Mark.Arrow a) {
                point(curves, a.run(), a.step()).ifPresent(at -> arrow(at, a));
            } else if (mark instanceof Tour.Mark.Highlight h) {
                highlight(curves, h);
            } else if (mark instanceof Tour.Mark.Band b) {
                band(b);
            }
        }
        labelEnds(endLabelsShown ? curves : Map.of());
    }

    private void arrow(Point2D at, Tour.Mark.Arrow a) {
        // From the left, above the point, or below it when the point is near the top.
        double dx = ARROW_LENGTH / Math.sqrt(2);
        double dy = at.getY() > 1.5 * dx ? -dx : dx;
        Point2D tail = new Point2D(Math.max(0, at.getX() - dx), at.getY() + dy);
        Line shaft = arrowLine(tail.getX(), tail.getY(), at.getX(), at.getY());
        double angle = Math.atan2(at.getY() - tail.getY(), at.getX() - tail.getX());
        Line left = arrowLine(at.getX(), at.getY(), at.getX() - ARROW_HEAD * Math.cos(angle - Math.PI / 6),
                at.getY() - ARROW_HEAD * Math.sin(angle - Math.PI / 6));
        Line right = arrowLine(at.getX(), at.getY(), at.getX() - ARROW_HEAD * Math.cos(angle + Math.PI / 6),
                at.getY() - ARROW_HEAD * Math.sin(angle + Math.PI / 6));
        getChildren().addAll(shaft, left, right);
        markShapes.addAll(List.of(shaft, left, right));
        if (a.text() != null) {
            Label text = new Label(a.text());
            text.getStyleClass().add("mark-text");
            text.relocate(Math.max(0, tail.getX() - 2 * ARROW_HEAD), dy < 0 ? Math.max(0, tail.getY() - 3 * ARROW_HEAD)
                    : tail.getY());
            getChildren().add(text);
            markShapes.add(text);
        }
        drawn.add("arrow " + a.run() + " " + a.step());
    }

    private static Line arrowLine(double x0, double y0, double x1, double y1) {
        Line line = new Line(x0, y0, x1, y1);
        line.getStyleClass().add("mark-arrow");
        line.setStyle("-fx-stroke: " + ATTENTION + ";");
        return line;
    }

    /** A wide translucent stroke in the run's color over its curve, thinned to a few hundred points. */
    private void highlight(Map<PointSeries, RaceRun> curves, Tour.Mark.Highlight h) {
        curves.forEach((series, run) -> {
            if (!run.name().equals(h.run())) {
                return;
            }
            PointSeries.Points points = series.snapshot();
            int stride = Math.max(1, points.size() / HIGHLIGHT_POINTS);
            Polyline line = new Polyline();
            for (int i = 0; i < points.size(); i += stride) {
                position(points.x(i), points.y(i)).ifPresent(p -> line.getPoints().addAll(p.getX(), p.getY()));
            }
            if (line.getPoints().size() >= 4) {
                line.getStyleClass().add("mark-highlight");
                line.setStyle("-fx-stroke: " + Palette.color(run.color()) + ";");
                add(line, "highlight " + h.run());
            }
        });
    }

    private void band(Tour.Mark.Band b) {
        Rectangle band = new Rectangle();
        band.getStyleClass().add("mark-band");
        band.setStyle("-fx-fill: " + ATTENTION + ";");
        if (b.spansSteps()) {
            double from = clamp(xAxis.getDisplayPosition(b.fromStep()), xAxis.getLength());
            double to = clamp(xAxis.getDisplayPosition(b.toStep()), xAxis.getLength());
            Point2D start = toLocal(from, 0);
            Point2D end = toLocal(to, yAxis.getLength());
            setBounds(band, start, end);
            add(band, "band steps " + b.fromStep() + "–" + b.toStep());
        } else {
            double low = clamp(yAxis.getDisplayPosition(b.low()), yAxis.getLength());
            double high = clamp(yAxis.getDisplayPosition(b.high()), yAxis.getLength());
            Point2D start = toLocal(0, low);
            Point2D end = toLocal(xAxis.getLength(), high);
            setBounds(band, start, end);
            add(band, "band values " + b.low() + "–" + b.high());
        }
    }

    private static void setBounds(Rectangle r, Point2D a, Point2D b) {
        r.setX(Math.min(a.getX(), b.getX()));
        r.setY(Math.min(a.getY(), b.getY()));
        r.setWidth(Math.abs(a.getX() - b.getX()));
        r.setHeight(Math.abs(a.getY() - b.getY()));
    }

    /**
     * Each run's name left of and above its line's end (the newest point, at the plot's right edge), the names spread
     * apart vertically where lines end close together ({@link LabelSpread}: in the lines' order, each moved as little
     * as can be, all inside the plot), a thin leader line from a moved name to its line's end.
     */
    private void labelEnds(Map<PointSeries, RaceRun> curves) {
        if (curves.isEmpty() && endLabels.isEmpty()) {
            return;
        }
        Rectangle2D plot = plot();
        List<EndLabel> placed = new ArrayList<>();
        List<Point2D> ends = new ArrayList<>();
        for (Map.Entry<PointSeries, RaceRun> curve : curves.entrySet()) {
            Optional<Point2D> end = lineEnd(curve.getKey().snapshot());
            if (end.isPresent()) {
                placed.add(endLabels.computeIfAbsent(curve.getValue().name(), name -> newEndLabel(curve.getValue())));
                ends.add(end.get());
            }
        }
        endLabels.values().removeIf(label -> {
            boolean gone = !placed.contains(label);
            if (gone) {
                getChildren().removeAll(label.name(), label.leader());
            }
            return gone;
        });
        double[] wanted = new double[placed.size()];
        double[] heights = new double[placed.size()];
        for (int i = 0; i < placed.size(); i++) {
            heights[i] = placed.get(i).name().prefHeight(-1);
            wanted[i] = ends.get(i).getY() - heights[i] - plot.getMinY();
        }
        double[] tops = LabelSpread.spread(wanted, heights, plot.getHeight());
        for (int i = 0; i < placed.size(); i++) {
            Label name = placed.get(i).name();
            Point2D end = ends.get(i);
            double width = Math.min(name.prefWidth(-1), plot.getWidth());
            double x = Math.max(plot.getMinX(), Math.min(plot.getMaxX() - width, end.getX() - width - LABEL_GAP));
            double y = plot.getMinY() + tops[i];
            name.resizeRelocate(x, y, width, heights[i]);
            Line leader = placed.get(i).leader();
            leader.setVisible(Math.abs(tops[i] - wanted[i]) > LEADER_AFTER);
            leader.setStartX(Math.min(x + width, end.getX()));
            leader.setStartY(y + heights[i] / 2);
            leader.setEndX(end.getX());
            leader.setEndY(end.getY());
            drawn.add("label " + name.getText());
        }
    }

    /** Where a curve's line ends: its newest point that can be drawn, among its last 64. */
    private Optional<Point2D> lineEnd(PointSeries.Points points) {
        for (int i = points.size() - 1; i >= Math.max(0, points.size() - 64); i--) {
            Optional<Point2D> end = position(points.x(i), points.y(i));
            if (end.isPresent()) {
                return end;
            }
        }
        return Optional.empty();
    }

    private EndLabel newEndLabel(RaceRun run) {
        String color = Palette.color(run.color());
        Label name = new Label(run.name());
        name.getStyleClass().add("line-end");
        name.setStyle("-fx-text-fill: " + color + ";");
        name.setManaged(false);
        Line leader = new Line();
        leader.getStyleClass().add("line-end-leader");
        leader.setStyle("-fx-stroke: " + color + ";");
        leader.setManaged(false);
        getChildren().addAll(leader, name);
        name.applyCss();
        return new EndLabel(name, leader);
    }

    /** The plot area (inside the axes) in this pane's coordinates. */
    private Rectangle2D plot() {
        Point2D topLeft = toLocal(0, 0);
        Point2D bottomRight = toLocal(xAxis.getLength(), yAxis.getLength());
        return new Rectangle2D(Math.min(topLeft.getX(), bottomRight.getX()), Math.min(topLeft.getY(),
                bottomRight.getY()), Math.abs(bottomRight.getX() - topLeft.getX()),
                Math.abs(bottomRight.getY() - topLeft.getY()));
    }

    /** The plot area in scene coordinates; for tests. */
    Bounds plotInScene() {
        Rectangle2D plot = plot();
        return localToScene(new BoundingBox(plot.getMinX(), plot.getMinY(), plot.getWidth(),
                plot.getHeight()));
    }

    /** The line-end labels' bounds in scene coordinates, in curve order; for tests. */
    List<Bounds> endLabelsInScene() {
        return endLabels.values().stream().map(label -> label.name().localToScene(label.name().getLayoutBounds()))
                .toList();
    }

    /** Whether the named run's line-end label has its leader line drawn; for tests. */
    boolean hasLeader(String run) {
        EndLabel label = endLabels.get(run);
        return label != null && label.leader().isVisible();
    }

    /** A run's name at its line's end and the thin line that joins them once the name had to move. */
    private record EndLabel(Label name, Line leader) {
    }

    private void add(Node shape, String what) {
        getChildren().add(shape);
        markShapes.add(shape);
        drawn.add(what);
    }

    /** Where run {@code run}'s point at {@code step} is drawn: the last point at or before the step. */
    private Optional<Point2D> point(Map<PointSeries, RaceRun> curves, String run, long step) {
        for (Map.Entry<PointSeries, RaceRun> curve : curves.entrySet()) {
            if (curve.getValue().name().equals(run)) {
                PointSeries.Points points = curve.getKey().snapshot();
                int at = lastAtOrBefore(points, step);
                // Not measured at the step yet: a later point would put the mark in the wrong place.
                if (at < 0 || (at == points.size() - 1 && points.x(at) < step)) {
                    return Optional.empty();
                }
                return position(points.x(at), points.y(at));
            }
        }
        return Optional.empty();
    }

    private static int lastAtOrBefore(PointSeries.Points points, long step) {
        int low = 0;
        int high = points.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (points.x(mid) <= step) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /**
     * The point (step, value) in this pane's coordinates, or empty when it cannot be drawn (not finite, or not
     * positive on a log axis). A point just off the axes (the axis' range lags the newest points by a refresh) is
     * drawn at the plot's edge.
     */
    private Optional<Point2D> position(double step, double value) {
        if (!Double.isFinite(step) || !Double.isFinite(value) || (yAxis.isLogAxis() && value <= 0)) {
            return Optional.empty();
        }
        return Optional.of(toLocal(clamp(xAxis.getDisplayPosition(step), xAxis.getLength()),
                clamp(yAxis.getDisplayPosition(value), yAxis.getLength())));
    }

    /** A plot position (along the step axis, down the value axis) in this pane's coordinates. */
    private Point2D toLocal(double x, double y) {
        double sceneX = ((Node) xAxis).localToScene(x, 0).getX();
        double sceneY = ((Node) yAxis).localToScene(0, y).getY();
        return sceneToLocal(sceneX, sceneY);
    }

    private static double clamp(double position, double length) {
        return Math.max(0, Math.min(length, position));
    }
}
