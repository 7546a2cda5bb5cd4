package org.normlab.sim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Layout of every parameter in one flat float64 vector: named tensors at fixed offsets, in the order layers are
 * built (W0, [b0], [gamma0, beta0], W1, …). Gradients, directions, Hessian-vector products and optimizer state
 * share this layout, so any of them can be viewed tensor by tensor through {@link #views(INDArray)}.
 *
 * <p>The registry of scale-invariant rows: a tensor with {@link Tensor#scaleInvariantRows()} is a Linear weight
 * whose output goes straight into BatchNorm, so each of its rows {@code w_k} is one scale-invariant group.
 */
public final class Params {

    /** What a tensor is, for optimizers that treat kinds differently (weight decay masks, PSI, INSGD). */
    public enum Role { WEIGHT, BIAS, BN_SCALE, BN_SHIFT }

    /** One named tensor: {@code length = rows·cols} doubles starting at {@code offset}; vectors have rows = 1. */
    public record Tensor(String name, Role role, int index, long offset, int rows, int cols,
                         boolean scaleInvariantRows) {
        public long length() {
            return (long) rows * cols;
        }

        public boolean isMatrix() {
            return role == Role.WEIGHT;
        }
    }

    private final List<Tensor> tensors;
    private final long size;

    private Params(List<Tensor> tensors, long size) {
        this.tensors = Collections.unmodifiableList(tensors);
        this.size = size;
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no parameter tensor named '" + name + "'");
    }

    /** Total number of parameters. */
    public long size() {
        return size;
    }

    /** Tensors whose rows are scale-invariant groups. */
    public List<Tensor> scaleInvariantTensors() {
        return tensors.stream().filter(Tensor::scaleInvariantRows).toList();
    }

    /** A new zero vector of this layout. */
    public INDArray zeros() {
        return Nd4j.zeros(DataType.DOUBLE, size);
    }

    /** The tensor {@code t} of {@code flat} as a view: [rows, cols] for weights, [cols] for vectors. */
    public INDArray view(INDArray flat, Tensor t) {
        INDArray slice = flat.get(NDArrayIndex.interval(t.offset(), t.offset() + t.length()));
        return t.isMatrix() ? slice.reshape('c', t.rows(), t.cols()) : slice;
    }

    /** Views of every tensor of {@code flat}, indexed like {@link #tensors()}. */
    public Views views(INDArray flat) {
        if (flat.length() != size) {
            throw new IllegalArgumentException("vector of length " + flat.length() + " does not match the "
                    + size + " parameters");
        }
        INDArray[] views = new INDArray[tensors.size()];
        for (Tensor t : tensors) {
            views[t.index()] = view(flat, t);
        }
        return new Views(flat, views);
    }

    /** A flat vector and its per-tensor views. Views share memory with the flat vector. */
    public record Views(INDArray flat, INDArray[] tensors) {
        public INDArray get(int index) {
            return tensors[index];
        }
    }

    /** Builds a layout tensor by tensor. */
    static final class Builder {
        private final List<Tensor> tensors = new ArrayList<>();
        private long offset;

        int add(String name, Role role, int rows, int cols, boolean scaleInvariantRows) {
            int index = tensors.size();
            tensors.add(new Tensor(name, role, index, offset, rows, cols, scaleInvariantRows));
            offset += (long) rows * cols;
            return index;
        }

        Params build() {
            return new Params(new ArrayList<>(tensors), offset);
        }
    }
}
