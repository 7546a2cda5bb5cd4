package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchOrderTest {

    @Test
    void sameArgumentsGiveTheSameSequence() {
        BatchOrder a = new BatchOrder(50, 8, 3);
        BatchOrder b = new BatchOrder(50, 8, 3);
        BatchOrder other = new BatchOrder(50, 8, 4);
        boolean differs = false;
        for (int step = 0; step < 40; step++) {
            int[] batch = a.next();
            assertArrayEquals(batch, b.next());
            differs |= !Arrays.equals(batch, other.next());
        }
        assertTrue(differs, "another seed gives another order");
    }

    @Test
    void everyEpochVisitsEachIndexOnce() {
        BatchOrder order = new BatchOrder(20, 5, 1);
        assertEquals(4, order.batchesPerEpoch());
        int[] previous = null;
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] visited = new int[20];
            int p = 0;
            for (int step = 0; step < order.batchesPerEpoch(); step++) {
                int[] batch = order.next();
                assertEquals(5, batch.length);
                System.arraycopy(batch, 0, visited, p, 5);
                p += 5;
            }
            int[] sorted = visited.clone();
            Arrays.sort(sorted);
            assertArrayEquals(IndexOrder.identity(20), sorted, "epoch " + epoch);
            assertFalse(Arrays.equals(previous, visited), "each epoch is a fresh permutation");
            previous = visited;
        }
    }

    @Test
    void incompleteTailIsDropped() {
        BatchOrder order = new BatchOrder(10, 3, 2);
        assertEquals(3, order.batchesPerEpoch());
        int[] epoch = new int[9];
        for (int step = 0; step < 3; step++) {
            int[] batch = order.next();
            assertEquals(3, batch.length);
            System.arraycopy(batch, 0, epoch, 3 * step, 3);
        }
        assertEquals(9, Arrays.stream(epoch).distinct().count(), "no index twice within an epoch");
    }

    @Test
    void fullBatchModeGivesAllIndicesInOrder() {
        for (int batchSize : new int[] {0, 7, 100}) {
            BatchOrder order = new BatchOrder(7, batchSize, 5);
            assertTrue(order.fullBatch());
            assertEquals(7, order.batchSize());
            assertEquals(1, order.batchesPerEpoch());
            for (int step = 0; step < 3; step++) {
                assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, order.next());
            }
        }
        assertFalse(new BatchOrder(7, 6, 5).fullBatch());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("examples must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new BatchOrder(0, 1, 1)).getMessage());
        assertEquals("batchSize must be >= 0 (0 = full batch), was -2",
                assertThrows(IllegalArgumentException.class, () -> new BatchOrder(5, -2, 1)).getMessage());
    }
}
