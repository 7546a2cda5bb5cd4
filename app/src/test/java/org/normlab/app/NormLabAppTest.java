package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, driven headless through Monocle: it trains on its own, Pause stops the step counter, Play
 * resumes it. Every wait polls with a generous timeout, so a loaded machine is slow but not wrong.
 */
class NormLabAppTest {
    private static final long TIMEOUT_SECONDS = 30;
    /** The counter must hold still this long to count as stopped; a training step takes milliseconds. */
    private static final long STILL_MILLIS = 1000;
    private static final Pattern STEP = Pattern.compile("^step (\\d+) ");

    private final FxRobot robot = new FxRobot();
    private NormLabApp app;

    @BeforeEach
    void openWindow() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        app = (NormLabApp) FxToolkit.setupApplication(NormLabApp::new);
    }

    @AfterEach
    void closeWindow() throws TimeoutException {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void trainsFromTheStartPausesAndResumes() throws Exception {
        awaitTrue("training starts", () -> steps() > 0);
        long started = steps();
        awaitTrue("the step counter grows", () -> steps() > started);

        robot.clickOn("#playPause");
        assertEquals("Play", fx(() -> robot.lookup("#playPause").queryAs(Button.class).getText()));
        awaitTrue("the status line says paused", () -> status().contains("paused"));
        long paused = awaitStill();
        Thread.sleep(STILL_MILLIS);
        assertEquals(paused, steps(), "no steps while paused");

        robot.clickOn("#playPause");
        assertEquals("Pause", fx(() -> robot.lookup("#playPause").queryAs(Button.class).getText()));
        awaitTrue("training resumes", () -> steps() > paused);
    }

    @Test
    void theLogScaleBoxSwitchesTheLossAxis() throws Exception {
        robot.clickOn("#logScale");
        DefaultNumericAxis lossAxis = robot.lookup(node -> node instanceof DefaultNumericAxis axis
                && axis.getSide().isVertical()).queryAs(DefaultNumericAxis.class);
        assertTrue(fx(lossAxis::isLogAxis));
        robot.clickOn("#logScale");
        assertTrue(fx(() -> !lossAxis.isLogAxis()));
    }

    private String status() throws Exception {
        return fx(() -> robot.lookup("#status").queryAs(Labeled.class).getText());
    }

    /** The step count the status line shows, 0 before the first step. */
    private long steps() throws Exception {
        Matcher step = STEP.matcher(status());
        return step.find() ? Long.parseLong(step.group(1)) : 0;
    }

    /** Waits until the step count holds still for {@link #STILL_MILLIS} and returns it. */
    private long awaitStill() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        long previous = steps();
        while (System.nanoTime() < deadline) {
            Thread.sleep(STILL_MILLIS);
            long current = steps();
            if (current == previous) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("the step counter kept moving for " + TIMEOUT_SECONDS + " s after Pause");
    }

    private static void awaitTrue(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + TIMEOUT_SECONDS + " s in vain: " + what, e);
        }
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
