package org.normlab.sim.data;

import java.util.Arrays;
import java.util.Random;

/**
 * The order in which a training set is visited: every epoch a fresh seeded permutation, cut into consecutive
 * batches of exactly {@code batchSize} indices. An incomplete tail ({@code examples mod batchSize} indices) is
 * dropped so that every step sees the same batch size; those examples take part in other epochs. A batch size of 0
 * or at least {@code examples} is full-batch mode: every step gets all indices in order.
 *
 * <p>Two instances built with the same arguments produce identical sequences: this is how the runs of a race see
 * identical data.
 */
public final class BatchOrder {

    private final int examples;
    private final int batchSize;
    private final Random random;
    private int[] epoch;
    private int position;

    public BatchOrder(int examples, int batchSize, long seed) {
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be >= 1, was " + examples);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0 (0 = full batch), was " + batchSize);
        }
        this.examples = examples;
        this.batchSize = batchSize == 0 ? examples : Math.min(batchSize, examples);
        this.random = new Random(seed);
        this.epoch = new int[0];
    }

    /** The indices of the next batch (a new array each call). */
    public int[] next() {
        if (fullBatch()) {
            return IndexOrder.identity(examples);
        }
        if (position + batchSize > epoch.length) {
            epoch = IndexOrder.shuffled(examples, random);
            position = 0;
        }
        int[] batch = Arrays.copyOfRange(epoch, position, position + batchSize);
        position += batchSize;
        return batch;
    }

    public boolean fullBatch() {
        return batchSize == examples;
    }

    /** Indices per batch: the requested size, or {@code examples} in full-batch mode. */
    public int batchSize() {
        return batchSize;
    }

    /** Steps per epoch, {@code floor(examples / batchSize)}. */
    public int batchesPerEpoch() {
        return examples / batchSize;
    }
}
