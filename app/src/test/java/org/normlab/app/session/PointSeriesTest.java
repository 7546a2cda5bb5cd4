package org.normlab.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PointSeriesTest {

    @Test
    void aReaderOnAnotherThreadOnlySeesCompletePoints() throws InterruptedException {
        int points = 300_000;
        PointSeries series = new PointSeries(4096);
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            double newest = -1;
            while (newest < points - 1 && problem.get() == null) {
                PointSeries.Points snapshot = series.snapshot();
                for (int i = 0; i < snapshot.size(); i++) {
                    double x = snapshot.x(i);
                    if (snapshot.y(i) != -2.0 * x || (i > 0 && !(x > snapshot.x(i - 1)))) {
                        problem.set("point " + i + " read as (" + x + ", " + snapshot.y(i) + ")");
                    }
                }
                newest = snapshot.size() == 0 ? -1 : snapshot.x(snapshot.size() - 1);
            }
        });
        reader.start();
        for (int i = 0; i < points; i++) {
            series.append(i, -2.0 * i);
        }
        reader.join();
        assertEquals(null, problem.get());
        assertEquals(points - 1, series.x(series.size() - 1));
    }

    @Test
    void pointsBeyondTheSizeAreNotReadable() {
        PointSeries series = new PointSeries();
        series.append(0, 1);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> series.y(1));
        assertTrue(e.getMessage().contains("point 1 of a series of 1"), e.getMessage());
    }

    /** Compaction bounds the points, keeps each kept point exact, the steps in order, every extreme and the recent past. */
    @Test
    void aFullSeriesCompactsKeepingExtremesAndRecentPointsWithinItsCapacity() {
        int capacity = 64;
        PointSeries series = new PointSeries(capacity);
        PointSeries.Points early = null;
        int appended = 10_000;
        for (int i = 0; i < appended; i++) {
            series.append(i, y(i));
            if (i == capacity - 1) {
                early = series.snapshot();
            }
            assertTrue(series.size() <= capacity, "size " + series.size() + " after " + (i + 1));
        }
        PointSeries.Points points = series.snapshot();
        assertTrue(points.compactions() > 0);
        double top = Double.NEGATIVE_INFINITY;
        double bottom = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            assertEquals(y((int) points.x(i)), points.y(i), "a kept point is a point that was appended");
            if (i > 0) {
                assertTrue(points.x(i) > points.x(i - 1), "steps in order at " + i);
            }
            top = Math.max(top, points.y(i));
            bottom = Math.min(bottom, points.y(i));
        }
        assertEquals(1e6, top, "the spike at step " + SPIKE + " survives every compaction");
        assertEquals(-1e6, bottom, "and so does the dip");
        assertEquals(appended - 1, points.x(points.size() - 1), "the newest point");
        for (int back = 1; back <= capacity / 4; back++) {
            assertEquals(appended - back, points.x(points.size() - back), "the recent past at full resolution");
        }
        for (int i = 0; i < capacity; i++) {
            assertEquals(i, early.x(i), "a snapshot taken before a compaction stays intact");
        }
        assertThrows(IllegalArgumentException.class, () -> new PointSeries(6));
    }

    private static final int SPIKE = 1234;

    /** A slow wave with one spike and one dip. */
    private static double y(int i) {
        return i == SPIKE ? 1e6 : i == 5 * SPIKE ? -1e6 : Math.sin(i * 1e-3);
    }

    /** The extent a chart's axis may use: finite values only, the least positive apart, every extreme kept. */
    @Test
    void theExtentHoldsTheFiniteValuesThroughCompactions() {
        PointSeries series = new PointSeries(8);
        assertTrue(series.extent().isEmpty());
        series.append(0, Double.NaN);
        series.append(1, Double.POSITIVE_INFINITY);
        assertTrue(series.extent().isEmpty(), "no finite value yet");
        series.append(2, -3);
        series.append(3, 0);
        series.append(4, 1e306);
        series.append(5, 2e-308);
        for (int i = 6; i < 40; i++) {
            series.append(i, 1);
        }
        assertEquals(new PointSeries.Extent(-3, 1e306, 2e-308), series.extent());
        assertEquals(new PointSeries.Extent(-3, 5, 2e-308),
                new PointSeries.Extent(-3, 1, 2e-308).union(new PointSeries.Extent(0.5, 5, 0.5)));
        assertEquals(new PointSeries.Extent(1, 5, 1), PointSeries.Extent.NONE.union(new PointSeries.Extent(1, 5, 1)));
    }
}
