package org.normlab.sim.model;

import java.nio.DoubleBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;

/**
 * The point — θ, batch, BatchNorm mode and running statistics, by value — at which a network's layers hold their
 * forward (and maybe backward) passes, so that the curvature products of one estimate, which all share the point,
 * run those v-independent passes once instead of once per product (a Lanczos estimate takes 10–40 products).
 * Values are compared, not identities: optimizers write θ in place, batch buffers may be refilled, checkpoints
 * restore running statistics in place. Comparing costs a pass over θ and the batch in plain Java, far less than
 * the forward and backward passes it saves.
 */
final class HeldPoint {
    private final Batch batch;
    private final BatchNormMode mode;
    private final double[][] values;
    /** Whether the layers hold the backward pass of the loss's gradient too (not only the forward pass). */
    private boolean backward;

    private HeldPoint(Batch batch, BatchNormMode mode, double[][] values) {
        this.batch = batch;
        this.mode = mode;
        this.values = values;
    }

    /** The point of {@code arrays} (θ, x, y, running statistics) as they are now. */
    static HeldPoint of(Batch batch, BatchNormMode mode, List<INDArray> arrays) {
        double[][] values = new double[arrays.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = arrays.get(i).dup('c').data().asDouble();
        }
        return new HeldPoint(batch, mode, values);
    }

    /** Whether {@code arrays} (in {@link #of}'s order) still hold this point's values for this batch and mode. */
    boolean matches(Batch other, BatchNormMode otherMode, List<INDArray> arrays) {
        if (other != batch || otherMode != mode || arrays.size() != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!equal(values[i], arrays.get(i))) {
                return false;
            }
        }
        return true;
    }

    boolean holdsBackward() {
        return backward;
    }

    void holdBackward(boolean held) {
        backward = held;
    }

    /** Equality as {@link java.util.Arrays#equals(double[], double[])} (NaN matches NaN; 0.0 does not match −0.0). */
    private static boolean equal(double[] expected, INDArray actual) {
        if (actual.length() != expected.length) {
            return false;
        }
        if (actual.isView() || actual.ordering() != 'c' || actual.dataType() != DataType.DOUBLE
                || actual.data().length() != expected.length) {
            return java.util.Arrays.equals(expected, actual.dup('c').data().asDouble());
        }
        DoubleBuffer buffer = actual.data().asNioDouble();
        for (int k = 0; k < expected.length; k++) {
            if (Double.doubleToLongBits(buffer.get(k)) != Double.doubleToLongBits(expected[k])) {
                return false;
            }
        }
        return true;
    }
}
