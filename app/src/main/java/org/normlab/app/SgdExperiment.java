package org.normlab.app;

import java.util.List;
import java.util.Objects;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.data.ToyData;
import org.normlab.sim.model.NetworkSpec;

/**
 * One network trained by plain SGD, θ ← θ − η g, on minibatches drawn in a seeded order.
 *
 * @param network      the network to build and train
 * @param data         the training set
 * @param learningRate η, finite and > 0
 * @param batchSize    examples per minibatch, in [1, data size]
 * @param seed         seed of the minibatch order
 */
public record SgdExperiment(NetworkSpec network, Dataset data, double learningRate, int batchSize, long seed) {

    public SgdExperiment {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite number > 0, was " + learningRate);
        }
        if (batchSize < 1 || batchSize > data.size()) {
            throw new IllegalArgumentException("batchSize must be in [1, " + data.size() + "] (the data size), was "
                    + batchSize);
        }
        if (network.inputSize() != data.dimension() || network.outputSize() != data.numClasses()) {
            throw new IllegalArgumentException("network " + network.inputSize() + " → " + network.outputSize()
                    + " does not fit data '" + data.name() + "' with " + data.dimension() + " features and "
                    + data.numClasses() + " classes");
        }
    }

    /** The lab's opening experiment: a BN ReLU MLP 2→32→32→2 on 512 noisy spirals, η = 0.1, batches of 64. */
    public static SgdExperiment spirals(long seed) {
        return new SgdExperiment(NetworkSpec.of(2, List.of(32, 32), 2, seed), ToyData.spirals(512, 0.1, seed), 0.1,
                64, seed);
    }
}
