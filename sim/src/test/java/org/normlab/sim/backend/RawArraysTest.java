package org.normlab.sim.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link RawArrays} compares and copies bits, of plain arrays only; views take ND4J's own path. */
class RawArraysTest {
    private final INDArray a = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
    private final INDArray view = a.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all());

    @Test
    void sameBitsMeansEveryBitEqual() {
        INDArray b = a.dup();
        assertTrue(RawArrays.sameBits(a, b));
        b.putScalar(5, -6);
        assertFalse(RawArrays.sameBits(a, b));
        assertFalse(RawArrays.sameBits(Nd4j.createFromArray(0.0), Nd4j.createFromArray(-0.0)),
                "0.0 and −0.0 differ in bits");
        assertFalse(RawArrays.sameBits(view, Nd4j.createFromArray(new double[][] {{4, 5, 6}})),
                "a view is never taken for the same");
    }

    @Test
    void copiesEqualAssign() {
        INDArray copy = Nd4j.zeros(2, 3);
        RawArrays.copy(a, copy);
        assertArrayEquals(a.ravel().toDoubleVector(), copy.ravel().toDoubleVector());
        INDArray row = Nd4j.zeros(1, 3);
        RawArrays.copy(view, row);
        assertArrayEquals(new double[] {4, 5, 6}, row.ravel().toDoubleVector());
    }

    @Test
    void valuesAreTheElements() {
        INDArray v = Nd4j.createFromArray(1.5, -0.0, 3.0);
        assertArrayEquals(v.toDoubleVector(), RawArrays.values(v));
        INDArray flat = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0, 5.0);
        assertArrayEquals(new double[] {2, 3, 4}, RawArrays.values(flat.get(NDArrayIndex.interval(1, 4))));
    }
}
