package org.normlab.sim.run;

/** Told after every step of every run of a headless race, on the run's thread; implementations decide what to show. */
public interface Progress {
    /** Shows nothing. */
    Progress NONE = (run, step, totalSteps) -> { };

    void stepped(String run, long step, long totalSteps);

    /** Run {@code run} diverged at {@code step} and stopped; the others go on. */
    default void diverged(String run, long step) {
    }
}
