package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
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
    void pacingSpacesUpdatesOutWhileFramesAreLowAndBringsThemBackWhenTheyRecover() {
        ChartPacing pacing = new ChartPacing(50, 1000, 35, 50);
        assertEquals(50, pacing.periodNanos(), "starts at the fastest");
        pacing.observe(Double.NaN);
        assertEquals(50, pacing.periodNanos(), "nothing measured yet: holds");
        pacing.observe(20);
        assertEquals(75, pacing.periodNanos());
        for (int i = 0; i < 20; i++) {
            pacing.observe(5);
        }
        assertEquals(1000, pacing.periodNanos(), "never slower than the slowest");
        pacing.observe(40);
        assertEquals(1000, pacing.periodNanos(), "between the bounds: holds");
        for (int i = 0; i < 30; i++) {
            pacing.observe(60);
        }
        assertEquals(50, pacing.periodNanos(), "never faster than the fastest");
        assertThrows(IllegalArgumentException.class, () -> new ChartPacing(50, 1000, 50, 35));
        assertThrows(IllegalArgumentException.class, () -> new ChartPacing(0, 1000, 35, 50));
    }

    /** Started, the feeder keeps the DataSet up to date on its own thread. */
    @Test
    void feedsOnItsOwnThreadOnceStarted() throws InterruptedException {
        PointSeries series = new PointSeries();
        DoubleDataSet target = new DoubleDataSet("loss");
        try (ChartFeeder feeder = new ChartFeeder(MAX_POINTS)) {
            feeder.connect(series, target);
            feeder.start(new ChartPacing(1_000_000, 1_000_000, 35, 50), () -> 60);
            series.append(0, 1);
            series.append(1, 2);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (target.getDataCount() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(2, target.getDataCount());
            assertEquals(1000, feeder.updatesPerSecond(), 1e-9);
        }
    }
}
