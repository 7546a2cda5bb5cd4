package org.normlab.sim.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ticks a reader expects: round numbers inside the axis, decades on log axes. */
class TicksTest {
    private static List<String> labels(Ticks ticks) {
        return ticks.major().stream().map(t -> t.label().markup()).toList();
    }

    @Test
    void linearTicksAreRoundStepsInsideTheRange() {
        Ticks ticks = Ticks.of(Scale.LINEAR, 0, 2000);
        assertEquals(List.of("0", "500", "1000", "1500", "2000"), labels(ticks));
        assertTrue(ticks.low() < 0 && ticks.high() > 2000, "a margin around the data");
        assertEquals(List.of("0.1", "0.15", "0.2", "0.25", "0.3"), labels(Ticks.of(Scale.LINEAR, 0.1, 0.3)),
                "no binary noise such as 0.30000000000000004");
    }

    @Test
    void logTicksAreDecadesWithMinorTicksBetween() {
        Ticks ticks = Ticks.of(Scale.LOG, -4, 1);
        assertEquals(List.of("10^{−4}", "10^{−3}", "10^{−2}", "10^{−1}", "10^{0}", "10^{1}"), labels(ticks));
        assertTrue(ticks.minor().contains(Math.log10(2e-3)));
    }

    @Test
    void aLogAxisOverFewDecadesLabelsOneTwoFive() {
        assertEquals(List.of("0.05", "0.1", "0.2", "0.5", "1"), labels(Ticks.of(Scale.LOG, Math.log10(0.05), 0)));
    }

    @Test
    void aSinglePointOrNoPointStillGivesAnAxis() {
        Ticks point = Ticks.of(Scale.LINEAR, 7, 7);
        assertTrue(point.low() < 7 && point.high() > 7);
        Ticks empty = Ticks.of(Scale.LOG, Double.NaN, Double.NaN);
        assertTrue(empty.low() < empty.high());
    }

    @Test
    void labelsUseTypographicMinusAndPowersForExtremes() {
        assertEquals("−0.5", Ticks.format(-0.5));
        assertEquals("2×10^{−5}", Ticks.format(2e-5));
        assertEquals("10^{6}", Ticks.format(1e6));
    }
}
