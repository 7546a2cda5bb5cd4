package org.normlab.sim.probe;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/** The weight matrices of a network's Linear layers, in layer order (index l as in {@code Network.linearInput}). */
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

    /** {@code ‖w_k‖} for every row k of {@code w} [rows, cols]. */
    static double[] rowNorms(INDArray w) {
        return w.norm2(1).toDoubleVector();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
