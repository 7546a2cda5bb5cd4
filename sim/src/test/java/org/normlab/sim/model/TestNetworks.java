package org.normlab.sim.model;

import java.util.List;
import java.util.Random;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.Dataset;

/** Seeded tiny networks and batches for derivative tests. */
final class TestNetworks {
    private TestNetworks() {
    }

    static NetworkSpec spec(Activation activation, Normalization normalization, LossFunction loss, double bnEpsilon,
                            int ghost, int... widths) {
        List<Integer> hidden = java.util.Arrays.stream(widths).boxed().toList();
        return new NetworkSpec(4, hidden, 3, activation, normalization, Initialization.HE, loss, bnEpsilon, ghost, 11);
    }

    /** The variety every derivative identity is checked on. */
    static List<NetworkSpec> variety() {
        return List.of(
                spec(Activation.TANH, Normalization.BATCH_NORM, LossFunction.CROSS_ENTROPY, 1e-5, 0, 6, 5),
                spec(Activation.RELU, Normalization.BATCH_NORM, LossFunction.HALF_MSE, 1e-5, 4, 7, 5),
                spec(Activation.IDENTITY, Normalization.BATCH_NORM, LossFunction.CROSS_ENTROPY, 0.0, 0, 5),
                spec(Activation.TANH, Normalization.NONE, LossFunction.HALF_MSE, 1e-5, 0, 6, 5),
                spec(Activation.RELU, Normalization.MIMIC_NORM, LossFunction.CROSS_ENTROPY, 1e-5, 0, 6, 5));
    }

    /** n Gaussian inputs of dimension d with k seeded labels. */
    static Batch batch(int n, int d, int k, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = random.nextInt(k);
        }
        return Batch.all(new Dataset("gaussian", x, y, k));
    }

    /** A network of {@code spec} with BN γ, β and biases moved off their initial 1/0, so every term matters. */
    static Network network(NetworkSpec spec) {
        Network net = new Network(spec);
        Random random = new Random(spec.seed() + 1);
        for (Params.Tensor t : net.params().tensors()) {
            if (t.role() != Params.Role.WEIGHT) {
                var view = net.params().view(net.theta(), t);
                for (int i = 0; i < t.length(); i++) {
                    view.putScalar(i, view.getDouble(i) + 0.3 * random.nextGaussian());
                }
            }
        }
        return net;
    }

    /** A network at the same point as {@code net}: θ and the BatchNorm running statistics copied, nothing held. */
    static Network copy(Network net) {
        Network copy = new Network(net.spec());
        copy.copyPointFrom(net);
        return copy;
    }
}
