package org.normlab.sim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.normlab.sim.run.Progress;

/**
 * Progress of a run on the terminal: step/total, loss, steps per second and time left. On a terminal one line
 * rewritten in place ({@code \r}) about ten times a second; otherwise (a log file, a pipe) a new line every few
 * seconds.
 */
final class TerminalProgress implements Progress {
    private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final String name;
    private final long start = System.nanoTime();
    private long lastShown = start;
    private boolean lineOpen;

    TerminalProgress(PrintWriter out, boolean terminal, String name) {
        this.out = out;
        this.terminal = terminal;
        this.name = name;
    }

    @Override
    public void stepped(long step, long totalSteps, double loss) {
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        lastShown = now;
        double seconds = (now - start) * 1e-9;
        double rate = step / seconds;
        String line = String.format(Locale.ROOT, "%s  step %d/%d  loss %.4g  %.0f steps/s  ETA %s", name, step,
                totalSteps, loss, rate, duration((totalSteps - step) / rate));
        if (terminal) {
            out.print("\r" + line + "\033[K");
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the in-place line, so what follows starts on a line of its own. */
    void finish() {
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
