package org.normlab.sim.data;

import java.util.Random;

/**
 * Embeds a data set of dimension d into D &gt; d dimensions: {@code x ↦ Q x} with a seeded random D×d matrix Q of
 * orthonormal columns. Pairwise distances are preserved and the embedded data span exactly a d-dimensional subspace
 * of R^D, so the other D − d directions are an exact null space of the data (as MNIST's always-zero pixels are).
 */
public final class Embedding {
    private Embedding() {
    }

    public static Dataset lowRank(Dataset data, int dimension, long seed) {
        int d = data.dimension();
        if (dimension <= d) {
            throw new IllegalArgumentException("embedding dimension must be > the data's dimension " + d + ", was "
                    + dimension);
        }
        double[][] columns = columns(d, dimension, seed);
        double[][] features = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            features[i] = embed(data.features()[i], columns);
        }
        return new Dataset(data.name(), features, data.labels().clone(), data.numClasses());
    }

    /** The d columns of Q, each of length {@code dimension}, that {@link #lowRank} draws from {@code seed}. */
    static double[][] columns(int d, int dimension, long seed) {
        return Orthonormal.vectors(dimension, d, new Random(seed));
    }

    /** {@code Q x} for the columns Q of {@link #columns}. */
    static double[] embed(double[] x, double[][] columns) {
        double[] embedded = new double[columns[0].length];
        for (int j = 0; j < x.length; j++) {
            for (int k = 0; k < embedded.length; k++) {
                embedded[k] += x[j] * columns[j][k];
            }
        }
        return embedded;
    }
}
