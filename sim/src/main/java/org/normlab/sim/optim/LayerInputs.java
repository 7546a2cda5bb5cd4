package org.normlab.sim.optim;

import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What INSGD reads from the network each step: the power q of the input X of every Linear layer (0 = the first)
 * in the training step's forward pass, the one whose gradient is being transformed.
 */
@FunctionalInterface
public interface LayerInputs {

    double power(int linearLayer, InputPower kind);

    /** Powers measured on the layers' input matrices, e.g. {@code LayerInputs.of(network::linearInput)}. */
    static LayerInputs of(IntFunction<INDArray> inputOfLinearLayer) {
        return (layer, kind) -> kind.of(inputOfLinearLayer.apply(layer));
    }
}
