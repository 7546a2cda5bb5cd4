package org.normlab.sim.optim;

import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/**
 * Applies {@code inner} only to the tensors {@code selection} accepts; the others pass through unchanged (Optax
 * {@code masked}). The inner stage runs on the whole vector and the result is blended with a 0/1 mask,
 * {@code u ← u₀ + M ⊙ (inner(u₀) − u₀)}: four whole-vector calls instead of one per tensor. This equals running the
 * inner stage on the subset alone because every stage here acts entry by entry or row by row within a tensor.
 */
final class Masked implements Transform {
    private final Predicate<Params.Tensor> selection;
    private final Transform inner;

    Masked(Predicate<Params.Tensor> selection, Transform inner) {
        this.selection = selection;
        this.inner = inner;
    }

    @Override
    public State init(Params params, INDArray theta) {
        INDArray mask = params.zeros();
        for (Params.Tensor t : params.tensors()) {
            if (selection.test(t)) {
                params.view(mask, t).assign(1.0);
            }
        }
        INDArray incoming = params.zeros();
        State innerState = inner.init(params, theta);
        return new State() {
            @Override
            public void update(INDArray u, INDArray theta) {
                incoming.assign(u);
                innerState.update(u, theta);
                u.subi(incoming).muli(mask).addi(incoming);
            }

            @Override
            public void afterStep(INDArray theta) {
                innerState.afterStep(theta);
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return inner.hyperparameters();
    }
}
