package org.normlab.sim.tour;

import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.stream.Collectors;
import org.normlab.sim.run.Tour;
import org.normlab.sim.run.Tour.Claim;

/**
 * Checks one claim of a tour against recorded series: the claim reads only values measured at the steps it names (a
 * step the series was not measured at is itself a failure, naming the steps nearby that were), and any NaN fails it.
 */
public final class ClaimCheck {

    /** The recorded values of series {@code series} of run {@code run}, step → value (empty if none). */
    @FunctionalInterface
    public interface Recorded {
        NavigableMap<Long, Double> series(String run, String series);
    }

    private ClaimCheck() {
    }

    /** Why {@code claim} does not hold on {@code recorded}, one line naming run, series, steps and values; or empty. */
    public static Optional<String> failure(Claim claim, Recorded recorded) {
        try {
            return check(claim, recorded);
        } catch (NotMeasured e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> check(Claim claim, Recorded recorded) {
        String at = "run " + claim.run() + ", " + claim.series();
        if (claim instanceof Claim.AtStep point) {
            double v = value(recorded, claim.run(), claim.series(), point.step());
            String measured = at + " at step " + point.step() + " = " + number(v);
            if (claim instanceof Claim.Above c) {
                return unless(v > c.above(), measured + ", claimed above " + number(c.above()));
            } else if (claim instanceof Claim.Below c) {
                return unless(v < c.below(), measured + ", claimed below " + number(c.below()));
            } else if (claim instanceof Claim.Between c) {
                return unless(v >= c.between().get(0) && v <= c.between().get(1), measured + ", claimed between "
                        + number(c.between().get(0)) + " and " + number(c.between().get(1)));
            } else if (claim instanceof Claim.Near c) {
                return unless(Math.abs(v - c.near()) <= c.within() * Math.abs(c.near()), measured + ", claimed near "
                        + number(c.near()) + " within " + percent(c.within()) + " (off by "
                        + percent(Math.abs(v - c.near()) / Math.abs(c.near())) + ")");
            } else if (claim instanceof Claim.AboveSeries c) {
                double other = value(recorded, claim.run(), c.aboveSeries(), point.step());
                return unless(v > other, measured + ", claimed above " + c.aboveSeries() + " = " + number(other));
            } else if (claim instanceof Claim.BelowSeries c) {
                double other = value(recorded, claim.run(), c.belowSeries(), point.step());
                return unless(v < other, measured + ", claimed below " + c.belowSeries() + " = " + number(other));
            } else if (claim instanceof Claim.AboveRun c) {
                double other = value(recorded, c.aboveRun(), claim.series(), point.step());
                return unless(v > other, measured + ", claimed above run " + c.aboveRun() + "'s " + number(other));
            } else if (claim instanceof Claim.BelowRun c) {
                double other = value(recorded, c.belowRun(), claim.series(), point.step());
                return unless(v < other, measured + ", claimed below run " + c.belowRun() + "'s " + number(other));
            }
        }
        Claim.Trend trend = (Claim.Trend) claim;
        double first = value(recorded, claim.run(), claim.series(), trend.from());
        double last = value(recorded, claim.run(), claim.series(), trend.to());
        String span = at + " from step " + trend.from() + " (" + number(first) + ") to step " + trend.to() + " ("
                + number(last) + ")";
        if (claim instanceof Claim.Rises) {
            return unless(last > first, span + ", claimed to rise");
        } else if (claim instanceof Claim.Falls) {
            return unless(last < first, span + ", claimed to fall");
        }
        boolean increasing = ((Claim.Monotone) claim).monotone() == Claim.Direction.INCREASING;
        Map.Entry<Long, Double> previous = null;
        for (Map.Entry<Long, Double> e : recorded.series(claim.run(), claim.series())
                .subMap(trend.from(), true, trend.to(), true).entrySet()) {
            if (previous != null && !(increasing ? e.getValue() >= previous.getValue()
                    : e.getValue() <= previous.getValue())) {
                return Optional.of(span + ", claimed " + (increasing ? "increasing" : "decreasing") + ", but it goes "
                        + "from " + number(previous.getValue()) + " at step " + previous.getKey() + " to "
                        + number(e.getValue()) + " at step " + e.getKey());
            }
            previous = e;
        }
        return Optional.empty();
    }

    private static Optional<String> unless(boolean holds, String message) {
        return holds ? Optional.empty() : Optional.of(message);
    }

    /** The value measured at {@code step}, or a {@link NotMeasured} naming the steps nearby that were measured. */
    private static double value(Recorded recorded, String run, String series, long step) {
        NavigableMap<Long, Double> values = recorded.series(run, series);
        Double v = values.get(step);
        if (v == null) {
            String nearby = values.isEmpty() ? "never measured"
                    : "measured at " + values.headMap(step, false).descendingKeySet().stream().limit(2)
                    .sorted().map(String::valueOf).collect(Collectors.joining(", "))
                    + (values.headMap(step, false).isEmpty() ? "" : ", ") + "…"
                    + (values.ceilingKey(step) == null ? " (none later)" : ", " + values.ceilingKey(step));
            throw new NotMeasured("run " + run + ", " + series + " was not measured at step " + step + " (" + nearby
                    + "): a tour claims only at measured steps");
        }
        return v;
    }

    /** A number as a reader of the narration would compare it: 4 significant digits. */
    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : String.valueOf(v);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.3g%%", 100 * fraction);
    }

    private static final class NotMeasured extends RuntimeException {
        NotMeasured(String message) {
            super(message, null, false, false);
        }
    }
}
