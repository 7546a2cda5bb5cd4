package org.normlab.sim.bench;

import java.util.Random;
import org.normlab.sim.data.Dataset;

/** Seeded data for timing and cross-checks: Gaussian features with uniformly drawn labels, Gaussian vectors. */
final class RandomData {
    private RandomData() {
    }

    static Dataset gaussian(int rows, int inputSize, int numClasses, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][inputSize];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < inputSize; k++) {
                features[i][k] = random.nextGaussian();
            }
            labels[i] = random.nextInt(numClasses);
        }
        return new Dataset("gaussian-" + inputSize + "d-" + numClasses + "c", features, labels, numClasses);
    }

    /** {@code length} independent draws from N(0, scale²). */
    static double[] vector(int length, double scale, long seed) {
        Random random = new Random(seed);
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = scale * random.nextGaussian();
        }
        return v;
    }
}
