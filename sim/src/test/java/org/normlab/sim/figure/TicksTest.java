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

    /** A log value axis counts the point at step 0 (a log scale applies to its own axis only): it is drawn. */
    @Test
    void theAxisRangeHoldsEveryDrawnPoint() {
        Panel panel = new Panel(Label.of("g"), Axis.linear("step"), Axis.log("‖g‖"), List.of(new Curve("run",
                java.awt.Color.BLACK, LineStyle.SOLID, new double[] {0, 1, 2}, new double[] {2, 1.5, 1.2})),
                List.of(), true);
        Ticks y = Ticks.of(panel, false);
        assertTrue(y.high() > Math.log10(2), "the y of step 0 is inside: " + y.high());
        assertTrue(Ticks.of(panel, true).low() < 0);
    }

    /** Labels that fit: fewer or shorter ones on a short axis, never touching. */
    @Test
    void ticksFitTheAxisLength() {
        TextPainter text = new TextPainter(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 8));
        Ticks range = Ticks.of(Scale.LINEAR, 0, 300_000);
        List<String> wide = labels(Ticks.fitting(range, Scale.LINEAR, 400, true, text).ticks());
        List<String> narrow = labels(Ticks.fitting(range, Scale.LINEAR, 60, true, text).ticks());
        assertTrue(wide.size() > narrow.size(), wide + " vs " + narrow);
        assertTrue(narrow.size() >= 2 && narrow.stream().allMatch(l -> l.equals("0") || l.endsWith("k")),
                narrow.toString());
        Ticks decades = Ticks.of(Scale.LOG, -12, 3);
        List<String> tall = labels(Ticks.fitting(decades, Scale.LOG, 300, false, text).ticks());
        List<String> shortAxis = labels(Ticks.fitting(decades, Scale.LOG, 40, false, text).ticks());
        assertTrue(tall.size() > shortAxis.size() && shortAxis.size() >= 2, tall + " vs " + shortAxis);
        Ticks.Fitted tiny = Ticks.fitting(Ticks.of(Scale.LINEAR, 1e-7, 3.4e-5), Scale.LINEAR, 60, false, text);
        assertEquals("×10^{−5}", tiny.note());
    }
}
