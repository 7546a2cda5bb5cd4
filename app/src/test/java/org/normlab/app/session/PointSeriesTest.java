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
        PointSeries series = new PointSeries();
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            int seen = 0;
            while (seen < points && problem.get() == null) {
                int size = series.size();
                for (int i = seen; i < size; i++) {
                    if (series.x(i) != i || series.y(i) != -2.0 * i) {
                        problem.set("point " + i + " read as (" + series.x(i) + ", " + series.y(i) + ")");
                    }
                }
                seen = size;
            }
        });
        reader.start();
        for (int i = 0; i < points; i++) {
            series.append(i, -2.0 * i);
        }
        reader.join();
        assertEquals(null, problem.get());
        assertEquals(points, series.size());
    }

    @Test
    void pointsBeyondTheSizeAreNotReadable() {
        PointSeries series = new PointSeries();
        series.append(0, 1);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> series.y(1));
        assertTrue(e.getMessage().contains("point 1 of a series of 1"), e.getMessage());
    }
}
