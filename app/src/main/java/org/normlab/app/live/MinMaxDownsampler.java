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
        return copyTo(x, y, 2 * maxBuckets);
    }

    /**
     * As {@link #copyTo(double[], double[])}, but at most {@code limit} points (an even number ≥ 2): where the kept
     * buckets are more than {@code limit / 2}, runs of consecutive buckets merge into one, each keeping its lowest
     * and highest point — e.g. a min/max pair per two pixels of a chart narrower than the thinning.
     */
    public int copyTo(double[] x, double[] y, int limit) {
        if (limit < 2 || limit % 2 != 0) {
            throw new IllegalArgumentException("limit must be an even number >= 2, was " + limit);
        }
        int group = Math.max(1, (buckets + limit / 2 - 1) / (limit / 2));
        int n = 0;
        for (int first = 0; first < buckets; first += group) {
            int low = first;
            int high = first;
            for (int b = first + 1; b < Math.min(buckets, first + group); b++) {
                low = lowY[b] < lowY[low] ? b : low;
                high = highY[b] > highY[high] ? b : high;
            }
            boolean lowFirst = lowX[low] <= highX[high];
            n = put(x, y, n, lowFirst ? lowX[low] : highX[high], lowFirst ? lowY[low] : highY[high]);
            if (lowX[low] != highX[high]) {
                n = put(x, y, n, lowFirst ? highX[high] : lowX[low], lowFirst ? highY[high] : lowY[low]);
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
