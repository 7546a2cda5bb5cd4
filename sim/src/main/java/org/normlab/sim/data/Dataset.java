package org.normlab.sim.data;

import java.util.Objects;

/**
 * A labelled classification data set held in memory: {@code features[i]} is example i, {@code labels[i]} its class
 * in {@code [0, numClasses)}. Immutable by convention: generators and transforms return new data sets.
 */
public record Dataset(String name, double[][] features, int[] labels, int numClasses) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        if (features.length != labels.length) {
            throw new IllegalArgumentException("dataset '" + name + "': " + features.length + " feature rows but "
                    + labels.length + " labels");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("dataset '" + name + "': numClasses must be >= 1, was " + numClasses);
        }
        int d = features.length == 0 ? 0 : features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("dataset '" + name + "': row " + i + " has " + features[i].length
                        + " features, row 0 has " + d);
            }
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("dataset '" + name + "': label " + labels[i] + " of example " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int dimension() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** The examples {@code rows}, in that order, as a new data set (rows are copied). */
    public Dataset subset(int[] rows) {
        double[][] x = new double[rows.length][];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = features[rows[i]].clone();
            y[i] = labels[rows[i]];
        }
        return new Dataset(name, x, y, numClasses);
    }
}
