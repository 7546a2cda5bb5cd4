package org.normlab.sim.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer's preallocated float64 work arrays, by name and shape. ND4J allocates off-heap memory that only GC frees and
 * each allocating call costs tens of microseconds, so every pass writes into arrays that live as long as the layer.
 * A run alternates between a few row counts — its batch, the probe set, the test set — so each name keeps an array
 * for each of its {@value #SHAPES_PER_NAME} most recent shapes: switching back finds the same array (and the same
 * prepared operations, {@link org.normlab.sim.backend.PreparedOps}) instead of a fresh one whose predecessor lingers until GC. An array is
 * valid until the next pass that writes the same name and shape.
 */
final class Scratch {
    /** Shapes kept per name: the batch, the probe set and the test set. */
    static final int SHAPES_PER_NAME = 3;

    private final Map<String, Deque<INDArray>> arrays = new HashMap<>();

    /** The [rows, cols] array called {@code name}. Contents are stale. */
    INDArray matrix(String name, long rows, long cols) {
        return find(name, a -> a.rank() == 2 && a.rows() == rows && a.columns() == cols,
                () -> Nd4j.create(DataType.DOUBLE, rows, cols));
    }

    /** The vector of {@code length} called {@code name}. Contents are stale. */
    INDArray vector(String name, long length) {
        return find(name, a -> a.rank() == 1 && a.length() == length, () -> Nd4j.create(DataType.DOUBLE, length));
    }

    /** The array of this name that fits, most recently used first; a new one displaces the least recent. */
    private INDArray find(String name, Predicate<INDArray> fits, Supplier<INDArray> create) {
        Deque<INDArray> kept = arrays.computeIfAbsent(name, n -> new ArrayDeque<>(SHAPES_PER_NAME + 1));
        for (Iterator<INDArray> it = kept.iterator(); it.hasNext(); ) {
            INDArray a = it.next();
            if (fits.test(a)) {
                it.remove();
                kept.addFirst(a);
                return a;
            }
        }
        INDArray a = create.get();
        kept.addFirst(a);
        if (kept.size() > SHAPES_PER_NAME) {
            kept.removeLast();
        }
        return a;
    }
}
