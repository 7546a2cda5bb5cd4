package org.normlab.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.app.session.Computation;

/** The status bar's progress on a clock the test sets. */
class LongestComputationTest {
    private static final long SHOW_AFTER_NANOS = Math.round(LongestComputation.SHOW_AFTER_SECONDS * 1e9);

    private long nowNanos = 42_000_000_000L;
    private final LongestComputation progress = new LongestComputation(() -> nowNanos);

    /** A computation of the window's own shows once it has taken a while, and leaves with it. */
    @Test
    void aLongComputationShowsItsProgressUntilItEnds() {
        Runnable done = progress.working("exporting the dashboard");
        nowNanos += SHOW_AFTER_NANOS - 1;
        progress.show(List.of());
        assertEquals("", progress.textProperty().get(), "not shown before it has taken a while");
        nowNanos += 1;
        progress.show(List.of());
        assertEquals("exporting the dashboard · 0.3 s", progress.textProperty().get());
        assertEquals(-1, progress.fractionProperty().get(), "an export's length is unknown: indeterminate");
        done.run();
        progress.show(List.of());
        assertEquals("", progress.textProperty().get());
        assertEquals(0, progress.fractionProperty().get());
    }

    @Test
    void theLongestOfTheRacesAndTheWindowsOwnIsShown() {
        progress.working("exporting the dashboard");
        nowNanos += 2 * SHOW_AFTER_NANOS;
        progress.show(List.of(new Computation("a: sharpness at step 10", 1.5, 2)));
        assertEquals("a: sharpness at step 10 · 1.5 s (longest before: 2.0 s)", progress.textProperty().get());
        assertEquals(0.75, progress.fractionProperty().get(), 1e-12);
    }
}
