package org.normlab.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;

class ReferenceMlpTest {
    /** Relative agreement of two exact computations of the same float64 loss and gradient. */
    private static final double AGREEMENT = 1e-10;
    private static final double FINITE_DIFFERENCE_STEP = 1e-5;
    /** Central differences are accurate to O(h²) ≈ 1e-10 plus rounding ≈ 1e-16/h. */
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;

    @Test
    void agreesWithTheNetworkOnTheSmallBenchmarkNet() {
        assertAgreesWithNetwork(NetworkSpec.of(2, List.of(64, 64), 2, 11), 128);
    }

    @Test
    void agreesWithTheNetworkOnTheMnistSizedBenchmarkNet() {
        assertAgreesWithNetwork(NetworkSpec.of(784, List.of(256, 256), 10, 12), 32);
    }

    @Test
    void gradientMatchesCentralDifferencesOfItsOwnLoss() {
        NetworkSpec spec = NetworkSpec.of(3, List.of(5, 4), 3, 13);
        int n = 6;
        ReferenceMlp reference = new ReferenceMlp(spec, n);
        Dataset data = RandomData.gaussian(n, 3, 3, 14);
        double[] theta = RandomData.vector(reference.parameterCount(), 1.0, 15);
        double[] gradient = new double[theta.length];
        double[] scratch = new double[theta.length];
        reference.lossAndGradient(theta, data.features(), data.labels(), gradient);

        double largest = maxAbs(gradient);
        for (int p = 0; p < theta.length; p++) {
            double saved = theta[p];
            theta[p] = saved + FINITE_DIFFERENCE_STEP;
            double up = reference.lossAndGradient(theta, data.features(), data.labels(), scratch);
            theta[p] = saved - FINITE_DIFFERENCE_STEP;
            double down = reference.lossAndGradient(theta, data.features(), data.labels(), scratch);
            theta[p] = saved;
            double numeric = (up - down) / (2 * FINITE_DIFFERENCE_STEP);
            assertEquals(numeric, gradient[p], FINITE_DIFFERENCE_TOLERANCE * largest, "parameter " + p);
        }
    }

    @Test
    void rejectsNetworksItDoesNotCompute() {
        NetworkSpec plain = NetworkSpec.of(2, List.of(4), 2, 1).withNormalization(Normalization.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReferenceMlp(plain, 8));
        assertTrue(e.getMessage().contains("normalization NONE"), e.getMessage());
    }

    /** Same θ (the Network's initialization plus noise, so γ ≠ 1, β ≠ 0, b ≠ 0) and batch on both sides. */
    private static void assertAgreesWithNetwork(NetworkSpec spec, int n) {
        Network network = new Network(spec);
        INDArray noise = Nd4j.createFromArray(RandomData.vector((int) network.params().size(), 0.1, spec.seed() + 1));
        network.theta().addi(noise);
        Dataset data = RandomData.gaussian(n, spec.inputSize(), spec.outputSize(), spec.seed() + 2);
        INDArray engineGradient = network.params().zeros();
        double engineLoss = network.gradient(Batch.all(data), BatchNormMode.TRAIN, engineGradient);

        ReferenceMlp reference = new ReferenceMlp(spec, n);
        assertEquals(network.params().size(), reference.parameterCount());
        double[] gradient = new double[reference.parameterCount()];
        double loss = reference.lossAndGradient(network.theta().toDoubleVector(), data.features(), data.labels(),
                gradient);

        assertEquals(engineLoss, loss, AGREEMENT * Math.abs(engineLoss));
        double[] expected = engineGradient.toDoubleVector();
        assertTrue(Bench.relativeDistance(gradient, expected) <= AGREEMENT,
                "relative gradient distance " + Bench.relativeDistance(gradient, expected));
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }
}
