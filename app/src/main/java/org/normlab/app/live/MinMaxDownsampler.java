package org.normlab.app.live;

/**
 * Keeps a growing series drawable: at most {@code maxPoints} points that preserve its envelope.
 *
 * <p>Consecutive points fall into buckets of equal count; each bucket keeps only its lowest and highest point, in
 * the order they occurred, so spikes survive however long the run. When the buckets are full, neighbours merge
 * pairwise and the bucket width doubles — each added point costs O(1), amortized, and nothing is recomputed from the
 * full history. Used by one thread at a time.
 */
public final class MinMaxDownsampler {
    private final int maxBuckets;
    private final double[] lowX;
    private final double[] lowY;
    private final double[] highX;
    private final double[] highY;
    private int buckets;
    private long width = 1;
    private long inLastBucket;

    /** @param maxPoints the most points {@link #copyTo} writes; an even number ≥ 2 */
    public MinMaxDownsampler(int maxPoints) {
        if (maxPoints < 2 || maxPoints % 2 != 0) {
            throw new IllegalArgumentException("maxPoints must be an even number >= 2, was " + maxPoints);
        }
        maxBuckets = maxPoints / 2;
        lowX = new double[maxBuckets];
        lowY = new double[maxBuckets];
        highX = new double[maxBuckets];
        highY = new double[maxBuckets];
    }

    /** Adds the next point of the series; x must not decrease. */
    public void add(double x, double y) {
        if (buckets == 0 || inLastBucket == width) {
            if (buckets == maxBuckets) {
                mergePairs();
            }
            int b = buckets++;
            lowX[b] = x;
            lowY[b] = y;
            highX[b] = x;
            highY[b] = y;
            inLastBucket = 1;
            return;
        }
        int b = buckets - 1;
        if (y < lowY[b]) {
            lowX[b] = x;
            lowY[b] = y;
        }
        if (y > highY[b]) {
            highX[b] = x;
            highY[b] = y;
        }
        inLastBucket++;
    }

    /** Called with all buckets full: halves their number, so the last bucket is full at the doubled width. */
    private void mergePairs() {
        for (int b = 0; b < maxBuckets / 2; b++) {
            int left = 2 * b;
            int right = left + 1;
            boolean rightLower = lowY[right] < lowY[left];
            lowX[b] = rightLower ? lowX[right] : lowX[left];
            lowY[b] = rightLower ? lowY[right] : lowY[left];
            boolean rightHigher = highY[right] > highY[left];
            highX[b] = rightHigher ? highX[right] : highX[left];
            highY[b] = rightHigher ? highY[right] : highY[left];
        }
        buckets = maxBuckets / 2;
        width *= 2;
        inLastBucket = width;
    }

    /**
     * Writes the kept points in order of x into {@code x} and {@code y} (each at least {@code maxPoints} long) and
     * returns how many it wrote.
     */
    public int copyTo(double[] x, double[] y) {
        int n = 0;
        for (int b = 0; b < buckets; b++) {
            boolean lowFirst = lowX[b] <= highX[b];
            n = put(x, y, n, lowFirst ? lowX[b] : highX[b], lowFirst ? lowY[b] : highY[b]);
            if (lowX[b] != highX[b]) {
                n = put(x, y, n, lowFirst ? highX[b] : lowX[b], lowFirst ? highY[b] : lowY[b]);
            }
        }
        return n;
    }

    private static int put(double[] x, double[] y, int n, double px, double py) {
        x[n] = px;
        y[n] = py;
        return n + 1;
    }
}
