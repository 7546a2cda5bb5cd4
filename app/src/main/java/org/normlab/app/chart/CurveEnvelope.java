package org.normlab.app.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dense curve as it is drawn: its points (in drawing coordinates, x increasing) fall into columns {@code column}
 * pixels wide; each column keeps the least and greatest y of its points and their mean, at the mean x of its points.
 * The band between least and greatest is filled, the means are stroked. A noisy per-step loss thinned to min/max
 * pairs zig-zags from edge to edge of its band, and stroking that zig-zag with a thick line was most of the window's
 * drawing on a software renderer (the scan conversion grows with every segment's height); the band's two edges and
 * the line of means are smooth, and a column with one point is that point, so a sparse or smooth curve is drawn
 * through its points as before. A gap in the curve ends a piece: the pieces are drawn apart.
 * Pure: tested without a toolkit.
 *
 * @param pieces the unbroken pieces of the curve, in order of x
 */
record CurveEnvelope(List<Piece> pieces) {

    /**
     * One unbroken piece: column {@code i} at {@code x[i]} has points from {@code least[i]} to {@code greatest[i]},
     * their mean {@code mean[i]}.
     */
    record Piece(double[] x, double[] least, double[] greatest, double[] mean) {
        int columns() {
            return x.length;
        }

        /** Whether the band has any height (else only the line of means is drawn). */
        boolean hasBand() {
            for (int i = 0; i < x.length; i++) {
                if (greatest[i] > least[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The envelope of the first {@code n} points of {@code x} and {@code y} in columns {@code column} wide, counted
     * from x = 0. Points whose x is not finite are skipped; a y that is not finite ends a piece (the renderer keeps
     * values far off the plot finite, so only gaps do).
     */
    static CurveEnvelope of(double[] x, double[] y, int n, double column) {
        if (!(column > 0) || Double.isInfinite(column)) {
            throw new IllegalArgumentException("column must be a finite width > 0, was " + column);
        }
        List<Piece> pieces = new ArrayList<>();
        Columns open = new Columns(n);
        long current = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                continue;
            }
            if (!Double.isFinite(y[i])) {
                open.closeInto(pieces);
                current = Long.MIN_VALUE;
                continue;
            }
            long at = (long) Math.floor(x[i] / column);
            if (at != current) {
                open.start();
                current = at;
            }
            open.add(x[i], y[i]);
        }
        open.closeInto(pieces);
        return new CurveEnvelope(List.copyOf(pieces));
    }

    /** The columns of the piece being built. */
    private static final class Columns {
        private final double[] sumX;
        private final double[] least;
        private final double[] greatest;
        private final double[] sumY;
        private final int[] count;
        private int columns;

        Columns(int capacity) {
            sumX = new double[capacity];
            least = new double[capacity];
            greatest = new double[capacity];
            sumY = new double[capacity];
            count = new int[capacity];
        }

        void start() {
            int c = columns++;
            sumX[c] = 0;
            sumY[c] = 0;
            count[c] = 0;
            least[c] = Double.POSITIVE_INFINITY;
            greatest[c] = Double.NEGATIVE_INFINITY;
        }

        void add(double x, double y) {
            int c = columns - 1;
            sumX[c] += x;
            sumY[c] += y;
            count[c]++;
            least[c] = Math.min(least[c], y);
            greatest[c] = Math.max(greatest[c], y);
        }

        void closeInto(List<Piece> pieces) {
            if (columns == 0) {
                return;
            }
            double[] x = new double[columns];
            double[] mean = new double[columns];
            for (int c = 0; c < columns; c++) {
                x[c] = sumX[c] / count[c];
                mean[c] = sumY[c] / count[c];
            }
            pieces.add(new Piece(x, Arrays.copyOf(least, columns), Arrays.copyOf(greatest,
                    columns), mean));
            columns = 0;
        }
    }
}
