package org.normlab.app;

import javafx.animation.AnimationTimer;

/**
 * Counts a window's frames, for measurements: JavaFX pulses, which this timer keeps going ~60 times a second and which
 * fall behind when the FX thread or the renderer cannot keep up, so the count tells how quickly the window can
 * answer. The lab itself forces no frames (JavaFX draws only what changed), so a running counter adds the cost of
 * 60 pulses a second to what it measures. Start and stop it on the FX thread; read {@link #perSecond} from any thread.
 */
public final class FrameRate extends AnimationTimer {
    private static final long WINDOW_NANOS = 500_000_000L;

    private long windowStart = -1;
    private int frames;
    private volatile long total;
    private volatile double perSecond = Double.NaN;

    @Override
    public void handle(long now) {
        if (windowStart < 0) {
            windowStart = now;
            return;
        }
        frames++;
        total++;
        if (now - windowStart >= WINDOW_NANOS) {
            perSecond = frames * 1e9 / (now - windowStart);
            windowStart = now;
            frames = 0;
        }
    }

    /** Frames since the start, for rates over windows of one's own. */
    public long total() {
        return total;
    }

    /** Frames per second over the last half second or so; NaN before the first measurement. */
    public double perSecond() {
        return perSecond;
    }
}
