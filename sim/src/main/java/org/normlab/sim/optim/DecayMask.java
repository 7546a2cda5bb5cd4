package org.normlab.sim.optim;

import java.util.function.Predicate;
import org.normlab.sim.model.Params;

/** Which tensors weight decay applies to. */
public enum DecayMask implements Predicate<Params.Tensor> {
    /** Every parameter: weights, biases, BatchNorm γ and β. */
    ALL,
    /** Linear weights only (the default): biases and BatchNorm γ, β are not decayed. */
    WEIGHTS;

    @Override
    public boolean test(Params.Tensor t) {
        return this == ALL || t.role() == Params.Role.WEIGHT;
    }
}
