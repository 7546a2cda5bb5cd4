package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.backend.PreparedOps;

/** {@code y = φ(z)} elementwise; no parameters. */
final class ActivationLayer implements Layer {
    private final Activation activation;
    private final Scratch scratch = new Scratch();
    private final PreparedOps ops = new PreparedOps();
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
        y = like("y", z);
        activation.apply(ops, z, y);
        return y;
    }

    /** dz = φ'(z) ⊙ dy. */
    @Override
    public INDArray backward(INDArray dy, Params.Views theta, Params.Views grad) {
        this.dy = dy;
        return activation.timesDerivative(ops, z, y, dy, like("dz", z));
    }

    /** Ry = φ'(z) ⊙ Rz. */
    @Override
    public INDArray rForward(INDArray rz, Params.Views theta, Params.Views v) {
        this.rz = rz;
        return activation.timesDerivative(ops, z, y, rz, like("ry", z));
    }

    /** R(dz) = φ'(z) ⊙ R(dy) + φ''(z) ⊙ Rz ⊙ dy. */
    @Override
    public INDArray rBackward(INDArray rdy, Params.Views theta, Params.Views v, Params.Views out) {
        INDArray rdz = activation.timesDerivative(ops, z, y, rdy, like("rdz", z));
        if (activation.curved()) {
            INDArray second = like("second", z);
            activation.secondDerivative(z, y, second);
            ops.add(rdz, ops.mul(ops.mul(second, rz, second), dy, second), rdz);
        }
        return rdz;
    }

    private INDArray like(String name, INDArray a) {
        return scratch.matrix(name, a.rows(), a.columns());
    }
}
