package org.normlab.sim.run;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The race's step gate when its runs advance together: a run may take its next step only while no run still in play
 * has taken fewer steps, so no run gets more than one step ahead of the slowest and curves compare at the same step.
 * A run that finished, diverged or left the race is out of play and holds nobody back. A run that joins late (or is
 * reset) starts from step 0: the others wait while it catches up.
 *
 * <p>Shared by the race's run threads; each tells it its step count at every step boundary ({@link #at}). A run held
 * back still takes commands: {@link #wake} wakes it when one arrives.
 */
final class Lockstep {
    /** Step counts of the runs in play, by run loop; guarded by {@code this}. */
    private final Map<Object, Long> inPlay = new HashMap<>();
    /** The runs waiting for a slower one now; guarded by {@code this}. */
    private final Set<Object> held = new HashSet<>();
    private boolean on;

    Lockstep(boolean on) {
        this.on = on;
    }

    /** Turns the gate on or off; off, every run steps at its own pace again. */
    synchronized void set(boolean on) {
        this.on = on;
        notifyAll();
    }

    synchronized boolean on() {
        return on;
    }

    /** Run {@code lane} has taken {@code steps} steps and can step on ({@code inPlay}) or cannot (ended, diverged). */
    synchronized void at(Object lane, long steps, boolean inPlay) {
        if (inPlay) {
            this.inPlay.put(lane, steps);
        } else {
            this.inPlay.remove(lane);
        }
        notifyAll();
    }

    /** Run {@code lane} is out of play for good (its thread ended, or it left the race). */
    void leave(Object lane) {
        at(lane, 0, false);
    }

    /** Something happened that a held run must see (a command for it). */
    synchronized void wake() {
        notifyAll();
    }

    /**
     * Waits until run {@code lane}, at {@code steps} steps, may take its next step (true), or until
     * {@code interrupted} holds, e.g. a command arrived (false).
     */
    synchronized boolean awaitTurn(Object lane, long steps, BooleanSupplier interrupted) throws InterruptedException {
        try {
            while (on && steps > slowest(lane)) {
                if (interrupted.getAsBoolean()) {
                    return false;
                }
                // No notifyAll here: a held run changes nothing another waits for, and waking the other held runs
                // made them wake this one in turn, round and round, starving the slow runs of the lock.
                held.add(lane);
                wait();
            }
            return true;
        } finally {
            held.remove(lane);
        }
    }

    /** Whether run {@code lane} waits for a slower one now. */
    synchronized boolean held(Object lane) {
        return held.contains(lane);
    }

    private long slowest(Object lane) {
        long slowest = Long.MAX_VALUE;
        for (Map.Entry<Object, Long> entry : inPlay.entrySet()) {
            if (entry.getKey() != lane) {
                slowest = Math.min(slowest, entry.getValue());
            }
        }
        return slowest;
    }
}
