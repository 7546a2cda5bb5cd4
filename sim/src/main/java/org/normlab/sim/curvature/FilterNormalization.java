package org.normlab.sim.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/**
 * Filter normalization of a direction in parameter space (Li, Xu, Taylor, Studer, Goldstein, NeurIPS 2018;
 * sim/docs/math.md §9): each row of each weight matrix is rescaled to the norm of the weights' own row, {@code d_k ←
 * d_k ‖w_k‖/‖d_k‖}, so a step of 1 along d moves every neuron by its own size and slices of networks with different
 * weight norms (a scale-invariant row can have any norm) compare. Vectors — biases, BatchNorm's γ and β — are set to
 * zero, as in Li et al.'s default: they have no rows to match, and a slice then moves the weights only.
 */
public final class FilterNormalization {
    private FilterNormalization() {
    }

    /** {@code direction} normalized in place against {@code theta}, both laid out by {@code params}. */
    public static void apply(INDArray direction, INDArray theta, Params params) {
        for (Params.Tensor t : params.tensors()) {
            INDArray d = params.view(direction, t);
            if (!t.isMatrix()) {
                d.assign(0);
                continue;
            }
            INDArray w = params.view(theta, t);
            for (int k = 0; k < t.rows(); k++) {
                INDArray row = d.getRow(k);
                double norm = row.norm2Number().doubleValue();
                row.muli(norm > 0 ? w.getRow(k).norm2Number().doubleValue() / norm : 0);
            }
        }
    }
}
