package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
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
