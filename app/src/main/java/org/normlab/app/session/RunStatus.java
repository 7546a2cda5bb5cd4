package org.normlab.app.session;

/**
 * Where a run stands, as one snapshot.
 *
 * @param state          running, paused, finished (took its last step), diverged, or failed (its thread stopped on an
 *                       error)
 * @param steps          optimizer steps completed
 * @param divergedAt     the step whose loss, gradient or parameters stopped being finite, or 0
 * @param stepsPerSecond measured over the last second of running, NaN while not running or not yet measured
 * @param probeSeconds   time spent in diagnostics so far
 * @param failure        why a failed run stopped, or ""
 */
public record RunStatus(State state, long steps, long divergedAt, double stepsPerSecond, double probeSeconds,
                        String failure) {

    /** What a run is doing. */
    public enum State { RUNNING, PAUSED, FINISHED, DIVERGED, FAILED }
}
