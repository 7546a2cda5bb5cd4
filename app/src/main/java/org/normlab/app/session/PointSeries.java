package org.normlab.app.session;

import java.util.Arrays;

/**
 * An append-only series of (x, y) points with one writer and any number of readers on other threads, in bounded
 * memory.
 *
 * <p>The writer (a training thread) never blocks: it appends into an array and publishes a new {@link Points}
 * snapshot; a reader works on one snapshot, which never changes under it. A series holds at most {@code capacity}
 * points: when full, it compacts — every four consecutive points become the two of them with the lowest and highest
 * y, in step order — so a long race keeps its recent points at full resolution, older ones coarser, and every spike.
 * A compaction writes a new array, so snapshots taken before it stay intact.
 */
public final class PointSeries {
    /** Points a series holds before it compacts: 8 MB. */
    public static final int DEFAULT_CAPACITY = 1 << 19;
    private static final int INITIAL_CAPACITY = 1024;
    private static final int GROUP = 4;

    private final int capacity;
    private volatile Points latest = new Points(new double[2 * INITIAL_CAPACITY], 0, 0, Extent.NONE);

    public PointSeries() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity the most points held before a compaction; a multiple of 4, at least 8 */
    public PointSeries(int capacity) {
        if (capacity < 2 * GROUP || capacity % GROUP != 0) {
            throw new IllegalArgumentException("capacity must be a multiple of " + GROUP + " >= " + 2 * GROUP
                    + ", was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends one point. Only one thread may call this. */
    public void append(double x, double y) {
        Points now = latest;
        double[] p = now.xy;
        int n = now.size;
        int compactions = now.compactions;
        if (n == capacity) {
            p = compacted(p, n);
            n = n / 2;
            compactions++;
        } else if (2 * n == p.length) {
            p = Arrays.copyOf(p, Math.min(2 * p.length, 2 * capacity));
        }
        p[2 * n] = x;
        p[2 * n + 1] = y;
        latest = new Points(p, n + 1, compactions, now.extent.with(y));
    }

    /** The points published so far, as of now. */
    public Points snapshot() {
        return latest;
    }

    /** The number of points published so far. */
    public int size() {
        return latest.size();
    }

    /** The x of point {@code i} of the latest snapshot; take a {@link #snapshot} to read several consistently. */
    public double x(int i) {
        return latest.x(i);
    }

    /** The y of point {@code i} of the latest snapshot. */
    public double y(int i) {
        return latest.y(i);
    }

    /** The first {@code n} points (n a multiple of 4) four by four, each group's lowest and highest y kept. */
    private double[] compacted(double[] p, int n) {
        double[] out = new double[2 * capacity];
        int kept = 0;
        for (int g = 0; g < n; g += GROUP) {
            int low = g;
            int high = g;
            for (int i = g + 1; i < g + GROUP; i++) {
                low = Double.compare(p[2 * i + 1], p[2 * low + 1]) < 0 ? i : low;
                high = Double.compare(p[2 * i + 1], p[2 * high + 1]) > 0 ? i : high;
            }
            if (low == high) {
                high = g + GROUP - 1;
            }
            kept = copyPoint(p, Math.min(low, high), out, kept);
            kept = copyPoint(p, Math.max(low, high), out, kept);
        }
        return out;
    }

    /** Copies point {@code i} of {@code from} to position {@code at} of {@code to}; returns the next position. */
    private static int copyPoint(double[] from, int i, double[] to, int at) {
        to[2 * at] = from[2 * i];
        to[2 * at + 1] = from[2 * i + 1];
        return at + 1;
    }

    /** The extent of the finite y values appended so far (compactions keep every extreme). */
    public Extent extent() {
        return latest.extent;
    }

    /**
     * The least and greatest finite values of a series and its least positive one (for a log axis); NaN where there
     * is none.
     */
    public record Extent(double min, double max, double leastPositive) {
        /** No finite value. */
        public static final Extent NONE = new Extent(Double.NaN, Double.NaN, Double.NaN);

        /** This extent grown to hold {@code y}, if it is finite. */
        public Extent with(double y) {
            if (!Double.isFinite(y) || (y >= min && y <= max && (y <= 0 || y >= leastPositive))) {
                return this; // nothing new: no allocation on the training thread
            }
            return new Extent(least(min, y), greatest(max, y), y > 0 ? least(leastPositive, y) : leastPositive);
        }

        /** The extent of both; NaN fields take the other's value. */
        public Extent union(Extent other) {
            return new Extent(least(min, other.min), greatest(max, other.max),
                    least(leastPositive, other.leastPositive));
        }

        /** Whether there is a finite value at all. */
        public boolean isEmpty() {
            return Double.isNaN(min);
        }

        private static double least(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
        }

        private static double greatest(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
        }
    }

    /** The points of a series at one moment; never changes. */
    public static final class Points {
        private final double[] xy;
        private final int size;
        private final int compactions;
        private final Extent extent;

        private Points(double[] xy, int size, int compactions, Extent extent) {
            this.xy = xy;
            this.size = size;
            this.compactions = compactions;
            this.extent = extent;
        }

        public int size() {
            return size;
        }

        /** How many times the series had compacted when this snapshot was taken: a change renumbers the points. */
        public int compactions() {
            return compactions;
        }

        public double x(int i) {
            return xy[2 * checked(i)];
        }

        public double y(int i) {
            return xy[2 * checked(i) + 1];
        }

        private int checked(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("point " + i + " of a series of " + size);
            }
            return i;
        }
    }
}
