package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The view model on its own: no toolkit, no training, a hand-driven clock. */
class LabViewModelTest {
    private static final long SECOND = 1_000_000_000L;
    private static final double LOSS = 0.25;

    private final LabViewModel model = new LabViewModel();

    @Test
    void startsPlayingOnALinearAxis() {
        assertTrue(model.playingProperty().get());
        assertEquals("Pause", model.playLabel().get());
        assertFalse(model.logScaleProperty().get());
        assertEquals(0, model.stepsProperty().get());
    }

    @Test
    void measuresStepsPerSecondOverAFullWindow() {
        long t0 = 7 * SECOND;
        model.update(100, LOSS, t0);
        model.update(600, LOSS, t0 + SECOND / 2);
        assertTrue(model.statusProperty().get().contains("measuring"), model.statusProperty().get());

        model.update(1100, LOSS, t0 + SECOND);
        assertEquals(1100, model.stepsProperty().get());
        assertEquals("step 1100 · 1000 steps/s · loss 0.2500", model.statusProperty().get());

        model.update(1400, LOSS, t0 + 3 * SECOND);
        assertTrue(model.statusProperty().get().contains(" 150 steps/s"), model.statusProperty().get());
    }

    @Test
    void pausingSaysSoAndRestartsTheRateMeasurement() {
        model.update(10, LOSS, 0);
        model.update(510, LOSS, SECOND);
        model.togglePlaying();
        assertFalse(model.playingProperty().get());
        assertEquals("Play", model.playLabel().get());
        assertEquals("step 510 · paused · loss 0.2500", model.statusProperty().get());

        model.togglePlaying();
        model.update(520, LOSS, 60 * SECOND);
        assertTrue(model.statusProperty().get().contains("measuring"), "a pause must not count as slow training");
        model.update(620, LOSS, 61 * SECOND);
        assertTrue(model.statusProperty().get().contains(" 100 steps/s"), model.statusProperty().get());
    }

    @Test
    void aFailureStaysOnTheStatusLine() {
        model.update(5, LOSS, 0);
        model.fail("loss became NaN");
        model.update(6, LOSS, SECOND);
        assertEquals("training stopped: loss became NaN", model.statusProperty().get());
    }
}
