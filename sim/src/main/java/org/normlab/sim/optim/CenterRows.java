package org.normlab.sim.optim;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;
import org.normlab.sim.backend.PreparedOps;

/**
 * MimicNorm's weight centring (Fei et al., arXiv 2010.09278): every row of every hidden Linear layer gets zero mean,
 * {@code w_k ← w_k − mean(w_k)}, after initialization and after every step, so {@code z(x + a·1) = z(x)}.
 * <b>(chosen)</b> The MimicNorm code centres convolution filters with fan-in above 50; for MLPs we centre the hidden
 * Linear rows, never the classifier, and the first layer only if asked (sim/docs/math.md §3).
 */
final class CenterRows extends RowProjection {
    private final boolean firstLayer;

    CenterRows(boolean firstLayer) {
        this.firstLayer = firstLayer;
    }

    @Override
    List<Params.Tensor> tensors(Params params) {
        List<Params.Tensor> weights = new ArrayList<>(params.tensors().stream()
                .filter(t -> t.role() == Params.Role.WEIGHT).toList());
        weights.remove(weights.size() - 1);
        if (!firstLayer && !weights.isEmpty()) {
            weights.remove(0);
        }
        return weights;
    }

    @Override
    boolean projectsAtInit() {
        return true;
    }

    /** {@code v_k ← v_k − mean(v_k)}: the constraint is linear, its tangent space the zero-mean rows. */
    @Override
    void projectOntoTangent(INDArray rows, INDArray direction) {
        direction.subiColumnVector(direction.mean(true, 1));
    }

    @Override
    Constraint constraint(INDArray initialRows, PreparedOps ops) {
        INDArray means = column(initialRows);
        return (rows, before) -> ops.sub(rows, ops.rowMeans(rows, means), rows);
    }
}
