package org.normlab.sim.backend;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Byte-level work on plain float64 arrays (not views, row-major, their buffer exactly their elements): one native call
 * where ND4J's element-wise ops cost far more (an {@code assign} of a 128×784 minibatch took ~1.5% of a training
 * step), and reads that allocate no native memory ({@code toDoubleVector} first copies into a fresh buffer, whose
 * allocation cost more than the probe's arithmetic on θ). Bits in, the same bits out: nothing is rounded.
 */
public final class RawArrays {
    private RawArrays() {
    }

    /** Whether {@code a} is a plain float64 array, its buffer holding exactly its elements in row-major order. */
    public static boolean plain(INDArray a) {
        return !a.isView() && a.offset() == 0 && a.ordering() == 'c' && a.dataType() == DataType.DOUBLE
                && a.data().length() == a.length();
    }

    /** Whether {@code a} and {@code b} hold the same bits (false when either is not plain: unknown, so not the same). */
    public static boolean sameBits(INDArray a, INDArray b) {
        return a.length() == b.length() && plain(a) && plain(b)
                && Pointer.memcmp(a.data().addressPointer(), b.data().addressPointer(), 8 * a.length()) == 0;
    }

    /** {@code to.assign(from)} of arrays of the same shape, by one block copy when both are plain. */
    public static void copy(INDArray from, INDArray to) {
        if (plain(from) && plain(to) && from.length() == to.length()) {
            Pointer.memcpy(to.data().addressPointer(), from.data().addressPointer(), 8 * from.length());
        } else {
            to.assign(from);
        }
    }

    /** The elements of vector {@code v} as a new Java array ({@code v.toDoubleVector()}), without a native copy when plain. */
    public static double[] values(INDArray v) {
        return plain(v) && v.isVectorOrScalar() ? v.data().asDouble() : v.toDoubleVector();
    }
}
