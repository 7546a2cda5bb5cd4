package org.normlab.sim.run;

import org.normlab.sim.event.Event;
import org.normlab.sim.event.Events;

/**
 * Told what a run does, on the run's own thread, between its steps: the place for recorders and probes. The run may
 * be read freely here (network, loss, gradient norm, hyperparameters) but not changed; the next step waits until the
 * listener returns.
 */
public interface RunListener {

    /** The run is at step 0: before its first step, and again after a reset. */
    default void started(Run run) {
    }

    /** The run took step {@code step} (also the step at which it diverged, before {@link #diverged}). */
    void stepped(Run run, long step);

    /**
     * A probe measured {@code value} of series {@code series} at {@code step} (after {@link #started} for step 0, after
     * {@link #stepped} otherwise); the ids are {@link Race#probeSeries}.
     */
    default void probed(Run run, String series, long step, double value) {
    }

    /**
     * A detector found {@code event} in the run's series ({@link Events}): after the {@link #probed} or
     * {@link #stepped} that completed it; the divergence's after {@link #diverged}.
     */
    default void marked(Run run, Event event) {
    }

    /** Hyperparameter {@code name} changed from {@code old} to {@code value}, applying from step {@code step + 1}. */
    default void changed(Run run, long step, String name, double old, double value) {
    }

    /** The run was reset to its initial weights after {@code step} steps; {@link #started} follows. */
    default void reset(Run run, long step) {
    }

    /** The loss, gradient or parameters stopped being finite at {@code step}; the run takes no more steps. */
    default void diverged(Run run, long step) {
    }

    /**
     * The run's thread stopped on an unexpected error (e.g. memory ran out) and takes no more steps; called on that
     * thread just before it ends, so a window can say so instead of showing a run that silently stands still.
     */
    default void failed(Run run, Throwable cause) {
    }

    /** The run took its last step, {@code step}. */
    default void finished(Run run, long step) {
    }

    /**
     * The run was told to stop (e.g. the race was interrupted) after step {@code step}, before its last step and
     * without having diverged; it takes no more steps.
     */
    default void stopped(Run run, long step) {
    }

    /**
     * The run has nothing to do until a command comes: paused (also once its single steps are taken), finished or
     * diverged. Called each time its thread is about to wait, so what was last seen of the run is what stays.
     */
    default void waiting(Run run) {
    }
}
