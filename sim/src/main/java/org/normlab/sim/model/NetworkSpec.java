package org.normlab.sim.model;

import java.util.List;
import java.util.Objects;

/**
 * What network to build: an MLP {@code inputSize → hiddenWidths… → outputSize}.
 *
 * <p>With {@link Normalization#BATCH_NORM} every hidden layer is Linear (no bias) → BatchNorm → activation; with
 * {@link Normalization#NONE} Linear (with bias) → activation; with {@link Normalization#MIMIC_NORM} hidden layers as
 * NONE and one BatchNorm without γ/β on the logits (Fei et al., MimicNorm). The classifier is Linear with bias.
 *
 * @param bnEpsilon      ε under the square root of BatchNorm's variance; 0 allowed (exact scale invariance)
 * @param ghostBatchSize rows per ghost batch for BatchNorm statistics in train mode; 0 = the whole batch
 * @param seed           seed of the initial weights
 */
public record NetworkSpec(int inputSize, List<Integer> hiddenWidths, int outputSize, Activation activation,
                          Normalization normalization, Initialization initialization, LossFunction loss,
                          double bnEpsilon, int ghostBatchSize, long seed) {

    public static final double DEFAULT_BN_EPSILON = 1e-5;

    public NetworkSpec {
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be >= 1, was " + inputSize);
        }
        Objects.requireNonNull(hiddenWidths, "hiddenWidths");
        hiddenWidths = List.copyOf(hiddenWidths);
        for (int i = 0; i < hiddenWidths.size(); i++) {
            if (hiddenWidths.get(i) < 1) {
                throw new IllegalArgumentException("hiddenWidths[" + i + "] must be >= 1, was " + hiddenWidths.get(i));
            }
        }
        if (outputSize < 1) {
            throw new IllegalArgumentException("outputSize must be >= 1, was " + outputSize);
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(initialization, "initialization");
        Objects.requireNonNull(loss, "loss");
        if (!(bnEpsilon >= 0) || Double.isInfinite(bnEpsilon)) {
            throw new IllegalArgumentException("bnEpsilon must be a finite number >= 0, was " + bnEpsilon);
        }
        if (ghostBatchSize < 0) {
            throw new IllegalArgumentException("ghostBatchSize must be >= 0 (0 = whole batch), was " + ghostBatchSize);
        }
    }

    /** A spec with the defaults: ReLU, batch norm, He initialization, cross-entropy, ε = 1e-5, no ghost batches. */
    public static NetworkSpec of(int inputSize, List<Integer> hiddenWidths, int outputSize, long seed) {
        return new NetworkSpec(inputSize, hiddenWidths, outputSize, Activation.RELU, Normalization.BATCH_NORM,
                Initialization.HE, LossFunction.CROSS_ENTROPY, DEFAULT_BN_EPSILON, 0, seed);
    }

    public NetworkSpec withNormalization(Normalization n) {
        return new NetworkSpec(inputSize, hiddenWidths, outputSize, activation, n, initialization, loss, bnEpsilon,
                ghostBatchSize, seed);
    }

    public NetworkSpec withGhostBatchSize(int g) {
        return new NetworkSpec(inputSize, hiddenWidths, outputSize, activation, normalization, initialization, loss,
                bnEpsilon, g, seed);
    }

    public NetworkSpec withSeed(long s) {
        return new NetworkSpec(inputSize, hiddenWidths, outputSize, activation, normalization, initialization, loss,
                bnEpsilon, ghostBatchSize, s);
    }
}
