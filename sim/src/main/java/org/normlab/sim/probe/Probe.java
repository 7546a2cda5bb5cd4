package org.normlab.sim.probe;

import java.util.List;

/**
 * One measurement of a run (a Cockpit "quantity"): the series it writes, declared once; when it is due; how it
 * measures. Runs on the run's thread at a step boundary ({@link Probes}); it reads the network and never changes
 * θ, BatchNorm running statistics or any random state the training uses.
 */
public interface Probe {

    /** A short name for the cost report, e.g. {@code sharpness}. */
    String name();

    /** The dotted ids of every series this probe may write, as the catalogue ({@code series}) declares them. */
    List<String> series();

    Schedule schedule();

    /** Writes this step's values of (some of) its {@link #series()} to {@code sink}. */
    void measure(ProbeContext context, Sink sink);

    /** Whether {@link #measure} reads {@link ProbeContext#gradient()}, which the run then keeps for it. */
    default boolean needsGradient() {
        return false;
    }

    /**
     * Called at step t − 1 when the probe is due at step t, so a probe of a change over one step (an increment, an
     * angle) can keep what it needs of θ_{t−1}. Nothing by default.
     */
    default void prepare(ProbeContext context) {
    }
}
