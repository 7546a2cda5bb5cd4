package org.normlab.sim.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link Figure} through {@code Graphics2D}, in points with the origin at the top left, onto any canvas: an
 * SVG or PDF document, or an image scaled to its resolution. Each curve is one {@link Path2D} of all its points,
 * broken where a point cannot be shown (NaN, or not positive on a log axis); axes, grid and legend are lines and
 * rectangles, so a curve's path is the only path in its color.
 */
public final class FigureRenderer {
    private static final float CURVE_WIDTH = 1.0f;
    private static final float GUIDE_WIDTH = 0.8f;
    private static final float FRAME_WIDTH = 0.6f;
    private static final float GRID_WIDTH = 0.4f;
    private static final double MAJOR_TICK = 3;
    private static final double MINOR_TICK = 1.5;

    private final Figure figure;
    private final Style style;
    private final TextPainter text;

    private FigureRenderer(Figure figure) {
        this.figure = figure;
        this.style = figure.style();
        this.text = new TextPainter(new Font(style.fontFamily(), Font.PLAIN, 1).deriveFont((float) style.fontSize()));
    }

    /** Draws the whole figure, {@code style.widthPoints() × style.heightPoints()} from the current origin. */
    public static void draw(Figure figure, Graphics2D g) {
        new FigureRenderer(figure).draw(g);
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(style.theme().background());
        g.fill(new Rectangle2D.Double(0, 0, style.widthPoints(), style.heightPoints()));
        double cellWidth = style.widthPoints() / figure.columns();
        double cellHeight = style.heightPoints() / figure.rows();
        List<Panel> panels = figure.panels();
        for (int i = 0; i < panels.size(); i++) {
            int row = i / figure.columns();
            int column = i % figure.columns();
            drawPanel(g, panels.get(i), new Rectangle2D.Double(column * cellWidth, row * cellHeight, cellWidth,
                    cellHeight));
        }
    }

    private void drawPanel(Graphics2D g, Panel panel, Rectangle2D cell) {
        Ticks xTicks = Ticks.of(panel, true);
        Ticks yTicks = Ticks.of(panel, false);
        double fs = style.fontSize();
        double pad = 0.4 * fs;
        double yTickWidth = yTicks.major().stream().mapToDouble(t -> text.width(t.label())).max().orElse(0);
        boolean hasTitle = !panel.title().markup().isBlank();
        double left = cell.getX() + pad + 1.3 * fs + yTickWidth + 0.4 * fs;
        double right = cell.getMaxX() - fs;
        double top = cell.getY() + pad + (hasTitle ? 1.5 * fs : 0.5 * fs);
        double bottom = cell.getMaxY() - pad - 2.7 * fs;
        Rectangle2D plot = new Rectangle2D.Double(left, top, Math.max(right - left, 1), Math.max(bottom - top, 1));
        Frame frame = new Frame(plot, xTicks, yTicks);
        Color ink = style.theme().ink();

        g.setStroke(new BasicStroke(GRID_WIDTH));
        g.setColor(style.theme().grid());
        xTicks.major().forEach(t -> g.draw(frame.vertical(t.position())));
        yTicks.major().forEach(t -> g.draw(frame.horizontal(t.position())));

        for (Guide guide : panel.guides()) {
            g.setColor(guide.color());
            g.setStroke(stroke(GUIDE_WIDTH, guide.style()));
            g.draw(guide.orientation() == Guide.Orientation.HORIZONTAL
                    ? frame.horizontal(panel.y().scale().map(guide.value()))
                    : frame.vertical(panel.x().scale().map(guide.value())));
        }
        for (Curve curve : panel.curves()) {
            g.setColor(curve.color());
            g.setStroke(stroke(CURVE_WIDTH, curve.style()));
            g.draw(path(curve, panel, frame));
        }

        g.setColor(ink);
        g.setStroke(new BasicStroke(FRAME_WIDTH));
        g.draw(plot);
        for (Ticks.Tick t : xTicks.major()) {
            double x = frame.x(t.position());
            g.draw(new Line2D.Double(x, plot.getMaxY(), x, plot.getMaxY() - MAJOR_TICK));
            text.draw(g, t.label(), x, plot.getMaxY() + 1.25 * fs, TextPainter.Align.CENTER);
        }
        for (double position : xTicks.minor()) {
            double x = frame.x(position);
            g.draw(new Line2D.Double(x, plot.getMaxY(), x, plot.getMaxY() - MINOR_TICK));
        }
        for (Ticks.Tick t : yTicks.major()) {
            double y = frame.y(t.position());
            g.draw(new Line2D.Double(plot.getX(), y, plot.getX() + MAJOR_TICK, y));
            text.draw(g, t.label(), plot.getX() - 0.4 * fs, y + text.ascent() / 2, TextPainter.Align.RIGHT);
        }
        for (double position : yTicks.minor()) {
            double y = frame.y(position);
            g.draw(new Line2D.Double(plot.getX(), y, plot.getX() + MINOR_TICK, y));
        }
        text.draw(g, panel.x().label(), plot.getCenterX(), plot.getMaxY() + 2.5 * fs, TextPainter.Align.CENTER);
        text.drawVertical(g, panel.y().label(), cell.getX() + pad + text.ascent(), plot.getCenterY());
        if (hasTitle) {
            text.draw(g, panel.title(), plot.getCenterX(), plot.getY() - 0.5 * fs, TextPainter.Align.CENTER);
        }
        if (panel.legend()) {
            new Legend(panel, frame).draw(g);
        }
    }

