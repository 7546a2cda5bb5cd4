package org.normlab.app;

/**
 * How often the charts get new points: as often as the window's frame rate allows. Every chart update is a full
 * redraw of the charts that changed, on the FX thread and the renderer, so while training threads hold the cores
 * the updates are spaced out until the frames come back (and brought closer again when they do): the window stays
 * responsive and the curves lag by a fraction of a second at most, instead of every frame lagging.
 */
public final class ChartPacing {
    private static final double SLOWER = 1.5;
    private static final double FASTER = 1.2;

    private final long fastestNanos;
    private final long slowestNanos;
    private final double lowFrames;
    private final double highFrames;
    private volatile long periodNanos;

    /** The window's pacing: 20 updates a second at most, 1 at least, spaced out below 35 frames/s, closer above 50. */
    public static ChartPacing forWindow() {
        return new ChartPacing(50_000_000L, 1_000_000_000L, 35, 50);
    }

    /**
     * @param fastestNanos the shortest time between updates, where pacing starts
     * @param slowestNanos the longest
     * @param lowFrames    below this many frames per second updates are spaced out by {@value #SLOWER}×
     * @param highFrames   above it they come {@value #FASTER}× closer; in between the spacing holds
     */
    public ChartPacing(long fastestNanos, long slowestNanos, double lowFrames, double highFrames) {
        if (fastestNanos <= 0 || slowestNanos < fastestNanos) {
            throw new IllegalArgumentException("need 0 < fastestNanos <= slowestNanos, were " + fastestNanos + " and "
                    + slowestNanos);
        }
        if (!(lowFrames > 0 && highFrames > lowFrames)) {
            throw new IllegalArgumentException("need 0 < lowFrames < highFrames, were " + lowFrames + " and "
                    + highFrames);
        }
        this.fastestNanos = fastestNanos;
        this.slowestNanos = slowestNanos;
        this.lowFrames = lowFrames;
        this.highFrames = highFrames;
        this.periodNanos = fastestNanos;
    }

    /** Adjusts the spacing to a frame rate just measured; NaN (nothing measured yet) leaves it. */
    void observe(double framesPerSecond) {
        if (framesPerSecond < lowFrames) {
            periodNanos = Math.min(slowestNanos, Math.round(periodNanos * SLOWER));
        } else if (framesPerSecond > highFrames) {
            periodNanos = Math.max(fastestNanos, Math.round(periodNanos / FASTER));
        }
    }

    long periodNanos() {
        return periodNanos;
    }
}
