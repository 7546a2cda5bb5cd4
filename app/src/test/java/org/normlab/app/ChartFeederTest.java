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
    void rejectsARateAboveThirtyHertz() throws InterruptedException {
        try (ChartFeeder feeder = new ChartFeeder(MAX_POINTS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> feeder.start(60));
            assertTrue(e.getMessage().contains("ticksPerSecond"), e.getMessage());
        }
    }
}