    private static Path2D path(Curve curve, Panel panel, Frame frame) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, curve.size());
        boolean penDown = false;
        for (int i = 0; i < curve.size(); i++) {
            double x = panel.x().scale().map(curve.x(i));
            double y = panel.y().scale().map(curve.y(i));
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                penDown = false;
            } else if (penDown) {
                path.lineTo(frame.x(x), frame.y(y));
            } else {
                path.moveTo(frame.x(x), frame.y(y));
                penDown = true;
            }
        }
        return path;
    }

    static BasicStroke stroke(float width, LineStyle lineStyle) {
        float[] dashes = lineStyle.dashes(width);
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, dashes, 0);
    }

    /** The plot area and the map from axis coordinates to points on the page. */
    private record Frame(Rectangle2D plot, Ticks xTicks, Ticks yTicks) {
        double x(double coordinate) {
            return plot.getX() + (coordinate - xTicks.low()) / (xTicks.high() - xTicks.low()) * plot.getWidth();
        }

        double y(double coordinate) {
            return plot.getMaxY() - (coordinate - yTicks.low()) / (yTicks.high() - yTicks.low()) * plot.getHeight();
        }

        Line2D vertical(double xCoordinate) {
            double x = x(xCoordinate);
            return new Line2D.Double(x, plot.getY(), x, plot.getMaxY());
        }

        Line2D horizontal(double yCoordinate) {
            double y = y(yCoordinate);
            return new Line2D.Double(plot.getX(), y, plot.getMaxX(), y);
        }
    }

    /** The legend box, in the corner of the plot that hides the fewest points. */
    private final class Legend {
        private record Entry(Label label, Color color, LineStyle style, float width) {
        }

        private final Panel panel;
        private final Frame frame;
        private final TextPainter small = text.derive((float) (style.fontSize() * 0.9), Font.PLAIN);
        private final List<Entry> entries = new ArrayList<>();

        Legend(Panel panel, Frame frame) {
            this.panel = panel;
            this.frame = frame;
            panel.curves().forEach(c -> entries.add(new Entry(Label.of(c.label()), c.color(), c.style(),
                    CURVE_WIDTH)));
            panel.guides().stream().filter(guide -> !guide.label().markup().isBlank())
                    .forEach(guide -> entries.add(new Entry(guide.label(), guide.color(), guide.style(),
                            GUIDE_WIDTH)));
        }

        void draw(Graphics2D g) {
            if (entries.isEmpty()) {
                return;
            }
            double fs = small.size();
            double sample = 2.2 * fs;
            double rowHeight = 1.25 * fs;
            double pad = 0.4 * fs;
            double labels = entries.stream().mapToDouble(e -> small.width(e.label())).max().orElse(0);
            double width = pad + sample + 0.5 * fs + labels + pad;
            double height = 2 * pad + entries.size() * rowHeight;
            Rectangle2D box = emptiestCorner(width, height, pad);
            g.setColor(style.theme().background());
            g.fill(box);
            g.setColor(style.theme().grid().darker());
            g.setStroke(new BasicStroke(GRID_WIDTH));
            g.draw(box);
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                double baseline = box.getY() + pad + (i + 1) * rowHeight - 0.3 * fs;
                double mid = baseline - 0.35 * fs;
                g.setColor(entry.color());
                g.setStroke(stroke(entry.width(), entry.style()));
                g.draw(new Line2D.Double(box.getX() + pad, mid, box.getX() + pad + sample, mid));
                g.setColor(style.theme().ink());
                small.draw(g, entry.label(), box.getX() + pad + sample + 0.5 * fs, baseline, TextPainter.Align.LEFT);
            }
        }

        private Rectangle2D emptiestCorner(double width, double height, double inset) {
            Rectangle2D plot = frame.plot();
            double left = plot.getX() + inset;
            double right = plot.getMaxX() - inset - width;
            double top = plot.getY() + inset;
            double bottom = plot.getMaxY() - inset - height;
            Rectangle2D best = null;
            long fewest = Long.MAX_VALUE;
            for (double[] corner : new double[][] {{right, top}, {left, top}, {right, bottom}, {left, bottom}}) {
                Rectangle2D box = new Rectangle2D.Double(corner[0], corner[1], width, height);
                long hidden = hiddenPoints(box);
                if (hidden < fewest) {
                    fewest = hidden;
                    best = box;
                }
            }
            return best;
        }

        private long hiddenPoints(Rectangle2D box) {
            long count = 0;
            for (Curve curve : panel.curves()) {
                for (int i = 0; i < curve.size(); i++) {
                    double x = frame.x(panel.x().scale().map(curve.x(i)));
                    double y = frame.y(panel.y().scale().map(curve.y(i)));
                    if (box.contains(x, y)) {
                        count++;
                    }
                }
            }
            return count;
        }
    }
}
