package org.normlab.sim.optim;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;

/** Seeded small networks, data and training loops for the optimizer tests (float64, ε_BN = 0). */
final class SeededTraining {
    static final int INPUTS = 5;
    static final int CLASSES = 3;
    static final int BATCH = 16;

    private SeededTraining() {
    }

    /** A 5 → 6 → 4 → 3 MLP with exact scale invariance (ε_BN = 0). */
    static NetworkSpec spec(Normalization normalization, long seed) {
        return new NetworkSpec(INPUTS, java.util.List.of(6, 4), CLASSES, Activation.TANH, normalization,
                Initialization.HE, LossFunction.CROSS_ENTROPY, 0.0, 0, seed);
    }

    static Network bnNetwork() {
        return new Network(spec(Normalization.BATCH_NORM, 7));
    }

    /** n Gaussian points, or points of a random 3-dimensional subspace when {@code lowRank}, with seeded labels. */
    static Dataset data(int n, boolean lowRank, long seed) {
        Random random = new Random(seed);
        int rank = lowRank ? 3 : INPUTS;
        double[][] basis = gaussian(random, rank, INPUTS);
        double[][] x = new double[n][INPUTS];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = gaussian(random, 1, rank)[0];
            for (int r = 0; r < rank; r++) {
                for (int j = 0; j < INPUTS; j++) {
                    x[i][j] += z[r] * (lowRank ? basis[r][j] : (r == j ? 1 : 0));
                }
            }
            y[i] = random.nextInt(CLASSES);
        }
        return new Dataset(lowRank ? "subspace" : "gaussian", x, y, CLASSES);
    }

    static double[][] gaussian(Random random, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return a;
    }

    /** A training loop over the seeded batch order: one optimizer, one network. */
    static final class Trainer {
        final Network network;
        final Stepper stepper;
        private final Dataset data;
        private final BatchOrder order;
        private final INDArray gradient;
        Batch batch;

        Trainer(Network network, Transform transform, Dataset data) {
            this.network = network;
            this.stepper = new Stepper(transform, network.params(), network.theta());
            this.data = data;
            this.order = new BatchOrder(data.size(), BATCH, 3);
            this.gradient = network.params().zeros();
        }

        /** Draws the next batch and computes its gradient (returned live) without stepping. */
        INDArray gradient() {
            batch = Batch.of(data, order.next());
            network.lossAndGradient(batch, gradient);
            return gradient;
        }

        /** One full step; returns the minibatch loss before it. */
        double step() {
            batch = Batch.of(data, order.next());
            double loss = network.lossAndGradient(batch, gradient);
            stepper.step(gradient);
            return loss;
        }

        double[] steps(int count) {
            double[] losses = new double[count];
            Arrays.setAll(losses, i -> step());
            return losses;
        }

        double[] theta() {
            return network.theta().toDoubleVector();
        }
    }
}
