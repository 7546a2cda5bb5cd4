package org.normlab.sim.figure;

import java.awt.Color;
import java.util.Objects;

/**
 * Vertical error bars in one color: at each {@code x[i]} a line from {@code low[i]} to {@code high[i]} with short caps,
 * e.g. a Hutchinson estimate ± one standard error. A bar with a non-finite x, low or high is left out; on a log axis a
 * bar whose low end is not positive reaches down to the plot's edge (its interval holds every value shown below).
 * The arrays are copied.
 */
public record ErrorBars(String label, Color color, double[] x, double[] low, double[] high) {
    public ErrorBars {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("error bars' label must not be blank");
        }
        Objects.requireNonNull(color, "color");
        if (x.length != low.length || x.length != high.length) {
            throw new IllegalArgumentException("error bars " + label + ": x, low and high must have the same length, "
                    + "were " + x.length + ", " + low.length + " and " + high.length);
        }
        x = x.clone();
        low = low.clone();
        high = high.clone();
    }

    /** Bars {@code y[i] ± spread[i]}. */
    public static ErrorBars around(String label, Color color, double[] x, double[] y, double[] spread) {
        if (y.length != spread.length) {
            throw new IllegalArgumentException("error bars " + label + ": y and spread must have the same length, were "
                    + y.length + " and " + spread.length);
        }
        double[] low = new double[y.length];
        double[] high = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            low[i] = y[i] - spread[i];
            high[i] = y[i] + spread[i];
        }
        return new ErrorBars(label, color, x, low, high);
    }

    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] low() {
        return low.clone();
    }

    @Override
    public double[] high() {
        return high.clone();
    }

    /** The x value of bar {@code i}, without copying the array. */
    public double x(int i) {
        return x[i];
    }

    /** The low end of bar {@code i}. */
    public double low(int i) {
        return low[i];
    }

    /** The high end of bar {@code i}. */
    public double high(int i) {
        return high[i];
    }

    /** Whether bar {@code i} is drawn on these axes: x, low and high finite, x and high where the axes show them. */
    boolean shows(int i, Scale xScale, Scale yScale) {
        return Double.isFinite(low[i]) && Double.isFinite(high[i]) && Double.isFinite(xScale.map(x[i]))
                && Double.isFinite(yScale.map(high[i]));
    }
}
