package org.normlab.sim.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;

/**
 * Heavy-ball momentum in PyTorch's convention: {@code m ← μ m + u}, then {@code u ← m}, or with Nesterov
 * {@code u ← u + μ m}. The buffer starts at 0, so the first step passes u through. Hyperparameter {@code momentum}
 * μ ∈ [0, 1).
 */
final class Trace implements Transform {
    private final Hyperparameter momentum;
    private final boolean nesterov;

    Trace(double momentum, boolean nesterov) {
        this.momentum = new Hyperparameter("momentum", Hyperparameter.Domain.unitInterval(), momentum);
        this.nesterov = nesterov;
    }

    @Override
    public State init(Params params, INDArray theta0) {
        INDArray m = params.zeros();
        return (u, theta) -> {
            double mu = momentum.value();
            Nd4j.getBlasWrapper().level1().scal(m.length(), mu, m);
            Nd4j.getBlasWrapper().level1().axpy(m.length(), 1.0, u, m);
            if (nesterov) {
                Nd4j.getBlasWrapper().level1().axpy(u.length(), mu, m, u);
            } else {
                u.assign(m);
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of(momentum);
    }
}
