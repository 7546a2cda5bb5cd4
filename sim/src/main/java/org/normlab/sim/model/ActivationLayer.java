package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code y = φ(z)} elementwise; no parameters. */
final class ActivationLayer implements Layer {
    private final Activation activation;
    private INDArray z;
    private INDArray y;
    private INDArray dy;
    private INDArray rz;

    ActivationLayer(Activation activation) {
        this.activation = activation;
    }

    @Override
    public INDArray forward(INDArray z, Params.Views theta, BatchNormMode mode, boolean updateRunningStats) {
        this.z = z;
        this.y = activation.apply(z);
        return y;
    }

    /** dz = φ'(z) ⊙ dy. */
    @Override
    public INDArray backward(INDArray dy, Params.Views theta, Params.Views grad) {
        this.dy = dy;
        return times(activation.derivative(z, y), dy);
    }

    /** Ry = φ'(z) ⊙ Rz. */
    @Override
    public INDArray rForward(INDArray rz, Params.Views theta, Params.Views v) {
        this.rz = rz;
        return times(activation.derivative(z, y), rz);
    }

    /** R(dz) = φ'(z) ⊙ R(dy) + φ''(z) ⊙ Rz ⊙ dy. */
    @Override
    public INDArray rBackward(INDArray rdy, Params.Views theta, Params.Views v, Params.Views out) {
        INDArray rdz = times(activation.derivative(z, y), rdy);
        INDArray second = activation.secondDerivative(z, y);
        if (second != null) {
            rdz.addi(second.muli(rz).muli(dy));
        }
        return rdz;
    }

    /** factor ⊙ a as a new array; a null factor stands for ones. */
    private static INDArray times(INDArray factor, INDArray a) {
        return factor == null ? a.dup() : factor.muli(a);
    }
}
