package org.normlab.app.session;

/**
 * A long computation under way, for the status line: {@code what} it is (e.g. "momentum: sharpness at step 4000"),
 * how long it has taken so far, and the longest time such a computation took before (NaN when unknown: nothing like it
 * has finished yet).
 */
public record Computation(String what, double elapsedSeconds, double longestSeconds) {

    public Computation {
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("what must name the computation, was '" + what + "'");
        }
        if (!(elapsedSeconds >= 0)) {
            throw new IllegalArgumentException("elapsedSeconds must be >= 0, was " + elapsedSeconds);
        }
    }

    /**
     * The share done, estimated against the longest earlier time (so rather too low than too high) and never shown as
     * complete before it is (at most 0.99); −1 (an indeterminate bar) when there is no earlier time.
     */
    public double fraction() {
        return longestSeconds > 0 ? Math.min(0.99, elapsedSeconds / longestSeconds) : -1;
    }
}
