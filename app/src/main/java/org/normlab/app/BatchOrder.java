package org.normlab.app;

import java.util.Random;

/**
 * Which examples each minibatch holds: every epoch is a fresh seeded permutation of the data set cut into
 * consecutive batches; the last, incomplete batch of an epoch is dropped so every batch has the same size.
 */
final class BatchOrder {
    private final Random random;
    private final int[] permutation;
    private final int[] batch;
    private int next;

    BatchOrder(int examples, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > examples) {
            throw new IllegalArgumentException("batchSize must be in [1, " + examples + "] (the number of examples), "
                    + "was " + batchSize);
        }
        random = new Random(seed);
        permutation = new int[examples];
        for (int i = 0; i < examples; i++) {
            permutation[i] = i;
        }
        batch = new int[batchSize];
        next = examples;
    }

    /** The rows of the next minibatch. The returned array is reused by the next call. */
    int[] next() {
        if (next + batch.length > permutation.length) {
            shuffle();
            next = 0;
        }
        System.arraycopy(permutation, next, batch, 0, batch.length);
        next += batch.length;
        return batch;
    }

    /** Fisher–Yates. */
    private void shuffle() {
        for (int i = permutation.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
    }
}
