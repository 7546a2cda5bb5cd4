package org.normlab.sim.figure;

import java.awt.Color;
import java.util.Objects;

/** A threshold or reference line across a panel, e.g. the edge-of-stability threshold 2/η, dashed. */
public record Guide(Label label, Orientation orientation, double value, Color color, LineStyle style) {
    /** A horizontal guide marks a y value, a vertical one an x value. */
    public enum Orientation { HORIZONTAL, VERTICAL }

    public Guide {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(orientation, "orientation");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(style, "style");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("guide " + label.markup() + ": value must be finite, was " + value);
        }
    }

    /** A dashed horizontal line at {@code y}. */
    public static Guide horizontal(String label, double y, Color color) {
        return new Guide(Label.of(label), Orientation.HORIZONTAL, y, color, LineStyle.DASHED);
    }
}
