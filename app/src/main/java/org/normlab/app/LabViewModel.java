package org.normlab.app;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * What the lab window shows and lets the user change, as plain JavaFX properties: usable and testable without a
 * running toolkit. The window's owner feeds it progress ({@link #update}) on the FX thread and listens to
 * {@link #playingProperty()} to steer training.
 */
public final class LabViewModel {
    /** Steps per second are measured over windows at least this long, so the figure is steady enough to read. */
    static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private final BooleanProperty playing = new SimpleBooleanProperty(true);
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final ReadOnlyLongWrapper steps = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("starting…");
    private final StringBinding playLabel = Bindings.when(playing).then("Pause").otherwise("Play");

    private double lastLoss = Double.NaN;
    private double stepsPerSecond = Double.NaN;
    private long windowStartSteps;
    private long windowStartNanos;
    private boolean windowOpen;
    private String failure;

    public LabViewModel() {
        playing.addListener((property, was, now) -> {
            windowOpen = false;
            stepsPerSecond = Double.NaN;
            refreshStatus();
        });
    }

    /** Whether training runs; the user toggles it, the window's owner pauses or resumes training to match. */
    public BooleanProperty playingProperty() {
        return playing;
    }

    public void togglePlaying() {
        playing.set(!playing.get());
    }

    /** "Pause" while playing, "Play" while paused. */
    public StringBinding playLabel() {
        return playLabel;
    }

    /** Whether the loss axis is logarithmic. */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** Training steps completed. */
    public ReadOnlyLongProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    /** One line: steps, steps per second (or "paused") and the latest loss, or why training stopped. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * Records progress: {@code completedSteps} so far, the latest minibatch loss, at {@code nanoTime} (any
     * monotonic clock in nanoseconds, such as {@link System#nanoTime()}).
     */
    public void update(long completedSteps, double latestLoss, long nanoTime) {
        steps.set(completedSteps);
        lastLoss = latestLoss;
        if (!windowOpen) {
            windowStartSteps = completedSteps;
            windowStartNanos = nanoTime;
            windowOpen = true;
        } else if (nanoTime - windowStartNanos >= RATE_WINDOW_NANOS) {
            stepsPerSecond = (completedSteps - windowStartSteps) * 1e9 / (nanoTime - windowStartNanos);
            windowStartSteps = completedSteps;
            windowStartNanos = nanoTime;
        }
        refreshStatus();
    }

    /** Training ended with an error: the status line says so from now on. */
    public void fail(String message) {
        failure = message;
        refreshStatus();
    }

    private void refreshStatus() {
        if (failure != null) {
            status.set("training stopped: " + failure);
            return;
        }
        if (steps.get() == 0) {
            return;
        }
        String pace = !playing.get() ? "paused"
                : Double.isNaN(stepsPerSecond) ? "measuring…"
                : String.format(Locale.ROOT, "%.0f steps/s", stepsPerSecond);
        status.set(String.format(Locale.ROOT, "step %d · %s · loss %.4g", steps.get(), pace, lastLoss));
    }
}
