package org.normlab.sim.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wall-clock times of repeated runs of one task, in milliseconds: the median and the interquartile range
 * {@code [q1, q3]}, which unlike the mean ignore the odd run hit by garbage collection or a neighbouring process.
 */
record Timing(double median, double q1, double q3, int repetitions) {

    private static final int MIN_REPETITIONS = 5;
    private static final int MAX_REPETITIONS = 100_000;

    /** How long to warm tasks up (JIT, caches, first-call allocations) and then to measure them, all together. */
    record Budget(double warmupSeconds, double measureSeconds) {
        Budget {
            if (!(warmupSeconds >= 0) || !(measureSeconds > 0)) {
                throw new IllegalArgumentException("warmupSeconds must be >= 0 and measureSeconds > 0, were "
                        + warmupSeconds + " and " + measureSeconds);
            }
        }
    }

    /**
     * Times the tasks in turns — one run of each, again and again — so that a change in the machine's load during
     * the measurement affects all of them alike and their ratios stay fair.
     */
    static List<Timing> interleaved(List<Runnable> tasks, Budget budget) {
        long warmupEnd = System.nanoTime() + (long) (budget.warmupSeconds() * 1e9);
        do {
            tasks.forEach(Runnable::run);
        } while (System.nanoTime() < warmupEnd);
        double[][] times = new double[tasks.size()][MAX_REPETITIONS];
        int n = 0;
        long end = System.nanoTime() + (long) (budget.measureSeconds() * 1e9);
        while (n < MAX_REPETITIONS && (n < MIN_REPETITIONS || System.nanoTime() < end)) {
            for (int t = 0; t < tasks.size(); t++) {
                long start = System.nanoTime();
                tasks.get(t).run();
                times[t][n] = (System.nanoTime() - start) / 1e6;
            }
            n++;
        }
        List<Timing> timings = new ArrayList<>();
        for (double[] sample : times) {
            double[] sorted = Arrays.copyOf(sample, n);
            Arrays.sort(sorted);
            timings.add(new Timing(quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75), n));
        }
        return timings;
    }

    /** Linear interpolation between the closest ranks of a sorted sample. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** "1.23 ms [1.20–1.31]". */
    @Override
    public String toString() {
        return Bench.milliseconds(median) + " [" + Bench.number(q1) + "–" + Bench.number(q3) + "]";
    }
}
