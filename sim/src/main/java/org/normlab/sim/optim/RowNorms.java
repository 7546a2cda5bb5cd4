package org.normlab.sim.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Row norms of a weight matrix into preallocated [rows, 1] columns, for the row-wise stages. */
final class RowNorms {
    private RowNorms() {
    }

    /** {@code out_k = ‖w_k‖²}; {@code work} has the shape of {@code w}. */
    static INDArray squared(INDArray w, INDArray work, INDArray out) {
        w.mul(w, work);
        return work.sum(out, true, 1);
    }

    /** {@code out_k = ‖w_k‖}. */
    static INDArray of(INDArray w, INDArray work, INDArray out) {
        return Transforms.sqrt(squared(w, work, out), false);
    }
}
