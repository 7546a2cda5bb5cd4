package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer with its four passes side by side. Each pass caches what the later ones need, so they must be called in
 * order on the same batch: {@code forward → backward}, and for a Hessian-vector product
 * {@code forward → backward → rForward → rBackward} (Pearlmutter's R-operator: R(·) = d/dr (·)(θ + r·v) at r = 0).
 * Parameter tensors come in as views of flat vectors: θ, and where a pass needs them the direction v and the
 * output (gradient or Hv).
 */
interface Layer {

    INDArray forward(INDArray x, Params.Views theta, BatchNormMode mode, boolean updateRunningStats);

    /** Writes this layer's parameter gradients into {@code grad}; returns dL/dx (null for the first layer). */
    INDArray backward(INDArray dy, Params.Views theta, Params.Views grad);

    /** Directional derivative of the output along v, given that of the input {@code rx} (null = 0). */
    INDArray rForward(INDArray rx, Params.Views theta, Params.Views v);

    /** R of {@link #backward}: writes R(dθ) (this layer's block of Hv) into {@code out}; returns R(dL/dx). */
    INDArray rBackward(INDArray rdy, Params.Views theta, Params.Views v, Params.Views out);
}
