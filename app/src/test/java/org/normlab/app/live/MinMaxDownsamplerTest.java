package org.normlab.app.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinMaxDownsamplerTest {
    private static final int MAX_POINTS = 64;

    @Test
    void keepsEveryPointWhileThereIsRoom() {
        MinMaxDownsampler downsampler = new MinMaxDownsampler(MAX_POINTS);
        double[] ys = {3, 1, 4, 1, 5, 9, 2, 6};
        for (int i = 0; i < ys.length; i++) {
            downsampler.add(i, ys[i]);
        }
        double[] x = new double[MAX_POINTS];
        double[] y = new double[MAX_POINTS];
        int n = downsampler.copyTo(x, y);
        assertEquals(ys.length, n);
        assertArrayEquals(ys, Arrays.copyOf(y, n));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, Arrays.copyOf(x, n));
    }

    @Test
    void longSeriesShrinkToRealPointsInOrderWithTheirExtremes() {
        int length = 100_003;
        double[] series = new double[length];
        Random random = new Random(42);
        for (int i = 0; i < length; i++) {
            series[i] = Math.exp(-i / 20_000.0) + 0.1 * random.nextGaussian();
        }
        int spike = 77_777;
        series[spike] = 10;
        int dip = 12_345;
        series[dip] = -10;

        MinMaxDownsampler downsampler = new MinMaxDownsampler(MAX_POINTS);
        for (int i = 0; i < length; i++) {
            downsampler.add(i, series[i]);
        }
        double[] x = new double[MAX_POINTS];
        double[] y = new double[MAX_POINTS];
        int n = downsampler.copyTo(x, y);

        // Merging leaves at least half the buckets, each with one or two points.
        assertTrue(n >= MAX_POINTS / 4 && n <= MAX_POINTS, "kept " + n + " points");
        for (int k = 0; k < n; k++) {
            assertEquals(series[(int) x[k]], y[k], "point " + k + " is not a point of the series");
            assertTrue(k == 0 || x[k] > x[k - 1], "x must increase");
        }
        assertTrue(contains(x, n, spike) && contains(x, n, dip), "the extremes must survive thinning");
        // A bucket holds fewer than 2 · length / buckets points, so the newest kept point is that recent.
        assertTrue(x[n - 1] >= length - 2 * length / (MAX_POINTS / 2), "the newest kept point is " + x[n - 1]);
    }

    @Test
    void rejectsAnOddBudget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MinMaxDownsampler(5));
        assertTrue(e.getMessage().contains("maxPoints"), e.getMessage());
    }

    private static boolean contains(double[] x, int n, double value) {
        for (int k = 0; k < n; k++) {
            if (x[k] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Eight points in 4 buckets of 2 (capacity 8), copied at most 4 points: pairs of buckets merge, each keeping its
     * lowest and highest point in order of x — steps 0–3 give (1, 1) and (2, 4), steps 4–7 (5, 9) and (6, 2) — and a
     * limit above what is kept changes nothing.
     */
    @Test
    void aLowerLimitMergesNeighbouringBucketsKeepingTheirExtremes() {
        MinMaxDownsampler downsampler = new MinMaxDownsampler(8);
        double[] ys = {3, 1, 4, 1, 5, 9, 2, 6};
        for (int i = 0; i < ys.length; i++) {
            downsampler.add(i, ys[i]);
        }
        double[] x = new double[8];
        double[] y = new double[8];
        int n = downsampler.copyTo(x, y, 4);
        assertEquals(4, n);
        assertArrayEquals(new double[] {1, 2, 5, 6}, Arrays.copyOf(x, n));
        assertArrayEquals(new double[] {1, 4, 9, 2}, Arrays.copyOf(y, n));
        assertEquals(8, downsampler.copyTo(x, y, 64));
        assertArrayEquals(ys, y);
        assertThrows(IllegalArgumentException.class, () -> downsampler.copyTo(x, y, 3));
    }
}
