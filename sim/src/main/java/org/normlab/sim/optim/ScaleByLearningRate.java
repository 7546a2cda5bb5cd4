package org.normlab.sim.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/** {@code u ← −η u}: the last stage of a descent method. Hyperparameter {@code learningRate} η ∈ [0, ∞). */
final class ScaleByLearningRate implements Transform {
    private final Hyperparameter learningRate;

    ScaleByLearningRate(double learningRate) {
        this.learningRate = new Hyperparameter("learningRate", Hyperparameter.Domain.nonNegative(), learningRate);
    }

    @Override
    public State init(Params params, INDArray theta0) {
        return (u, theta) -> u.muli(-learningRate.value());
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of(learningRate);
    }
}
