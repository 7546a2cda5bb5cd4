package org.normlab.app.session;

import java.util.Arrays;

/**
 * An append-only series of (x, y) points with one writer and any number of readers on other threads.
 *
 * <p>The writer (a training thread) never blocks: it appends into a growing array and then publishes the new size;
 * readers see every point below the size they read. Growing copies the old points into a new array before publishing
 * it, so a reader holding an older array still sees its points.
 */
public final class PointSeries {
    private static final int INITIAL_CAPACITY = 1024;

    /** Interleaved x0, y0, x1, y1, … — one array, so one volatile publication covers both coordinates. */
    private volatile double[] points = new double[2 * INITIAL_CAPACITY];
    private volatile int size;

    /** Appends one point. Only one thread may call this. */
    public void append(double x, double y) {
        int n = size;
        double[] p = points;
        if (2 * n == p.length) {
            p = Arrays.copyOf(p, 2 * p.length);
            points = p;
        }
        p[2 * n] = x;
        p[2 * n + 1] = y;
        size = n + 1;
    }

    /** The number of points published so far. */
    public int size() {
        return size;
    }

    /** The x of point {@code i}, for {@code i < size()}. */
    public double x(int i) {
        return points[2 * checked(i)];
    }

    /** The y of point {@code i}, for {@code i < size()}. */
    public double y(int i) {
        return points[2 * checked(i) + 1];
    }

    private int checked(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("point " + i + " of a series of " + size);
        }
        return i;
    }
}
