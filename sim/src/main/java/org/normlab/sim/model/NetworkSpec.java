package org.normlab.sim.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
        if (ghostBatchSize == 1 && normalization != Normalization.NONE) {
            throw new IllegalArgumentException("ghostBatchSize must be 0 (the whole batch) or >= 2 with "
                    + word(normalization) + " (a ghost batch of one row has zero variance), was 1");
        }
    }

    /**
     * Whether train-mode BatchNorm can normalize a batch of {@code rows} rows: each (ghost) batch needs two rows at
     * least (one row has zero variance, so the layer would output β whatever its input) and ghost batches must tile
     * the batch (a shorter last one would be normalized by other statistics). Any batch fits a network without
     * BatchNorm.
     */
    public boolean normalizes(int rows) {
        int ghost = ghostBatchSize == 0 ? rows : ghostBatchSize;
        return normalization == Normalization.NONE || ghost >= 2 && rows % ghost == 0;
    }

    /**
     * Refuses, naming the batch, a batch size that this network's BatchNorm cannot normalize ({@link #normalizes}).
     *
     * @param batch   the batch size's field, e.g. {@code training.batchSize}
     * @param network the path of this network's section in messages, e.g. {@code network}
     */
    public void requireBatch(int rows, String batch, String network) {
        if (normalizes(rows)) {
            return;
        }
        throw new IllegalArgumentException(ghostBatchSize > 0
                ? batch + " must be a multiple of " + network + ".ghostBatchSize " + ghostBatchSize + " ("
                        + word(normalization) + " normalizes ghost batches of that many rows), was " + rows
                : batch + " must be >= 2 with " + word(normalization) + " (a batch of one example has zero "
                        + "variance), was " + rows);
    }

    /**
     * Refuses, naming the ghost batch size and the sizes that fit, a ghost batch size that does not tile a batch of
     * {@code rows} rows; a batch of one row is refused as {@link #requireBatch} does (no ghost size fits it).
     */
    public void requireGhostBatchFits(int rows, String batch, String network) {
        if (normalizes(rows) || ghostBatchSize == 0 || rows < 2) {
            requireBatch(rows, batch, network);
            return;
        }
        String fitting = IntStream.rangeClosed(2, rows).filter(g -> rows % g == 0).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(network + ".ghostBatchSize must divide the batch size " + rows
                + " (" + batch + ") and be >= 2: one of " + fitting + " (or 0 for the whole batch), was "
                + ghostBatchSize);
    }

    private static String word(Normalization normalization) {
        return normalization.name().toLowerCase(Locale.ROOT);
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
