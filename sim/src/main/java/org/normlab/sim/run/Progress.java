package org.normlab.sim.run;

/** Told after every step of a headless run; implementations decide how often to show it. */
public interface Progress {
    /** Shows nothing. */
    Progress NONE = (step, totalSteps, loss) -> { };

    void stepped(long step, long totalSteps, double loss);
}
