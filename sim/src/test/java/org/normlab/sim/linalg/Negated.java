package org.normlab.sim.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;

/** −A: its largest eigenvalue is −λ_min(A), so Lanczos on it measures the bottom of A's spectrum. */
record Negated(LinearOperator inner) implements LinearOperator {
    @Override
    public long dimension() {
        return inner.dimension();
    }

    @Override
    public void apply(INDArray v, INDArray out) {
        inner.apply(v, out);
        out.negi();
    }
}
