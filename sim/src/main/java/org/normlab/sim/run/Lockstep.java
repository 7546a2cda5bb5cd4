package org.normlab.sim.run;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The race's step gate when its runs advance together: a run may take its next step only while it is fewer than
 * {@link #LEAD} steps ahead of every other run still in play, and a pause or a run-to sent to every run stops them all
 * at one step ({@link #together}), so curves and decision maps compare at the same step. A run that finished,
 * diverged or left the race is out of play and holds nobody back. A run that joins late (or is reset) starts from
 * step 0: the others wait while it catches up.
 *
 * <p>Why a lead of a few steps rather than one: with more runs than cores, a run the system kept off its core for a
 * few milliseconds (another run's time slice, the window's drawing) held every other run at once under a one-step
 * gate, and a third of the machine sat idle even without a window. {@value #LEAD} steps are a few milliseconds of
 * training, far below what a chart can tell apart.
 *
 * <p>Shared by the race's run threads; each tells it its step count at every step boundary ({@link #at}). A run held
 * back still takes commands: {@link #wake} wakes it when one arrives.
 */
final class Lockstep {
    /** How many steps a run may be ahead of the slowest run in play. */
    static final int LEAD = 8;
    /** Step counts of the runs in play, by run loop; guarded by {@code this}. */
    private final Map<Object, Long> inPlay = new HashMap<>();
    /** The runs waiting for a slower one now; guarded by {@code this}. */
    private final Set<Object> held = new HashSet<>();
    /** Pauses every run in play makes at one step, by the command (the very instance) sent to them all. */
    private final Map<Command, Meeting> meetings = new IdentityHashMap<>();
    private boolean on;

    /** A pause of every run in play at one step: the furthest any of them wants when it gets the command. */
    private static final class Meeting {
        /** The runs in play when the command was sent that have not got it yet. */
        final Set<Object> awaited;
        long step;

        Meeting(Set<Object> awaited) {
            this.awaited = awaited;
        }
    }

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

    /**
     * In lockstep, makes {@code pause} — a pause or a run-to about to be sent to every run, this very instance —
     * stop every run now in play at one step ({@link #pauseAt}). Off: nothing.
     */
    synchronized void together(Command pause) {
        if (on) {
            meetings.put(pause, new Meeting(new HashSet<>(inPlay.keySet())));
        }
    }

    /**
     * Where run {@code lane} pauses for {@code pause}, wanting step {@code wanted} (its own step for a pause). For a
     * pause sent to every run in lockstep ({@link #together}), waits until each run in play has got it (or left
     * play), and returns the furthest step any of them wanted, so all stop there; returns sooner, with the furthest
     * so far, once {@code interrupted} holds (a newer command arrived). For any other, {@code wanted}.
     */
    synchronized long pauseAt(Object lane, Command pause, long wanted, BooleanSupplier interrupted)
            throws InterruptedException {
        Meeting meeting = meetings.get(pause);
        if (meeting == null) {
            return wanted;
        }
        meeting.step = Math.max(meeting.step, wanted);
        meeting.awaited.remove(lane);
        notifyAll();
        while (!meeting.awaited.isEmpty() && !interrupted.getAsBoolean()) {
            wait();
        }
        if (meeting.awaited.isEmpty()) {
            meetings.remove(pause);
        }
        return meeting.step;
    }

    /** Run {@code lane} has taken {@code steps} steps and can step on ({@code inPlay}) or cannot (ended, diverged). */
    synchronized void at(Object lane, long steps, boolean inPlay) {
        if (inPlay) {
            this.inPlay.put(lane, steps);
        } else {
            this.inPlay.remove(lane);
            // Out of play, it will not pause with the others.
            meetings.values().forEach(meeting -> meeting.awaited.remove(lane));
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
            while (on && steps - slowestBut(lane) >= LEAD) {
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

    /** The fewest steps of the runs in play other than {@code lane} (none: the largest long). */
    private long slowestBut(Object lane) {
        long slowest = Long.MAX_VALUE;
        for (Map.Entry<Object, Long> entry : inPlay.entrySet()) {
            if (entry.getKey() != lane) {
                slowest = Math.min(slowest, entry.getValue());
            }
        }
        return slowest;
    }
}
