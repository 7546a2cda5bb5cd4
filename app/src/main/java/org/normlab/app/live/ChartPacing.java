package org.normlab.app.live;

import java.util.function.DoubleSupplier;

/**
 * How often the window's live tick runs (new points into the charts, then status, maps and markers in the same
 * frame): as often as the window's own share of the machine allows. Every tick is a redraw of the charts that
 * changed, on the FX thread and the renderer, and every such cycle is taken from training when training holds the
 * cores; so the spacing follows the window's share of the machine to its budget: a window using twice its budget
 * gets ticks half as often (at most {@value #SLOWER}× less often per measurement, {@value #FASTER}× more often, to
 * ride out noise), re-measured at most every {@value #OBSERVE_EVERY_NANOS} ns. On a fast machine, or one with a GPU,
 * ticks stay at the fastest.
 */
public final class ChartPacing {
    private static final double SLOWER = 1.5;
    private static final double FASTER = 1.2;
    /** Shares measured over shorter spans are mostly noise. */
    static final long OBSERVE_EVERY_NANOS = 500_000_000L;

    private final long fastestNanos;
    private final long slowestNanos;
    private volatile double budget;
    private volatile long periodNanos;
    private volatile double lastShare = Double.NaN;
    private long lastObservedNanos;
    private boolean observed;

    /** The lab's budget: a twentieth of the machine, so that training keeps nearly all of it. */
    public static final double LAB_BUDGET = 0.05;
    /**
     * Presenter mode's budget: a class needs at least 10 updates a second, and training may be slowed by at most a
     * tenth. While the runs keep every core busy, each CPU-second the window takes is one training loses, so the
     * window's share is the slowdown; the share measured here is the FX thread's and the renderer's, and what it
     * leaves out (the feeder, ~0.5 ms a tick; the X server's copies of each frame; the window's garbage collection)
     * is held to the last two hundredths. On 2 cores that is 160 ms of CPU a second, 13 ms a tick at 12 ticks a
     * second.
     */
    public static final double PRESENTER_BUDGET = 0.08;

    /**
     * The window's pacing: 12 ticks a second at most (headroom above the 10 a class needs to see motion, which a
     * ceiling of exactly 10 never quite reaches), 1 at least, the window kept to the lab's budget.
     */
    public static ChartPacing forWindow() {
        return new ChartPacing(1_000_000_000L / 12, 1_000_000_000L, LAB_BUDGET);
    }

    /**
     * @param fastestNanos the shortest time between ticks, where pacing starts
     * @param slowestNanos the longest
     * @param budget       the share of the machine (0 to 1) the window may use
     */
    public ChartPacing(long fastestNanos, long slowestNanos, double budget) {
        if (fastestNanos <= 0 || slowestNanos < fastestNanos) {
            throw new IllegalArgumentException("need 0 < fastestNanos <= slowestNanos, were " + fastestNanos + " and "
                    + slowestNanos);
        }
        this.fastestNanos = fastestNanos;
        this.slowestNanos = slowestNanos;
        budget(budget);
        this.periodNanos = fastestNanos;
    }

    /** The share of the machine (0 to 1) the window may use from the next observation on; from any thread. */
    public void budget(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("budget must be a share of the machine in (0, 1], was " + share);
        }
        budget = share;
    }

    /**
     * A tick ended at {@code nowNanos} ({@link System#nanoTime}): observes {@code windowShare} on the first tick and
     * then once {@value #OBSERVE_EVERY_NANOS} ns have passed since the last observation.
     */
    void ticked(long nowNanos, DoubleSupplier windowShare) {
        if (!observed || nowNanos - lastObservedNanos >= OBSERVE_EVERY_NANOS) {
            observe(windowShare.getAsDouble());
            lastObservedNanos = nowNanos;
            observed = true;
        }
    }

    /** Adjusts the spacing to the window's share of the machine just measured; NaN (not measured) leaves it. */
    void observe(double windowShare) {
        lastShare = windowShare;
        if (windowShare >= 0) {
            double factor = Math.min(SLOWER, Math.max(1 / FASTER, windowShare / budget));
            periodNanos = Math.min(slowestNanos, Math.max(fastestNanos, Math.round(periodNanos * factor)));
        }
    }

    long periodNanos() {
        return periodNanos;
    }

    /**
     * How long to wait after a tick that took {@code tickNanos} on the feeder's thread: ticks start one period apart
     * (not a period after the previous one ended, which would never reach the fastest rate), and a tick longer than
     * the period is followed at once, never by a burst to catch up.
     */
    long delayAfter(long tickNanos) {
        return Math.max(0, periodNanos - tickNanos);
    }

    /** The window's share of the machine last observed; NaN before the first measurement. */
    double lastShare() {
        return lastShare;
    }
}
