package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The speed limit on a clock the test advances: its waits advance the clock by exactly what they ask for. */
class SpeedLimitTest {
    private static final long MILLI = 1_000_000;

    private long nowNanos = 3_000 * MILLI;
    private final List<Long> waits = new ArrayList<>();
    private final SpeedLimit limit = new SpeedLimit(() -> nowNanos, nanos -> {
        waits.add(nanos);
        nowNanos += nanos;
    });

    @Test
    void instantStepsAreSpacedOnePeriodApart() {
        for (int i = 0; i < 5; i++) {
            limit.stepped(20);
        }
        assertEquals(List.of(50 * MILLI, 50 * MILLI, 50 * MILLI, 50 * MILLI, 50 * MILLI), waits);
    }

    @Test
    void aStepsOwnTimeCountsTowardsItsPeriod() {
        nowNanos += 30 * MILLI;
        limit.stepped(20);
        nowNanos += 80 * MILLI;
        limit.stepped(20);
        assertEquals(List.of(20 * MILLI), waits, "the second step, 30 ms late, is followed at once");
        limit.stepped(20);
        assertEquals(List.of(20 * MILLI, 20 * MILLI), waits, "and the third catches up those 30 ms");
    }

    @Test
    void afterALongStallAtMostASecondIsCaughtUp() {
        limit.stepped(10);
        nowNanos += 60_000 * MILLI;
        for (int i = 0; i < 11; i++) {
            limit.stepped(10);
        }
        assertEquals(List.of(100 * MILLI), waits, "the step due now and a second's worth without waiting");
        limit.stepped(10);
        assertEquals(List.of(100 * MILLI, 100 * MILLI), waits);
    }

    @Test
    void noLimitNeverWaitsAndSetsThePaceFromNow() {
        limit.stepped(0);
        nowNanos += 5_000 * MILLI;
        limit.stepped(0);
        limit.stepped(1);
        assertEquals(List.of(1_000 * MILLI), waits, "a limit set later starts from the present");
    }
}
