package org.normlab.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window's load from CPU times and a wall clock the test sets: no thread of the test's own is timed. */
class WindowLoadTest {
    private static final double EXACT = 1e-12;
    private static final long MILLI = 1_000_000;
    private static final long ENDED = -1;

    private final Map<Long, Long> cpuNanos = new HashMap<>();
    private long wallNanos = 5_000 * MILLI;

    private WindowLoad load(int cores, long... threadIds) {
        for (long id : threadIds) {
            cpuNanos.putIfAbsent(id, 0L);
        }
        return new WindowLoad(threadIds, cores, cpuNanos::get, () -> wallNanos);
    }

    @Test
    void theThreadsCpuTimeOverTheWallTimeOnAllCores() {
        WindowLoad load = load(4, 1, 2);
        cpuNanos.put(1L, 700 * MILLI); // CPU time from before the first call does not count
        assertTrue(Double.isNaN(load.share()), "nothing to compare with on the first call");
        wallNanos += 100 * MILLI;
        cpuNanos.put(1L, 800 * MILLI);
        assertEquals(0.25, load.share(), EXACT, "one thread busy throughout: one core of four");
        wallNanos += 100 * MILLI;
        cpuNanos.put(1L, 830 * MILLI);
        cpuNanos.put(2L, 50 * MILLI);
        assertEquals(0.08 / 0.1 / 4, load.share(), EXACT, "30 ms + 50 ms in 100 ms");
        wallNanos += 200 * MILLI;
        assertEquals(0, load.share(), EXACT, "both asleep");
    }

    @Test
    void aThreadThatHasEndedCountsForNothing() {
        WindowLoad load = load(1, 7);
        cpuNanos.put(7L, 40 * MILLI);
        load.share();
        wallNanos += 100 * MILLI;
        cpuNanos.put(7L, ENDED);
        assertEquals(0, load.share(), EXACT, "not -1 ns of CPU time");
        wallNanos += 100 * MILLI;
        assertEquals(0, load.share(), EXACT);
    }

    @Test
    void noShareWithoutWallTimeBetweenCalls() {
        WindowLoad load = load(2, 1);
        load.share();
        cpuNanos.put(1L, MILLI);
        assertTrue(Double.isNaN(load.share()), "the same instant: no share, not infinity");
    }

    @Test
    void needsACore() {
        assertThrows(IllegalArgumentException.class, () -> load(0));
    }
}
