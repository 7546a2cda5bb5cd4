package org.normlab.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.normlab.app.Await;
import org.normlab.app.session.PointSeries;
import org.junit.jupiter.api.Test;

/** One feeder tick at a time, straight into a DataSet (no chart, no toolkit). */
class ChartFeederTest {
    private static final int MAX_POINTS = 128;

    @Test
    void eachTickBringsTheDataSetUpToDateWithinItsBudget() throws InterruptedException {
        PointSeries series = new PointSeries();
        DoubleDataSet target = new DoubleDataSet("loss");
        try (ChartFeeder feeder = new ChartFeeder(MAX_POINTS)) {
            feeder.connect(series, target);
            for (int i = 0; i < 10; i++) {
                series.append(i, 1.0 / (i + 1));
            }
            feeder.feedOnce();
            assertEquals(10, target.getDataCount());
            assertEquals(9, target.get(DataSet.DIM_X, 9));

            for (int i = 10; i < 50_000; i++) {
                series.append(i, 1.0 / (i + 1));
            }
            series.append(50_000, 5.0);
            feeder.feedOnce();
            int n = target.getDataCount();
            assertTrue(n <= MAX_POINTS, n + " points");
            assertEquals(1.0, target.get(DataSet.DIM_Y, 0), "the first, highest point of the decay");
            assertEquals(50_000, target.get(DataSet.DIM_X, n - 1), "the newest point, a spike");
            assertEquals(5.0, target.get(DataSet.DIM_Y, n - 1));
        }
    }

    /**
     * Against τ = 20: 19.5 with bound 1 (interval [19.5, 20.5]) and 19.99 with bound 0.02 are undecided, drawn with
     * their bound as the upward error; 19 ± 0.5 is below, 20.1 above for certain, and a value with no bound at its step
     * is left out. Values that arrive later are classified at the next tick.
     */
    @Test
    void undecidedValuesAreThoseWhoseIntervalHoldsTheirThreshold() throws InterruptedException {
        PointSeries values = new PointSeries();
        PointSeries bounds = new PointSeries();
        PointSeries thresholds = new PointSeries();
        double[][] points = {{0, 19.5, 1}, {10, 19, 0.5}, {20, 20.1, 1}, {30, 19.99, 0.02}};
        for (double[] p : points) {
            values.append(p[0], p[1]);
            bounds.append(p[0], p[2]);
            thresholds.append(p[0], 20);
        }
        values.append(35, 19.9);
        thresholds.append(35, 20);
        DoubleErrorDataSet undecided = new DoubleErrorDataSet("undecided");
        try (ChartFeeder feeder = new ChartFeeder(MAX_POINTS)) {
            feeder.connectUndecided(values, bounds, thresholds, undecided, () -> true);
            feeder.feedOnce();
            assertEquals(2, undecided.getDataCount());
            assertEquals(0, undecided.get(DataSet.DIM_X, 0));
            assertEquals(19.5, undecided.get(DataSet.DIM_Y, 0));
            assertEquals(1, undecided.getErrorPositive(DataSet.DIM_Y, 0));
            assertEquals(0, undecided.getErrorNegative(DataSet.DIM_Y, 0), "the value is the interval's lower end");
            assertEquals(30, undecided.get(DataSet.DIM_X, 1));
            assertEquals(0.02, undecided.getErrorPositive(DataSet.DIM_Y, 1));

            values.append(40, 19.8);
            bounds.append(40, 0.3);
            thresholds.append(40, 20);
            feeder.feedOnce();
            assertEquals(3, undecided.getDataCount());
            assertEquals(40, undecided.get(DataSet.DIM_X, 2));
        }
    }

