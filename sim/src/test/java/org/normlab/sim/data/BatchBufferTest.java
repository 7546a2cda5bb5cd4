package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchBufferTest {
    private final Dataset data = ToyData.blobs(40, 3, 4, 0.3, 7);

    @Test
    void gathersTheSameBatchAsAFreshOneIntoTheSameArrays() {
        BatchBuffer buffer = new BatchBuffer(data, 5);
        BatchOrder order = new BatchOrder(data.size(), 5, 3);
        Batch first = null;
        for (int step = 0; step < 12; step++) {
            int[] rows = order.next();
            Batch reused = buffer.gather(rows);
            Batch fresh = Batch.of(data, rows);
            assertEquals(fresh.x(), reused.x());
            assertEquals(fresh.y(), reused.y());
            assertArrayEquals(fresh.labels(), reused.labels());
            if (first == null) {
                first = reused;
            }
            assertSame(first.x(), reused.x());
        }
    }

    @Test
    void refusesABatchOfAnotherSize() {
        BatchBuffer buffer = new BatchBuffer(data, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> buffer.gather(new int[4]));
        assertEquals("this buffer holds batches of 5, not 4", e.getMessage());
    }
}
