package org.normlab.sim.model;

import java.nio.DoubleBuffer;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Linear layer's product {@code z = x Wᵀ (+ b)} kept for the next pass that needs it again: an evaluation of the
 * probe set (BatchNorm in eval mode) and a probe's train-mode pass over it at the same θ (orthogonal noise, a
 * checkpoint) differ only after the first layer, whose product is most of a pass's work for wide inputs (MNIST:
 * 784×256 of a 784-256-256-10 network's 784×256 + 256×256 + 256×10). It names the arrays it was computed from and
 * into — the network's input array and the layer's output array, both reused from pass to pass of the same shape —
 * and keeps the layer's parameters by value, since optimizers write θ in place. Whether the input array still holds
 * the same examples is for the network to say, which compares them before it overwrites them.
 */
record HeldProduct(INDArray x, INDArray z, List<Params.Tensor> tensors, double[] parameters) {

    /** The product just computed from {@code x} into {@code z} with {@code tensors} of θ as they are now. */
    static HeldProduct of(INDArray x, INDArray z, List<Params.Tensor> tensors, INDArray theta) {
        int length = tensors.stream().mapToInt(t -> (int) t.length()).sum();
        double[] parameters = new double[length];
        DoubleBuffer values = theta.data().asNioDouble();
        int at = 0;
        for (Params.Tensor t : tensors) {
            values.get((int) t.offset(), parameters, at, (int) t.length());
            at += (int) t.length();
        }
        return new HeldProduct(x, z, tensors, parameters);
    }

    /** Whether {@code z} holds the product of {@code x}, whose values are those it held then, at θ {@code theta}. */
    boolean holds(INDArray x, INDArray z, INDArray theta) {
        if (x != this.x || z != this.z) {
            return false;
        }
        DoubleBuffer values = theta.data().asNioDouble();
        int at = 0;
        for (Params.Tensor t : tensors) {
            for (int k = 0; k < t.length(); k++) {
                if (Double.doubleToRawLongBits(values.get((int) t.offset() + k))
                        != Double.doubleToRawLongBits(parameters[at++])) {
                    return false;
                }
            }
        }
        return true;
    }
}
