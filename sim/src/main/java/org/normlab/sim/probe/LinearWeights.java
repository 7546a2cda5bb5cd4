package org.normlab.sim.probe;

import java.util.List;
import org.normlab.sim.model.Params;

/**
 * The weight matrices of a network's Linear layers, in layer order (index l as in {@code Network.linearInput}), and
 * row arithmetic on a plain copy of a flat vector: one bulk copy and a loop cost microseconds where a per-row ND4J
 * reduction on a view costs tens of them.
 */
final class LinearWeights {
    private LinearWeights() {
    }

    static List<Params.Tensor> all(Params params) {
        return params.tensors().stream().filter(t -> t.role() == Params.Role.WEIGHT).toList();
    }

    /** The Linear layer index of weight tensor {@code t}. */
    static int layerOf(Params params, Params.Tensor t) {
        return all(params).indexOf(t);
    }

    /** {@code ‖w_k‖²} for every row k of tensor {@code t} of {@code flat}. */
    static double[] squaredRowNorms(double[] flat, Params.Tensor t) {
        double[] squared = new double[t.rows()];
        for (int k = 0; k < t.rows(); k++) {
            int start = Math.toIntExact(t.offset()) + k * t.cols();
            for (int j = start; j < start + t.cols(); j++) {
                squared[k] += flat[j] * flat[j];
            }
        }
        return squared;
    }

    static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
