package org.normlab.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimingTest {
    private static final double EXACT = 1e-12;

    @Test
    void interleavingRunsEveryTaskEquallyOftenAndOrdersTheQuartiles() {
        int[] runs = new int[2];
        List<Timing> timings = Timing.interleaved(List.of(() -> runs[0]++, () -> runs[1]++),
                new Timing.Budget(0, 0.01));
        assertEquals(runs[0], runs[1]);
        for (Timing t : timings) {
            assertTrue(t.repetitions() >= 5, "at least five repetitions, had " + t.repetitions());
            assertTrue(t.q1() <= t.median() && t.median() <= t.q3(), t.toString());
        }
        assertEquals(timings.get(0).repetitions(), timings.get(1).repetitions());
    }

    @Test
    void quantilesInterpolateBetweenRanks() {
        double[] sorted = {1, 2, 4, 8, 16};
        assertEquals(4, Timing.quantile(sorted, 0.5), EXACT);
        assertEquals(2, Timing.quantile(sorted, 0.25), EXACT);
        assertEquals(3, Timing.quantile(sorted, 0.375), EXACT);
        assertEquals(16, Timing.quantile(sorted, 1.0), EXACT);
        assertEquals(7, Timing.quantile(new double[] {7}, 0.75), EXACT);
    }

    @Test
    void budgetRejectsAnEmptyMeasuringTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Timing.Budget(1, 0));
        assertTrue(e.getMessage().contains("measureSeconds"), e.getMessage());
    }
}
