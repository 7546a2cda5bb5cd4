package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The once-computed null spaces of unchanging data: the same answer as computing it, shared by every caller. */
class DataSpansTest {
    static final double TAU = OrthogonalNoise.DEFAULT_TAU;

    /** Data with three columns that are zero in every row, like MNIST's blank pixels. */
    static INDArray data(long seed) {
        double[][] x = FullRankTest.randomMatrix(new Random(seed), 60, 12);
        for (double[] row : x) {
            row[0] = 0;
            row[5] = 0;
            row[11] = 0;
        }
        return Nd4j.create(x);
    }

    @Test
    void computedOnceAndEqualToTheNullSpace() {
        INDArray x = data(1);
        INDArray w = Nd4j.create(FullRankTest.randomMatrix(new Random(2), 4, 12));
        NullSpace shared = DataSpans.of(x, TAU);
        NullSpace computed = NullSpace.of(x, TAU);
        assertEquals(9, computed.rank());
        assertEquals(computed.rank(), shared.rank());
        assertArrayEquals(computed.orthogonalRowNorms(w), shared.orthogonalRowNorms(w), 0);
        assertSame(shared, DataSpans.of(x, TAU), "the same array again");
        assertNotSame(shared, DataSpans.of(x, 1e-6), "another τ");
        assertNotSame(shared, DataSpans.of(x.dup(), TAU), "an equal array is another array");
    }

    /** Runs asking at once all get the one span (whichever of them computed it). */
    @Test
    void sharedByConcurrentCallers() throws Exception {
        INDArray x = data(3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<NullSpace>> asks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                asks.add(() -> DataSpans.of(x, TAU));
            }
            List<Future<NullSpace>> spans = pool.invokeAll(asks);
            for (Future<NullSpace> span : spans) {
                assertSame(spans.get(0).get(), span.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
