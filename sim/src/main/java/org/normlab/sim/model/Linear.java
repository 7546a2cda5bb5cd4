package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code z = x Wᵀ + b} with W stored [out, in]; the bias is absent when BatchNorm follows. */
final class Linear implements Layer {
    private final int weight;
    private final int bias;
    private final boolean first;
    private INDArray x;
    private INDArray dz;
    private INDArray rx;

    /** @param bias tensor index of b, or −1; @param first no input gradient is needed */
    Linear(int weight, int bias, boolean first) {
        this.weight = weight;
        this.bias = bias;
        this.first = first;
    }

    @Override
    public INDArray forward(INDArray x, Params.Views theta, BatchNormMode mode, boolean updateRunningStats) {
        this.x = x;
        INDArray w = theta.get(weight);
        INDArray z = Nd4j.gemm(x, w, false, true);
        if (bias >= 0) {
            z.addiRowVector(theta.get(bias));
        }
        return z;
    }

    /** dW = dzᵀx, db = Σ_rows dz, dx = dz W. */
    @Override
    public INDArray backward(INDArray dz, Params.Views theta, Params.Views grad) {
        this.dz = dz;
        Nd4j.gemm(dz, x, grad.get(weight), true, false, 1.0, 0.0);
        if (bias >= 0) {
            grad.get(bias).assign(dz.sum(0));
        }
        return first ? null : Nd4j.gemm(dz, theta.get(weight), false, false);
    }

    /** Rz = Rx Wᵀ + x Vᵀ (+ V_b). */
    @Override
    public INDArray rForward(INDArray rx, Params.Views theta, Params.Views v) {
        this.rx = rx;
        INDArray rz = Nd4j.gemm(x, v.get(weight), false, true);
        if (rx != null) {
            Nd4j.gemm(rx, theta.get(weight), rz, false, true, 1.0, 1.0);
        }
        if (bias >= 0) {
            rz.addiRowVector(v.get(bias));
        }
        return rz;
    }

    /** R(dW) = R(dz)ᵀx + dzᵀRx, R(db) = Σ R(dz), R(dx) = R(dz) W + dz V. */
    @Override
    public INDArray rBackward(INDArray rdz, Params.Views theta, Params.Views v, Params.Views out) {
        INDArray rdw = out.get(weight);
        Nd4j.gemm(rdz, x, rdw, true, false, 1.0, 0.0);
        if (rx != null) {
            Nd4j.gemm(dz, rx, rdw, true, false, 1.0, 1.0);
        }
        if (bias >= 0) {
            out.get(bias).assign(rdz.sum(0));
        }
        if (first) {
            return null;
        }
        INDArray rdx = Nd4j.gemm(rdz, theta.get(weight), false, false);
        Nd4j.gemm(dz, v.get(weight), rdx, false, false, 1.0, 1.0);
        return rdx;
    }
}
