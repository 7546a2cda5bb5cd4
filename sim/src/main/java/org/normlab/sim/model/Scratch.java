package org.normlab.sim.model;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer's preallocated float64 work arrays, by name. ND4J allocates off-heap memory that only GC frees and each
 * allocating call costs tens of microseconds, so every pass writes into arrays that live as long as the batch size
 * does. An array is valid until the next pass that writes the same name.
 */
final class Scratch {
    private final Map<String, INDArray> arrays = new HashMap<>();

    /** The [rows, cols] array called {@code name}, reallocated only when its shape changes. Contents are stale. */
    INDArray matrix(String name, long rows, long cols) {
        INDArray a = arrays.get(name);
        if (a == null || a.rows() != rows || a.columns() != cols) {
            a = Nd4j.create(DataType.DOUBLE, rows, cols);
            arrays.put(name, a);
        }
        return a;
    }

    /** The vector of {@code length} called {@code name}. Contents are stale. */
    INDArray vector(String name, long length) {
        INDArray a = arrays.get(name);
        if (a == null || a.length() != length) {
            a = Nd4j.create(DataType.DOUBLE, length);
            arrays.put(name, a);
        }
        return a;
    }
}
