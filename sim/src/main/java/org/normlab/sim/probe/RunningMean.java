package org.normlab.sim.probe;

/**
 * An exponential running mean of a measured value, bias-corrected as Adam's moments: after n values,
 * {@code m_n = Σ_i (1−β)β^{n−i} x_i / (1−β^n)}, which weighs about the last {@code 1/(1−β)} values and is an
 * average from the first value on (no start-up bias towards 0).
 */
final class RunningMean {
    private final double beta;
    private double sum;
    private double weight;

    /** @param beta in [0, 1): the weight of the past */
    RunningMean(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1), was " + beta);
        }
        this.beta = beta;
    }

    /** Adds {@code x} and returns the mean. */
    double add(double x) {
        sum = beta * sum + (1 - beta) * x;
        weight = beta * weight + (1 - beta);
        return sum / weight;
    }

    /** The mean so far, NaN before the first value. */
    double mean() {
        return weight == 0 ? Double.NaN : sum / weight;
    }
}
