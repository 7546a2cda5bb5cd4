package org.normlab.sim.data;

import java.util.Random;

/** Index orders, shared by the train/test split, the batch order and full batches. */
final class IndexOrder {
    private IndexOrder() {
    }

    /** {@code 0 … n−1} in order. */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** A uniformly random permutation of {@code 0 … n−1} (Fisher–Yates). */
    static int[] shuffled(int n, Random random) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
