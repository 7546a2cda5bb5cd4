package org.normlab.sim.data;

import java.util.Random;

/** Random orthonormal vectors, for embeddings, blob centres and the teacher's output rows. */
final class Orthonormal {
    private Orthonormal() {
    }

    /**
     * {@code count ≤ dimension} random orthonormal vectors of R^dimension: Gram–Schmidt on Gaussian vectors, each
     * orthogonalized twice so that rounding leaves them orthonormal to machine precision.
     */
    static double[][] vectors(int dimension, int count, Random random) {
        double[][] vectors = new double[count][dimension];
        for (int j = 0; j < count; j++) {
            double[] v = vectors[j];
            for (int k = 0; k < dimension; k++) {
                v[k] = random.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double projection = dot(v, vectors[i]);
                    for (int k = 0; k < dimension; k++) {
                        v[k] -= projection * vectors[i][k];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            for (int k = 0; k < dimension; k++) {
                v[k] /= norm;
            }
        }
        return vectors;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}
