package org.normlab.sim.probe;

/**
 * On which training steps a probe is due: a predicate on the step (0 = the initial parameters, t = after t steps),
 * combined with {@link #or}.
 */
@FunctionalInterface
public interface Schedule {

    boolean due(long step);

    /** Due when either schedule is. */
    default Schedule or(Schedule other) {
        return step -> due(step) || other.due(step);
    }

    /** Steps 0, k, 2k, …; {@code k ≥ 1}. */
    static Schedule every(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("every: k must be ≥ 1, was " + k);
        }
        return step -> step % k == 0;
    }

    /** Only at {@code step}, typically the last step of the run. */
    static Schedule at(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("at: step must be ≥ 0, was " + step);
        }
        return s -> s == step;
    }
}
