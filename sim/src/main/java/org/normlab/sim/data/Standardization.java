package org.normlab.sim.data;

import java.util.Arrays;

/**
 * Per-feature standardization {@code x ↦ (x − mean) / scale}, fitted on a training set and applied unchanged to
 * any data set of the same dimension. {@code scale} is the (population) standard deviation, or 1 for a feature
 * that is constant in the training set: such a feature is centred to 0, not divided by 0.
 */
public record Standardization(double[] mean, double[] scale) {

    /** Relative standard deviation under which a feature counts as constant: rounding noise must not be inflated. */
    private static final double CONSTANT_TOLERANCE = 1e-12;

    public Standardization {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " entries but scale has " + scale.length);
        }
    }

    public static Standardization fit(Dataset train) {
        int n = train.size();
        int d = train.dimension();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardization on the empty data set '"
                    + train.name() + "'");
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] x : train.features()) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[j] / n;
            }
        }
        for (double[] x : train.features()) {
            for (int j = 0; j < d; j++) {
                scale[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(scale[j]);
            scale[j] = std <= CONSTANT_TOLERANCE * (1 + Math.abs(mean[j])) ? 1.0 : std;
        }
        return new Standardization(mean, scale);
    }

    public Dataset apply(Dataset data) {
        if (data.size() > 0 && data.dimension() != mean.length) {
            throw new IllegalArgumentException("standardization fitted on " + mean.length
                    + " features cannot apply to data set '" + data.name() + "' with " + data.dimension());
        }
        double[][] features = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            features[i] = apply(data.features()[i]);
        }
        return new Dataset(data.name(), features, data.labels().clone(), data.numClasses());
    }

    /** One standardized example, as a new array. */
    public double[] apply(double[] x) {
        double[] standardized = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            standardized[j] = (x[j] - mean[j]) / scale[j];
        }
        return standardized;
    }

    /** The map that changes nothing, on {@code dimension} features. */
    public static Standardization identity(int dimension) {
        double[] ones = new double[dimension];
        Arrays.fill(ones, 1.0);
        return new Standardization(new double[dimension], ones);
    }
}
