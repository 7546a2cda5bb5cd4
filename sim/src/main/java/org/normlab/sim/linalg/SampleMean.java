package org.normlab.sim.linalg;

/**
 * The mean of independent samples with its standard error {@code s/√m} (s the sample standard deviation, m the
 * sample count; NaN for a single sample): how far a stochastic estimate such as Hutchinson's trace may be off.
 *
 * @param mean          the sample mean
 * @param standardError {@code s/√m}, NaN when m = 1
 * @param samples       m ≥ 1
 */
public record SampleMean(double mean, double standardError, int samples) {

    public SampleMean {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be ≥ 1, got " + samples);
        }
    }

    /** The mean and standard error of {@code samples} (at least one). */
    public static SampleMean of(double[] samples) {
        int m = samples.length;
        double mean = 0;
        for (double x : samples) {
            mean += x;
        }
        mean /= m;
        double squares = 0;
        for (double x : samples) {
            squares += (x - mean) * (x - mean);
        }
        return new SampleMean(mean, m > 1 ? Math.sqrt(squares / (m - 1) / m) : Double.NaN, m);
    }
}
