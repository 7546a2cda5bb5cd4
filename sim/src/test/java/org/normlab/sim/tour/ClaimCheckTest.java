package org.normlab.sim.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.normlab.sim.run.Tour.Claim;

/** Each kind of claim holds where the numbers say so and fails, naming run, series, step and values, where not. */
class ClaimCheckTest {
    /** Run a: loss 0.5 at step 10, 0.4 at 20, 0.45 at 30; threshold 0.42 at every step; run b: loss 0.3 at 20. */
    private static final Map<String, Map<String, NavigableMap<Long, Double>>> RECORDED = Map.of(
            "a", Map.of("loss", new TreeMap<>(Map.of(10L, 0.5, 20L, 0.4, 30L, 0.45)),
                    "threshold", new TreeMap<>(Map.of(10L, 0.42, 20L, 0.42, 30L, 0.42))),
            "b", Map.of("loss", new TreeMap<>(Map.of(20L, 0.3)), "nan", new TreeMap<>(Map.of(20L, Double.NaN))));

    private static Optional<String> check(Claim claim) {
        return ClaimCheck.failure(claim, (run, series) -> RECORDED.getOrDefault(run, Map.of())
                .getOrDefault(series, new TreeMap<>()));
    }

    @Test
    void valueClaims() {
        assertEquals(Optional.empty(), check(new Claim.Above("a", "loss", 20, 0.39)));
        assertEquals(Optional.of("run a, loss at step 20 = 0.4000, claimed above 0.4000"),
                check(new Claim.Above("a", "loss", 20, 0.4)));
        assertEquals(Optional.empty(), check(new Claim.Below("a", "loss", 20, 0.41)));
        assertEquals(Optional.of("run a, loss at step 20 = 0.4000, claimed below 0.3000"),
                check(new Claim.Below("a", "loss", 20, 0.3)));
        assertEquals(Optional.empty(), check(new Claim.Between("a", "loss", 20, List.of(0.4, 0.5))));
        assertEquals(Optional.of("run a, loss at step 10 = 0.5000, claimed between 0.1000 and 0.4900"),
                check(new Claim.Between("a", "loss", 10, List.of(0.1, 0.49))));
        assertEquals(Optional.empty(), check(new Claim.Near("a", "loss", 20, 0.42, 0.05)));
        assertEquals(Optional.of("run a, loss at step 20 = 0.4000, claimed near 0.4400 within 5.00% (off by 9.09%)"),
                check(new Claim.Near("a", "loss", 20, 0.44, 0.05)));
    }

    @Test
    void claimsAgainstAnotherSeriesOrRun() {
        assertEquals(Optional.empty(), check(new Claim.AboveSeries("a", "loss", 10, "threshold")));
        assertEquals(Optional.of("run a, loss at step 20 = 0.4000, claimed above threshold = 0.4200"),
                check(new Claim.AboveSeries("a", "loss", 20, "threshold")));
        assertEquals(Optional.empty(), check(new Claim.BelowSeries("a", "loss", 20, "threshold")));
        assertEquals(Optional.of("run a, loss at step 30 = 0.4500, claimed below threshold = 0.4200"),
                check(new Claim.BelowSeries("a", "loss", 30, "threshold")));
        assertEquals(Optional.empty(), check(new Claim.AboveRun("a", "loss", 20, "b")));
        assertEquals(Optional.of("run b, loss at step 20 = 0.3000, claimed above run a's 0.4000"),
                check(new Claim.AboveRun("b", "loss", 20, "a")));
        assertEquals(Optional.empty(), check(new Claim.BelowRun("b", "loss", 20, "a")));
        assertEquals(Optional.of("run a, loss at step 20 = 0.4000, claimed below run b's 0.3000"),
                check(new Claim.BelowRun("a", "loss", 20, "b")));
    }

    @Test
    void trendClaims() {
        assertEquals(Optional.empty(), check(new Claim.Falls("a", "loss", 10, 30, true)));
        assertEquals(Optional.of("run a, loss from step 20 (0.4000) to step 30 (0.4500), claimed to fall"),
                check(new Claim.Falls("a", "loss", 20, 30, true)));
        assertEquals(Optional.empty(), check(new Claim.Rises("a", "loss", 20, 30, true)));
        assertEquals(Optional.of("run a, loss from step 10 (0.5000) to step 30 (0.4500), claimed to rise"),
                check(new Claim.Rises("a", "loss", 10, 30, true)));
        assertEquals(Optional.empty(), check(new Claim.Monotone("a", "loss", 10, 20, Claim.Direction.DECREASING)));
        assertEquals(Optional.of("run a, loss from step 10 (0.5000) to step 30 (0.4500), claimed decreasing, but it "
                + "goes from 0.4000 at step 20 to 0.4500 at step 30"),
                check(new Claim.Monotone("a", "loss", 10, 30, Claim.Direction.DECREASING)));
        assertEquals(Optional.of("run a, loss from step 10 (0.5000) to step 20 (0.4000), claimed increasing, but it "
                + "goes from 0.5000 at step 10 to 0.4000 at step 20"),
                check(new Claim.Monotone("a", "loss", 10, 20, Claim.Direction.INCREASING)));
        // A constant series is both (each value at least, and at most, the one before).
        assertEquals(Optional.empty(), check(new Claim.Monotone("a", "threshold", 10, 30,
                Claim.Direction.INCREASING)));
        assertEquals(Optional.empty(), check(new Claim.Monotone("a", "threshold", 10, 30,
                Claim.Direction.DECREASING)));
    }

    @Test
    void aStepNotMeasuredAndANaNFail() {
        assertEquals(Optional.of("run a, loss was not measured at step 25 (measured at 10, 20, …, 30): a tour claims "
                + "only at measured steps"), check(new Claim.Above("a", "loss", 25, 0)));
        assertEquals(Optional.of("run a, loss was not measured at step 5 (measured at …, 10): a tour claims only at "
                + "measured steps"), check(new Claim.Rises("a", "loss", 5, 30, true)));
        assertEquals(Optional.of("run b, threshold was not measured at step 20 (never measured): a tour claims only "
                + "at measured steps"), check(new Claim.BelowSeries("b", "loss", 20, "threshold")));
        assertEquals(Optional.of("run a, loss was not measured at step 40 (measured at 20, 30, … (none later)): a "
                + "tour claims only at measured steps"), check(new Claim.Below("a", "loss", 40, 1)));
        assertEquals(Optional.of("run b, nan at step 20 = NaN, claimed below 1.000"),
                check(new Claim.Below("b", "nan", 20, 1)));
        assertEquals(Optional.of("run b, nan at step 20 = NaN, claimed above 1.000"),
                check(new Claim.Above("b", "nan", 20, 1)));
    }
}
