package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The default experiment trained for real, on the loop's own thread. */
class TrainingLoopTest {
    private static final long SEED = 3;
    private static final int STEPS = 400;
    private static final int WINDOW = 50;
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void sgdLowersTheLossAndRecordsEveryStepInOrder() throws Exception {
        PointSeries loss = train(STEPS);
        for (int i = 0; i < loss.size(); i++) {
            assertEquals(i, loss.x(i), "x is the step index");
        }
        double early = mean(loss, 0);
        double late = mean(loss, STEPS - WINDOW);
        assertTrue(late < early, "mean loss of steps [" + (STEPS - WINDOW) + ", " + STEPS + ") is " + late
                + ", of the first " + WINDOW + " steps " + early);
    }

    @Test
    void theSameSeedGivesTheSameLosses() throws Exception {
        PointSeries first = train(WINDOW);
        PointSeries second = train(WINDOW);
        for (int i = 0; i < WINDOW; i++) {
            assertEquals(first.y(i), second.y(i), "loss of step " + i);
        }
    }

    private static PointSeries train(int steps) throws Exception {
        TrainingLoop loop = new TrainingLoop(SgdExperiment.spirals(SEED));
        loop.start();
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> loop.loss().size() >= steps || loop.failure() != null);
        } catch (TimeoutException e) {
            throw new AssertionError("fewer than " + steps + " steps in " + TIMEOUT_SECONDS + " s", e);
        } finally {
            loop.stop();
        }
        assertNull(loop.failure());
        return loop.loss();
    }

    private static double mean(PointSeries series, int from) {
        double sum = 0;
        for (int i = from; i < from + WINDOW; i++) {
            sum += series.y(i);
        }
        return sum / WINDOW;
    }
}
