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
        double[][] columns = Orthonormal.vectors(dimension, d, new Random(seed));
        double[][] features = new double[data.size()][dimension];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < d; j++) {
                double xj = data.features()[i][j];
                for (int k = 0; k < dimension; k++) {
                    features[i][k] += xj * columns[j][k];
                }
            }
        }
        return new Dataset(data.name(), features, data.labels().clone(), data.numClasses());
    }
}
