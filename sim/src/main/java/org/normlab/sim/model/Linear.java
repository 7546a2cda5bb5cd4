package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.backend.PreparedOps;

/** {@code z = x Wᵀ + b} with W stored [out, in]; the bias is absent when BatchNorm follows. */
final class Linear implements Layer {
    private final int weight;
    private final int bias;
    private final boolean first;
    private final Scratch scratch = new Scratch();
    private final PreparedOps ops = new PreparedOps();
    private INDArray x;
    private INDArray dz;
    private INDArray rx;

    /** @param bias tensor index of b, or −1; @param first no input gradient is needed */
    Linear(int weight, int bias, boolean first) {
        this.weight = weight;
        this.bias = bias;
        this.first = first;
    }

    /** The input of the last forward pass (live; read, don't write). */
    INDArray input() {
        return x;
    }

    @Override
    public INDArray forward(INDArray x, Params.Views theta, BatchNormMode mode, boolean updateRunningStats) {
        this.x = x;
        INDArray w = theta.get(weight);
        INDArray z = scratch.matrix("z", x.rows(), w.rows());
        ops.gemm(x, w, z, false, true, 1.0, 0.0);
        if (bias >= 0) {
            ops.add(z, theta.get(bias), z);
        }
        return z;
    }

    /** dW = dzᵀx, db = Σ_rows dz, dx = dz W. */
    @Override
    public INDArray backward(INDArray dz, Params.Views theta, Params.Views grad) {
        this.dz = dz;
        ops.gemm(dz, x, grad.get(weight), true, false, 1.0, 0.0);
        if (bias >= 0) {
            ops.columnSums(dz, grad.get(bias));
        }
        if (first) {
            return null;
        }
        INDArray dx = scratch.matrix("dx", x.rows(), x.columns());
        return ops.gemm(dz, theta.get(weight), dx, false, false, 1.0, 0.0);
    }

    /** Rz = Rx Wᵀ + x Vᵀ (+ V_b). */
    @Override
    public INDArray rForward(INDArray rx, Params.Views theta, Params.Views v) {
        this.rx = rx;
        INDArray rz = scratch.matrix("rz", x.rows(), theta.get(weight).rows());
        ops.gemm(x, v.get(weight), rz, false, true, 1.0, 0.0);
        if (rx != null) {
            ops.gemm(rx, theta.get(weight), rz, false, true, 1.0, 1.0);
        }
        if (bias >= 0) {
            ops.add(rz, v.get(bias), rz);
        }
        return rz;
    }

    /** R(dW) = R(dz)ᵀx + dzᵀRx, R(db) = Σ R(dz), R(dx) = R(dz) W + dz V. */
    @Override
    public INDArray rBackward(INDArray rdz, Params.Views theta, Params.Views v, Params.Views out) {
        INDArray rdw = out.get(weight);
        ops.gemm(rdz, x, rdw, true, false, 1.0, 0.0);
        if (rx != null) {
            ops.gemm(dz, rx, rdw, true, false, 1.0, 1.0);
        }
        if (bias >= 0) {
            ops.columnSums(rdz, out.get(bias));
        }
        if (first) {
            return null;
        }
        INDArray rdx = scratch.matrix("rdx", x.rows(), x.columns());
        ops.gemm(rdz, theta.get(weight), rdx, false, false, 1.0, 0.0);
        return ops.gemm(dz, v.get(weight), rdx, false, false, 1.0, 1.0);
    }
}
