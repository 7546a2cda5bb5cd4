package org.normlab.sim.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.backend.PreparedOps;

/** Row norms of a weight matrix through preallocated [rows, 1] columns, for the row-wise stages. */
final class RowNorms {
    private RowNorms() {
    }

    /** {@code out_k = ‖w_k‖²}; {@code work} has the shape of {@code w}. */
    static INDArray squared(PreparedOps ops, INDArray w, INDArray work, INDArray out) {
        return ops.rowSums(ops.mul(w, w, work), out);
    }

    /** ‖w_k‖ for every row, in plain Java from one bulk copy; {@code squares} is a [rows, 1] work array. */
    static double[] of(PreparedOps ops, INDArray w, INDArray work, INDArray squares) {
        double[] norms = squared(ops, w, work, squares).data().asDouble();
        for (int k = 0; k < norms.length; k++) {
            norms[k] = Math.sqrt(norms[k]);
        }
        return norms;
    }
}
