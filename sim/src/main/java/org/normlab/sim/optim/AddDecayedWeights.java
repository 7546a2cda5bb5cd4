package org.normlab.sim.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;

/**
 * {@code u ← u + λθ}. Before the momentum and learning-rate stages this is coupled L2 weight decay; after a
 * preconditioner (AdamW) it is decoupled decay. Restrict it to some tensors with {@link Transforms#masked}.
 * Hyperparameter {@code weightDecay} λ ∈ [0, ∞).
 */
final class AddDecayedWeights implements Transform {
    private final Hyperparameter weightDecay;

    AddDecayedWeights(double weightDecay) {
        this.weightDecay = new Hyperparameter("weightDecay", Hyperparameter.Domain.nonNegative(), weightDecay);
    }

    @Override
    public State init(Params params, INDArray theta0) {
        return (u, theta) -> {
            double lambda = weightDecay.value();
            if (lambda != 0) {
                Nd4j.getBlasWrapper().level1().axpy(u.length(), lambda, theta, u);
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of(weightDecay);
    }
}
