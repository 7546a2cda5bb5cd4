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
    /**
     * φ'(z) and φ''(z) of the last forward pass, made by the first R-pass after it (null until then): they do not
     * depend on the direction, so the products at one point share them, and a product is a plain multiplication
     * where ReLU's fused derivative call costs several (measured: 53 µs against 8 on 512×32).
     */
    private INDArray derivative;
    private INDArray second;

    ActivationLayer(Activation activation) {
        this.activation = activation;
    }

    @Override
    public INDArray forward(INDArray z, Params.Views theta, BatchNormMode mode, boolean updateRunningStats) {
        this.z = z;
        derivative = null;
        second = null;
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
        return ops.mul(derivative(), rz, like("ry", z));
    }

    /** R(dz) = φ'(z) ⊙ R(dy) + φ''(z) ⊙ Rz ⊙ dy. */
    @Override
    public INDArray rBackward(INDArray rdy, Params.Views theta, Params.Views v, Params.Views out) {
        INDArray rdz = ops.mul(derivative(), rdy, like("rdz", z));
        if (activation.curved()) {
            if (second == null) {
                second = like("second", z);
                activation.secondDerivative(z, y, second);
            }
            INDArray work = like("curvedTerm", z);
            ops.add(rdz, ops.mul(ops.mul(second, rz, work), dy, work), rdz);
        }
        return rdz;
    }

    /** φ'(z) at the last forward pass, made once. */
    private INDArray derivative() {
        if (derivative == null) {
            derivative = like("derivative", z);
            activation.derivative(ops, z, y, derivative);
        }
        return derivative;
    }

    private INDArray like(String name, INDArray a) {
        return scratch.matrix(name, a.rows(), a.columns());
    }
}
