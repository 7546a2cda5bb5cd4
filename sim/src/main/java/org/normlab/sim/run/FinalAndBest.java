package org.normlab.sim.run;

/**
 * What a paper reports of a run's evaluations: the final value (at the highest step, whatever it is — the last before
 * divergence for a diverged run) and the best finite one (lowest loss, highest accuracy). The one home of that rule
 * for {@code sweep.csv} and the final-metrics table; NaN where there is nothing.
 */
public final class FinalAndBest {
    private long lastStep = -1;
    private double last = Double.NaN;
    private double lowest = Double.NaN;
    private double highest = Double.NaN;

    /** The values of a series in step order. */
    public static FinalAndBest of(double[] values) {
        FinalAndBest result = new FinalAndBest();
        for (int i = 0; i < values.length; i++) {
            result.add(i, values[i]);
        }
        return result;
    }

    /** One more point, in any order of steps. */
    public void add(long step, double value) {
        if (step >= lastStep) {
            lastStep = step;
            last = value;
        }
        if (Double.isFinite(value)) {
            lowest = Double.isNaN(lowest) ? value : Math.min(lowest, value);
            highest = Double.isNaN(highest) ? value : Math.max(highest, value);
        }
    }

    public boolean empty() {
        return lastStep < 0;
    }

    public double last() {
        return last;
    }

    /** The best finite value: the lowest for a loss, the highest for an accuracy. */
    public double best(boolean lowerIsBetter) {
        return lowerIsBetter ? lowest : highest;
    }
}
