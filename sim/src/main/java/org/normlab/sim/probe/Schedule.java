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

    /**
     * Step 0 and the steps {@code round(10^(i/p))}, i = 0, 1, …: about p steps per decade, dense where the early
     * transients are; {@code p ≥ 1}.
     */
    static Schedule logSpaced(int perDecade) {
        if (perDecade < 1) {
            throw new IllegalArgumentException("logSpaced: perDecade must be ≥ 1, was " + perDecade);
        }
        return step -> {
            if (step <= 1) {
                return step >= 0;
            }
            long i = Math.round(perDecade * Math.log10(step));
            for (long j = Math.max(0, i - 1); j <= i + 1; j++) {
                if (Math.round(Math.pow(10, (double) j / perDecade)) == step) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Never due: a probe switched off. */
    static Schedule never() {
        return step -> false;
    }
}