    @Test
    void pacingFollowsTheWindowsShareToItsBudget() {
        ChartPacing pacing = new ChartPacing(100, 1000, 0.05);
        assertEquals(100, pacing.periodNanos(), "starts at the fastest");
        pacing.observe(Double.NaN);
        assertEquals(100, pacing.periodNanos(), "nothing measured yet: holds");
        pacing.observe(0.06);
        assertEquals(120, pacing.periodNanos(), "20% over the budget: 20% further apart");
        assertEquals(0.06, pacing.lastShare());
        pacing.observe(0.05);
        assertEquals(120, pacing.periodNanos(), "on the budget: holds");
        pacing.observe(0.5);
        assertEquals(180, pacing.periodNanos(), "far over: at most 1.5x further apart at once");
        for (int i = 0; i < 20; i++) {
            pacing.observe(0.3);
        }
        assertEquals(1000, pacing.periodNanos(), "never slower than the slowest");
        pacing.observe(0.045);
        assertEquals(900, pacing.periodNanos(), "10% under: 10% closer");
        pacing.observe(0);
        assertEquals(750, pacing.periodNanos(), "far under: at most 1.2x closer at once");
        for (int i = 0; i < 30; i++) {
            pacing.observe(0.01);
        }
        assertEquals(100, pacing.periodNanos(), "never faster than the fastest");
        assertThrows(IllegalArgumentException.class, () -> new ChartPacing(50, 1000, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChartPacing(50, 1000, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ChartPacing(0, 1000, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new ChartPacing(50, 40, 0.05));
    }

    /** A target out of sight is left as it is; back in sight, the next tick brings it up to date with every point. */
    @Test
    void aTargetOutOfSightIsFedOnlyOnceBackInSight() {
        PointSeries series = new PointSeries();
        DoubleDataSet target = new DoubleDataSet("loss");
        boolean[] live = {false};
        try (ChartFeeder feeder = new ChartFeeder(MAX_POINTS)) {
            feeder.connect(series, target, () -> live[0]);
            for (int i = 0; i < 20; i++) {
                series.append(i, i);
            }
            feeder.feedOnce();
            assertEquals(0, target.getDataCount(), "out of sight: not fed");
            live[0] = true;
            feeder.feedOnce();
            assertEquals(20, target.getDataCount(), "back in sight: every point");
            assertEquals(19, target.get(DataSet.DIM_Y, 19));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A budget changed on the way (presenter mode's) paces from the next observation on. */
    @Test
    void aNewBudgetPacesFromTheNextObservation() {
        ChartPacing pacing = new ChartPacing(100, 1000, 0.05);
        pacing.observe(0.1);
        assertEquals(150, pacing.periodNanos(), "twice the budget: at most 1.5x slower at once");
        pacing.budget(0.1);
        pacing.observe(0.1);
        assertEquals(150, pacing.periodNanos(), "on the new budget: kept");
        pacing.observe(0.05);
        assertEquals(125, pacing.periodNanos(), "half the new budget: at most 1.2x faster at once");
        assertThrows(IllegalArgumentException.class, () -> pacing.budget(1.5));
    }

    /** Ticks start a period apart: the wait is what is left of the period after the tick, never negative. */
    @Test
    void ticksStartAPeriodApart() {
        ChartPacing pacing = new ChartPacing(100, 1000, 0.05);
        assertEquals(70, pacing.delayAfter(30));
        assertEquals(100, pacing.delayAfter(0));
        assertEquals(0, pacing.delayAfter(100), "a tick as long as the period is followed at once");
        assertEquals(0, pacing.delayAfter(250), "an overrun is not caught up");
        pacing.observe(0.06);
        assertEquals(90, pacing.delayAfter(30), "the period paced to 120");
    }

    /** The share is measured at the first tick, then only once half a second has passed since the last time. */
    @Test
    void pacingReadsTheWindowsShareAtMostTwiceASecond() {
        ChartPacing pacing = new ChartPacing(100, 1000, 0.05);
        int[] reads = {0};
        DoubleSupplier share = () -> {
            reads[0]++;
            return 0.05;
        };
        long t = 7_000_000_000L;
        pacing.ticked(t, share);
        assertEquals(1, reads[0], "read at the first tick");
        pacing.ticked(t + ChartPacing.OBSERVE_EVERY_NANOS - 1, share);
        assertEquals(1, reads[0], "not again within half a second");
        pacing.ticked(t + ChartPacing.OBSERVE_EVERY_NANOS, share);
        assertEquals(2, reads[0], "again after half a second");
        assertEquals(0.05, pacing.lastShare());
    }

    /** Started, the feeder keeps the DataSet up to date on its own thread, and hands over after every tick. */
    @Test
    void feedsOnItsOwnThreadOnceStarted() throws Exception {
        PointSeries series = new PointSeries();
        DoubleDataSet target = new DoubleDataSet("loss");
        try (ChartFeeder feeder = new ChartFeeder(MAX_POINTS)) {
            feeder.connect(series, target);
            AtomicInteger pointsSeenAfterATick = new AtomicInteger();
            feeder.start(new ChartPacing(1_000_000, 1_000_000, 0.05), () -> 0.5,
                    () -> pointsSeenAfterATick.set(target.getDataCount()));
            series.append(0, 1);
            series.append(1, 2);
            Await.until("a tick after both points", () -> pointsSeenAfterATick.get() == 2
                    && !Double.isNaN(feeder.windowShare()));
            assertEquals(1000, feeder.updatesPerSecond(), 1e-9);
            assertEquals(0.5, feeder.windowShare(), "the share the pacing observed at the first tick");
        }
    }
}
