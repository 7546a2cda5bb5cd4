package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StandardizationTest {

    private static final double EXACT = 1e-12;

    @Test
    void trainingFeaturesGetMeanZeroAndStandardDeviationOne() {
        Dataset train = scaled(ToyData.blobs(300, 3, 4, 0.5, 1));
        Dataset standardized = Standardization.fit(train).apply(train);
        for (int k = 0; k < train.dimension(); k++) {
            assertEquals(0, mean(standardized, k), EXACT, "mean of feature " + k);
            assertEquals(1, std(standardized, k), EXACT, "standard deviation of feature " + k);
        }
    }

    @Test
    void otherDataUseTheTrainingStatistics() {
        Dataset train = scaled(ToyData.blobs(300, 3, 4, 0.5, 1));
        Dataset test = scaled(ToyData.blobs(20, 3, 4, 0.5, 2));
        Dataset standardized = Standardization.fit(train).apply(test);
        for (int i = 0; i < test.size(); i++) {
            for (int k = 0; k < test.dimension(); k++) {
                double expected = (test.features()[i][k] - mean(train, k)) / std(train, k);
                assertEquals(expected, standardized.features()[i][k], EXACT);
            }
        }
    }

    @Test
    void constantFeatureIsCentredNotDividedByZero() {
        double[][] x = {{3, 1}, {3, 2}, {3, 6}};
        Dataset data = new Dataset("constant", x, new int[] {0, 1, 0}, 2);
        Dataset standardized = Standardization.fit(data).apply(data);
        for (double[] row : standardized.features()) {
            assertEquals(0.0, row[0], EXACT);
        }
        assertEquals(1, std(standardized, 1), EXACT);
    }

    /** Features of very different offsets and scales, so that standardization has work to do. */
    private static Dataset scaled(Dataset data) {
        double[][] x = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            x[i] = data.features()[i].clone();
            for (int k = 0; k < x[i].length; k++) {
                x[i][k] = x[i][k] * Math.pow(10, k - 1) + 5 * k;
            }
        }
        return new Dataset(data.name(), x, data.labels(), data.numClasses());
    }

    private static double mean(Dataset data, int k) {
        double sum = 0;
        for (double[] x : data.features()) {
            sum += x[k];
        }
        return sum / data.size();
    }

    private static double std(Dataset data, int k) {
        double mean = mean(data, k);
        double sum = 0;
        for (double[] x : data.features()) {
            sum += (x[k] - mean) * (x[k] - mean);
        }
        return Math.sqrt(sum / data.size());
    }
}
