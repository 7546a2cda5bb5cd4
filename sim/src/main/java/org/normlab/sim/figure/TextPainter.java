package org.normlab.sim.figure;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * Draws {@link Label}s with their subscripts and superscripts in one font. Text is measured in a fixed,
 * device-independent context, so the layout is the same in every output format.
 */
final class TextPainter {
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);
    private static final float SCRIPT_SCALE = 0.7f;
    private static final double SUBSCRIPT_DROP = 0.22;
    private static final double SUPERSCRIPT_RISE = 0.38;

    /** Horizontal alignment of a label to the anchor point. */
    enum Align { LEFT, CENTER, RIGHT }

    private final Font font;
    private final Font script;

    TextPainter(Font font) {
        this.font = font;
        this.script = font.deriveFont(font.getSize2D() * SCRIPT_SCALE);
    }

    TextPainter derive(float size, int style) {
        return new TextPainter(font.deriveFont(style, size));
    }

    double size() {
        return font.getSize2D();
    }

    /** Height above the baseline of capital letters and digits. */
    double ascent() {
        return font.getLineMetrics("0", MEASURE).getAscent() * 0.75;
    }

    /** Height above the baseline the font's tallest glyphs reach: where a line of text may end at the top. */
    double lineAscent() {
        return font.getLineMetrics("0", MEASURE).getAscent();
    }

    /** Depth below the baseline the font's glyphs reach. */
    double lineDescent() {
        return font.getLineMetrics("0", MEASURE).getDescent();
    }

    /** Height of one line of text: ascent plus descent, no leading. */
    double lineHeight() {
        return lineAscent() + lineDescent();
    }

    /** How far {@code label} reaches above its baseline, superscripts included. */
    double top(Label label) {
        double top = lineAscent();
        for (Label.Span span : label.spans()) {
            if (span.position() == Label.Position.SUPERSCRIPT) {
                top = Math.max(top, SUPERSCRIPT_RISE * font.getSize2D()
                        + script.getLineMetrics("0", MEASURE).getAscent());
            }
        }
        return top;
    }

    /** How far {@code label} reaches below its baseline, subscripts included. */
    double bottom(Label label) {
        double bottom = lineDescent();
        for (Label.Span span : label.spans()) {
            if (span.position() == Label.Position.SUBSCRIPT) {
                bottom = Math.max(bottom, SUBSCRIPT_DROP * font.getSize2D()
                        + script.getLineMetrics("0", MEASURE).getDescent());
            }
        }
        return bottom;
    }

    /** The box {@link #draw} fills with {@code label}: its advance width, from its top to its bottom. */
    Rectangle2D bounds(Label label, double x, double y, Align align) {
        double width = width(label);
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - width / 2;
            case RIGHT -> x - width;
        };
        return new Rectangle2D.Double(left, y - top(label), width, top(label) + bottom(label));
    }

    /** The box {@link #drawVertical} fills: the horizontal box turned a quarter counter-clockwise about (x, y). */
    Rectangle2D verticalBounds(Label label, double x, double y) {
        double width = width(label);
        return new Rectangle2D.Double(x - top(label), y - width / 2, top(label) + bottom(label), width);
    }

    double width(Label label) {
        double width = 0;
        for (Label.Span span : label.spans()) {
            width += fontOf(span).getStringBounds(span.text(), MEASURE).getWidth();
        }
        return width;
    }

    /** Draws {@code label} with its baseline at {@code y}, aligned to {@code x}. */
    void draw(Graphics2D g, Label label, double x, double y, Align align) {
        double cursor = switch (align) {
            case LEFT -> x;
            case CENTER -> x - width(label) / 2;
            case RIGHT -> x - width(label);
        };
        for (Label.Span span : label.spans()) {
            Font f = fontOf(span);
            double shift = switch (span.position()) {
                case NORMAL -> 0;
                case SUBSCRIPT -> SUBSCRIPT_DROP * font.getSize2D();
                case SUPERSCRIPT -> -SUPERSCRIPT_RISE * font.getSize2D();
            };
            g.setFont(f);
            g.drawString(span.text(), (float) cursor, (float) (y + shift));
            cursor += f.getStringBounds(span.text(), MEASURE).getWidth();
        }
    }

    /** Draws {@code label} turned a quarter counter-clockwise, centered on {@code x} along the vertical. */
    void drawVertical(Graphics2D g, Label label, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        draw(g, label, x, y, Align.CENTER);
        g.setTransform(saved);
    }

    private Font fontOf(Label.Span span) {
        return span.position() == Label.Position.NORMAL ? font : script;
    }
}
