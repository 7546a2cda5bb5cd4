package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The window's load measured on threads of the test's own: one busy, one asleep. */
class WindowLoadTest {
    private static final long MILLIS = 300;

    @Test
    void aBusyThreadTakesOneCoreOfTheMachine() {
        int cores = 4;
        WindowLoad load = new WindowLoad(new long[] {Thread.currentThread().getId()}, cores);
        assertTrue(Double.isNaN(load.share()), "nothing to compare with on the first call");
        long end = System.nanoTime() + MILLIS * 1_000_000;
        double sink = 0;
        while (System.nanoTime() < end) {
            sink += Math.sqrt(sink + 1);
        }
        double share = load.share();
        // One core of four while it spun; less only when the machine preempted it (the CI machine has two cores).
        assertTrue(share > 0.1 && share <= 0.25 * 1.05, "busy: " + share + " (" + sink + ")");
    }

    @Test
    void aSleepingThreadTakesNothing() throws InterruptedException {
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(10 * MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        WindowLoad load = new WindowLoad(new long[] {sleeper.getId()}, 1);
        load.share();
        Thread.sleep(MILLIS);
        assertEquals(0, load.share(), 0.02);
        sleeper.interrupt();
        sleeper.join();
        assertTrue(load.share() >= 0, "a thread that has ended counts for nothing, not for -1");
    }

    @Test
    void needsACore() {
        assertThrows(IllegalArgumentException.class, () -> new WindowLoad(new long[0], 0));
    }
}
