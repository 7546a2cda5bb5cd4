package org.normlab.sim.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code A + diag(d)}: a quadratic term added to an objective, such as coupled weight decay {@code λ/2 Σ_{i∈M} θ_i²}
 * (d = λ on the decayed entries, 0 elsewhere). The diagonal is copied.
 */
public final class DiagonalShift implements LinearOperator {
    private final LinearOperator inner;
    private final INDArray diagonal;

    public DiagonalShift(LinearOperator inner, INDArray diagonal) {
        if (diagonal.length() != inner.dimension()) {
            throw new IllegalArgumentException("diagonal must have the operator's dimension " + inner.dimension()
                    + ", got length " + diagonal.length());
        }
        this.inner = inner;
        this.diagonal = diagonal.dup();
    }

    @Override
    public long dimension() {
        return inner.dimension();
    }

    @Override
    public void apply(INDArray v, INDArray out) {
        inner.apply(v, out);
        out.addi(v.mul(diagonal));
    }
}
