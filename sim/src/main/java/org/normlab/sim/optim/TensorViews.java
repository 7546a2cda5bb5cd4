package org.normlab.sim.optim;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/**
 * Views of some tensors of a flat vector, rebuilt only when a different vector comes in: the step passes the same θ
 * and update buffers every time, so row-wise stages build their views once.
 */
final class TensorViews {
    private final Params params;
    private final List<Params.Tensor> tensors;
    private INDArray flat;
    private INDArray[] views;

    TensorViews(Params params, List<Params.Tensor> tensors) {
        this.params = params;
        this.tensors = tensors;
    }

    INDArray[] of(INDArray vector) {
        if (vector != flat) {
            flat = vector;
            views = tensors.stream().map(t -> params.view(vector, t)).toArray(INDArray[]::new);
        }
        return views;
    }
}
