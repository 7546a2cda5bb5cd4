package org.normlab.sim.figure;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Draws a {@link Figure} through {@code Graphics2D}, in points with the origin at the top left, onto any canvas: an
 * SVG or PDF document, or an image scaled to its resolution. Each curve is one {@link Path2D} of all its points,
 * broken where a point cannot be shown (NaN, or not positive on a log axis); error bars, axes, grid and legend samples
 * are lines and rectangles, so a curve's path is the only path in its color. Where things go is {@link FigureLayout}'s.
 */
public final class FigureRenderer {
    private static final float CURVE_WIDTH = 1.0f;
    private static final float GUIDE_WIDTH = 0.8f;
    static final float BAR_WIDTH = 0.7f;
    private static final float FRAME_WIDTH = 0.6f;
    private static final float GRID_WIDTH = 0.4f;
    private static final double MAJOR_TICK = 3;
    private static final double MINOR_TICK = 1.5;

    private final Style style;
    private final FigureLayout layout;

    private FigureRenderer(Figure figure) {
        this.style = figure.style();
        this.layout = FigureLayout.of(figure);
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
        for (FigureLayout.PanelLayout panel : layout.panelLayouts()) {
            drawPanel(g, panel);
        }
        if (layout.sharedLegend() != null) {
            drawSamples(g, layout.sharedLegend());
        }
        g.setColor(style.theme().ink());
        for (FigureLayout.Placed text : layout.placed()) {
            if (text.vertical()) {
                text.painter().drawVertical(g, text.label(), text.x(), text.y());
            } else {
                text.painter().draw(g, text.label(), text.x(), text.y(), text.align());
            }
        }
    }

    private void drawPanel(Graphics2D g, FigureLayout.PanelLayout frame) {
        Panel panel = frame.panel();
        Rectangle2D plot = frame.plot();
        Ticks xTicks = frame.xTicks();
        Ticks yTicks = frame.yTicks();

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
        g.setStroke(new BasicStroke(BAR_WIDTH));
        for (ErrorBars bars : panel.bars()) {
            g.setColor(bars.color());
            for (int i = 0; i < bars.size(); i++) {
                frame.bar(bars, i).forEach(g::draw);
            }
        }
        for (Curve curve : panel.curves()) {
            g.setColor(curve.color());
            g.setStroke(stroke(CURVE_WIDTH, curve.style()));
            g.draw(path(curve, panel, frame));
        }

        g.setColor(style.theme().ink());
        g.setStroke(new BasicStroke(FRAME_WIDTH));
        g.draw(plot);
        for (Ticks.Tick t : xTicks.major()) {
            double x = frame.x(t.position());
            g.draw(new Line2D.Double(x, plot.getMaxY(), x, plot.getMaxY() - MAJOR_TICK));
        }
        for (double position : xTicks.minor()) {
            double x = frame.x(position);
            g.draw(new Line2D.Double(x, plot.getMaxY(), x, plot.getMaxY() - MINOR_TICK));
        }
        for (Ticks.Tick t : yTicks.major()) {
            double y = frame.y(t.position());
            g.draw(new Line2D.Double(plot.getX(), y, plot.getX() + MAJOR_TICK, y));
        }
        for (double position : yTicks.minor()) {
            double y = frame.y(position);
            g.draw(new Line2D.Double(plot.getX(), y, plot.getX() + MINOR_TICK, y));
        }
        if (frame.legend() != null) {
            drawSamples(g, frame.legend());
        }
    }

    /** A legend's samples, a line or an error bar each; its texts are drawn with the others. */
    private static void drawSamples(Graphics2D g, FigureLayout.Legend legend) {
        for (FigureLayout.Sample sample : legend.samples()) {
            g.setColor(sample.entry().color());
            if (sample.entry().sample() == LegendEntry.Sample.BAR) {
                g.setStroke(new BasicStroke(BAR_WIDTH));
                sample.bar().forEach(g::draw);
            } else {
                g.setStroke(stroke(CURVE_WIDTH, sample.entry().style()));
                g.draw(sample.line());
            }
        }
    }

    private static Path2D path(Curve curve, Panel panel, FigureLayout.PanelLayout frame) {
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
}
