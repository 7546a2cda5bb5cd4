package org.normlab.sim.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.backend.PreparedOps;

/** {@code z = x Wᵀ + b} with W stored [out, in]; the bias is absent when BatchNorm follows. */
final class Linear implements Layer {
    private final int weight;
    private final int bias;
    /** W (and b), where they lie in θ. */
    private final List<Params.Tensor> tensors;
    private final boolean first;
    private final Scratch scratch = new Scratch();
    private final PreparedOps ops = new PreparedOps();
    private INDArray x;
    private INDArray dz;
    private INDArray rx;
    /** The product a pass left for the next to share ({@link #forwardShared}), or null. */
    private HeldProduct held;
    /** Products computed so far: what sharing saves is visible to tests without a clock. */
    private long products;

    /** @param bias b, or null; @param first no input gradient is needed */
    Linear(Params.Tensor weight, Params.Tensor bias, boolean first) {
        this.weight = weight.index();
        this.bias = bias == null ? -1 : bias.index();
        this.tensors = bias == null ? List.of(weight) : List.of(weight, bias);
        this.first = first;
    }

    /** The input of the last forward pass (live; read, don't write). */
    INDArray input() {
        return x;
    }

    @Override
    public INDArray forward(INDArray x, Params.Views theta, BatchNormMode mode, boolean updateRunningStats) {
        INDArray z = product(x, theta);
        if (held != null && held.z() == z) {
            held = null;
        }
        return z;
    }

    /**
     * {@link #forward} for a pass that shares its product with the next one: none is computed when {@code sameInput}
     * (x holds the values it held in the last pass of its shape) and that pass held the product at the same
     * parameters; otherwise this pass's product is held.
     */
    INDArray forwardShared(INDArray x, Params.Views theta, boolean sameInput) {
        INDArray z = scratch.matrix("z", x.rows(), theta.get(weight).rows());
        if (sameInput && held != null && held.holds(x, z, theta.flat())) {
            this.x = x;
            return z;
        }
        product(x, theta);
        held = HeldProduct.of(x, z, tensors, theta.flat());
        return z;
    }

    /** Products computed so far, shared ones not counted. */
    long products() {
        return products;
    }

    private INDArray product(INDArray x, Params.Views theta) {
        products++;
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
