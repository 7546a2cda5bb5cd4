package org.normlab.sim.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.normlab.sim.run.Progress;

/**
 * Progress of a race on the terminal: steps taken by all runs together, steps per second and time left. On a
 * terminal one line rewritten in place ({@code \r}) about ten times a second; otherwise (a log file, a pipe) a new
 * line every few seconds. A run that diverges is announced at once on a line of its own. Runs report from their own
 * threads, so every method is synchronized.
 */
final class TerminalProgress implements Progress {
    private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final String name;
    private final int runs;
    private final String unit;
    private final Map<String, Long> stepsByRun = new HashMap<>();
    private final long start = System.nanoTime();
    private long lastShown = start;
    private boolean lineOpen;

    /** @param unit what {@code runs} counts, plural: "runs" of a race, "trials" of a sweep */
    TerminalProgress(PrintWriter out, boolean terminal, String name, int runs, String unit) {
        this.out = out;
        this.terminal = terminal;
        this.name = name;
        this.runs = runs;
        this.unit = unit;
    }

    @Override
    public synchronized void stepped(String run, long step, long totalSteps) {
        stepsByRun.put(run, step);
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        lastShown = now;
        long done = stepsByRun.values().stream().mapToLong(Long::longValue).sum();
        long total = totalSteps * runs;
        double rate = done / ((now - start) * 1e-9);
        String line = String.format(Locale.ROOT, "%s  %d %s  step %d/%d  %.0f steps/s  ETA %s", name, runs, unit,
                done, total, rate, duration((total - done) / rate));
        if (terminal) {
            out.print("\r" + line + "\033[K");
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public synchronized void diverged(String run, long step) {
        finish();
        out.println(run + ": diverged at step " + step + " (loss, gradient or parameters not finite); "
                + "the other " + unit + " go on");
        out.flush();
    }

    /** Ends the in-place line, so what follows starts on a line of its own. */
    synchronized void finish() {
        if (lineOpen) {
            out.print("\r\033[K");
            out.flush();
            lineOpen = false;
        }
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        return s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
