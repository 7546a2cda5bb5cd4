package org.normlab.app.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.normlab.app.session.Computation;

/**
 * The status bar's progress: of the computations under way — the race's (a curvature probe) and the window's own (an
 * export being written) — the one that has taken longest, once it has taken {@value #SHOW_AFTER_SECONDS} s.
 */
final class LongestComputation {
    /** Computations shorter than this are not worth a progress bar that flashes by. */
    static final double SHOW_AFTER_SECONDS = 0.3;

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;

    /** @param clock wall time in nanoseconds, as {@link System#nanoTime} */
    LongestComputation(LongSupplier clock) {
        this.clock = clock;
    }

    /** Records a computation of the window's own, from any thread; run the returned action when it ends. */
    Runnable working(String what) {
        Task task = new Task(what, clock.getAsLong());
        tasks.add(task);
        return () -> tasks.remove(task);
    }

    /** Shows the longest of {@code race}'s computations and the window's own, or nothing. */
    void show(List<Computation> race) {
        List<Computation> under = new ArrayList<>(race);
        long now = clock.getAsLong();
        tasks.forEach(task -> under.add(task.at(now)));
        Optional<Computation> longest = under.stream().filter(c -> c.elapsedSeconds() >= SHOW_AFTER_SECONDS)
                .max(Comparator.comparingDouble(Computation::elapsedSeconds));
        text.set(longest.map(LongestComputation::describe).orElse(""));
        fraction.set(longest.map(Computation::fraction).orElse(0.0));
    }

    /** "momentum: sharpness at step 4000 · 1.2 s (longest before: 1.8 s)". */
    static String describe(Computation c) {
        String longest = Double.isNaN(c.longestSeconds()) ? ""
                : String.format(Locale.ROOT, " (longest before: %.1f s)", c.longestSeconds());
        return String.format(Locale.ROOT, "%s · %.1f s%s", c.what(), c.elapsedSeconds(), longest);
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    /** A computation of the window's own, under way since {@code startNanos}. */
    private record Task(String what, long startNanos) {
        Computation at(long nowNanos) {
            return new Computation(what, (nowNanos - startNanos) * 1e-9, Double.NaN);
        }
    }
}
