package org.normlab.sim.figure;

import java.awt.Color;
import java.util.Objects;

/**
 * One series of a panel at full resolution: points {@code (x[i], y[i])}, drawn as one path in the given color and
 * line style. A NaN (or, on a log axis, a non-positive value) leaves a gap. The arrays are copied.
 */
public record Curve(String label, Color color, LineStyle style, double[] x, double[] y) {
    public Curve {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("curve label must not be blank");
        }
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(style, "style");
        if (x.length != y.length) {
            throw new IllegalArgumentException("curve " + label + ": x and y must have the same length, were "
                    + x.length + " and " + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The x value at {@code i}, without copying the array. */
    public double x(int i) {
        return x[i];
    }

    /** The y value at {@code i}, without copying the array. */
    public double y(int i) {
        return y[i];
    }
}
