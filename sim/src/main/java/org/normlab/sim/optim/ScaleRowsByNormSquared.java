package org.normlab.sim.optim;

import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;
import org.normlab.sim.backend.PreparedOps;

/**
 * PSI-SGD's direction (Yi et al., UAI 2022, arXiv 2101.02916): for every scale-invariant row
 * {@code d_k = ‖w_k‖² g_k}, the norm taken before the step; every other entry passes through ({@code d = g}). This is
 * the Riemannian gradient on the quotient manifold of rows modulo scale under the metric {@code ξᵀζ/‖w‖²}, which makes
 * training equivariant to rescaling rows: from {@code c ⊙ w₀} the iterates are {@code c ⊙ w_t}. <b>(chosen)</b>
 * reconstruction of the paper's rule (sim/docs/math.md §3).
 */
final class ScaleRowsByNormSquared implements Transform {

    @Override
    public State init(Params params, INDArray theta0) {
        List<Params.Tensor> tensors = params.scaleInvariantTensors();
        PreparedOps ops = new PreparedOps();
        TensorViews thetaViews = new TensorViews(params, tensors);
        TensorViews updateViews = new TensorViews(params, tensors);
        INDArray[] work = thetaViews.of(theta0).clone();
        INDArray[] squaredNorms = new INDArray[work.length];
        for (int i = 0; i < work.length; i++) {
            work[i] = work[i].ulike();
            squaredNorms[i] = RowProjection.column(work[i]);
        }
        return new State() {
            @Override
            public void update(INDArray u, INDArray theta) {
                INDArray[] w = thetaViews.of(theta);
                INDArray[] d = updateViews.of(u);
                for (int i = 0; i < w.length; i++) {
                    ops.mul(d[i], RowNorms.squared(ops, w[i], work[i], squaredNorms[i]), d[i]);
                }
            }

            @Override
            public Optional<INDArray> gradientScaling(INDArray theta) {
                INDArray scaling = Nd4j.ones(DataType.DOUBLE, theta.length());
                for (Params.Tensor t : tensors) {
                    INDArray w = params.view(theta, t);
                    params.view(scaling, t).muliColumnVector(w.mul(w).sum(true, 1));
                }
                return Optional.of(scaling);
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of();
    }
}
