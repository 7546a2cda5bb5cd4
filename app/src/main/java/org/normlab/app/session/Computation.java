package org.normlab.app.session;

/**
 * A long computation under way, for the status line: {@code what} it is (e.g. "momentum: sharpness at step 4000"),
 * how long it has taken so far, and how long such a computation typically takes (NaN when unknown: nothing like it
 * has finished yet).
 */
public record Computation(String what, double elapsedSeconds, double typicalSeconds) {

    public Computation {
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("what must name the computation, was '" + what + "'");
        }
        if (!(elapsedSeconds >= 0)) {
            throw new IllegalArgumentException("elapsedSeconds must be >= 0, was " + elapsedSeconds);
        }
    }

    /**
     * The share done, estimated from the typical time and never shown as complete before it is (at most 0.99); −1
     * (an indeterminate bar) when the typical time is unknown.
     */
    public double fraction() {
        return typicalSeconds > 0 ? Math.min(0.99, elapsedSeconds / typicalSeconds) : -1;
    }
}
