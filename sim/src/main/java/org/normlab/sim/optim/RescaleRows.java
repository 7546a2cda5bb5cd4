package org.normlab.sim.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;
import org.normlab.sim.backend.PreparedOps;

/**
 * Rescales every scale-invariant row {@code w_k} (a Linear row feeding BatchNorm) to a target norm after the step.
 * With ε_BN = 0 this leaves the network function unchanged. Used by WRS <b>(chosen)</b> (Liu et al., arXiv
 * 2102.03497: rows rescaled after the inner step, momentum buffer untouched) with target {@link Target#UNIT} (or
 * {@link Target#INITIAL}) and by PSI-SGD's optional norm-preserving retraction
 * {@code w ← (w + ξ)‖w‖/‖w + ξ‖} ({@link Target#BEFORE_STEP}).
 */
final class RescaleRows extends RowProjection {

    /** The norm each row is given. */
    enum Target {
        /** ‖w_k‖ = 1: WRS. */
        UNIT,
        /** ‖w_k‖ = ‖w_k(0)‖, the norm at initialization: WRS's option. */
        INITIAL,
        /** ‖w_k‖ as before the step: PSI-SGD's retraction. */
        BEFORE_STEP
    }

    private final Target target;

    RescaleRows(Target target) {
        this.target = target;
    }

    @Override
    List<Params.Tensor> tensors(Params params) {
        return params.scaleInvariantTensors();
    }

    @Override
    boolean projectsAtInit() {
        return false;
    }

    /** {@code v_k ← v_k − (w_k·v_k / ‖w_k‖²) w_k}: a row's norm is fixed, its direction free. */
    @Override
    void projectOntoTangent(INDArray rows, INDArray direction) {
        INDArray along = rows.mul(direction).sum(true, 1).divi(rows.mul(rows).sum(true, 1));
        direction.subi(rows.mulColumnVector(along));
    }

    @Override
    Constraint constraint(INDArray initialRows, PreparedOps ops) {
        INDArray work = initialRows.ulike();
        INDArray squares = column(initialRows);
        INDArray factors = column(initialRows);
        double[] initialNorms = RowNorms.of(ops, initialRows, work, squares);
        return (rows, before) -> {
            double[] targets = target == Target.BEFORE_STEP ? RowNorms.of(ops, before, work, squares) : initialNorms;
            double[] norms = RowNorms.of(ops, rows, work, squares);
            for (int k = 0; k < norms.length; k++) {
                norms[k] = (target == Target.UNIT ? 1.0 : targets[k]) / norms[k];
            }
            factors.data().setData(norms);
            ops.mul(rows, factors, rows);
        };
    }
}
