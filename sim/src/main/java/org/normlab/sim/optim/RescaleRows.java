package org.normlab.sim.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

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

    @Override
    Constraint constraint(INDArray initialRows) {
        INDArray work = initialRows.ulike();
        INDArray norms = column(initialRows);
        INDArray targetNorms = column(initialRows);
        switch (target) {
            case UNIT -> targetNorms.assign(1.0);
            case INITIAL -> RowNorms.of(initialRows, work, targetNorms);
            case BEFORE_STEP -> { }
        }
        return (rows, before) -> {
            if (target == Target.BEFORE_STEP) {
                RowNorms.of(before, work, targetNorms);
            }
            rows.muliColumnVector(RowNorms.of(rows, work, norms).rdivi(targetNorms));
        };
    }
}
