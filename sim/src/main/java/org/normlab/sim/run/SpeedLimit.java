package org.normlab.sim.run;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Holds a run to a number of steps per second: after each step it waits until the next step is due, one period after
 * the last was due. A run that fell behind (a slow step, a pause) catches up on at most a second's worth of steps.
 *
 * <p>One per run, used on the run's thread by its {@link RunLoop}.
 */
final class SpeedLimit {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final long MOST_CATCH_UP_NANOS = 1_000_000_000L;

    private final LongSupplier clock;
    private final LongConsumer wait;
    private long nextStepNanos;

    /**
     * @param clock wall time in nanoseconds, as {@link System#nanoTime}
     * @param wait  waits about this many nanoseconds, as {@link java.util.concurrent.locks.LockSupport#parkNanos}
     */
    SpeedLimit(LongSupplier clock, LongConsumer wait) {
        this.clock = clock;
        this.wait = wait;
        this.nextStepNanos = clock.getAsLong();
    }

    /** A step just ended: waits until the next is due at {@code stepsPerSecond} (0 = no limit: returns at once). */
    void stepped(double stepsPerSecond) {
        long now = clock.getAsLong();
        if (stepsPerSecond <= 0) {
            nextStepNanos = now;
            return;
        }
        nextStepNanos = Math.max(nextStepNanos + (long) (NANOS_PER_SECOND / stepsPerSecond),
                now - MOST_CATCH_UP_NANOS);
        if (nextStepNanos > now) {
            wait.accept(nextStepNanos - now);
        }
    }
}
