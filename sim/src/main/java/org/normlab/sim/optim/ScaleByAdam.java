package org.normlab.sim.optim;

import java.util.Optional;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;
import org.normlab.sim.backend.PreparedOps;

/**
 * Adam's direction (Kingma and Ba 2015) with bias correction: {@code m ← β₁m + (1−β₁)u}, {@code v ← β₂v + (1−β₂)u²},
 * {@code u ← m̂ / (sqrt(v̂) + ε)} with {@code m̂ = m/(1−Πβ₁)}, {@code v̂ = v/(1−Πβ₂)}. The corrections use the product
 * of the β's actually applied, which is {@code β^t} for constant β and stays exact when β changes during training.
 * Hyperparameters {@code beta1}, {@code beta2} ∈ [0, 1), {@code epsilon} ∈ (0, ∞). Whole-vector BLAS calls and
 * prepared libnd4j operations into preallocated buffers: a handful of calls a step, no allocation.
 */
final class ScaleByAdam implements Transform {
    private final Hyperparameter beta1;
    private final Hyperparameter beta2;
    private final Hyperparameter epsilon;

    ScaleByAdam(double beta1, double beta2, double epsilon) {
        this.beta1 = new Hyperparameter("beta1", Hyperparameter.Domain.unitInterval(), beta1);
        this.beta2 = new Hyperparameter("beta2", Hyperparameter.Domain.unitInterval(), beta2);
        this.epsilon = new Hyperparameter("epsilon", Hyperparameter.Domain.positive(), epsilon);
    }

    @Override
    public State init(Params params, INDArray theta) {
        INDArray m = params.zeros();
        INDArray v = params.zeros();
        INDArray work = params.zeros();
        INDArray corrected = params.zeros();
        long n = params.size();
        PreparedOps ops = new PreparedOps();
        INDArray epsilonValue = Nd4j.create(DataType.DOUBLE, 1);
        return new State() {
            private double beta1Product = 1;
            private double beta2Product = 1;
            private long updates;

            @Override
            public void update(INDArray u, INDArray theta) {
                double b1 = beta1.value();
                double b2 = beta2.value();
                beta1Product *= b1;
                beta2Product *= b2;
                updates++;
                Level1 blas = Nd4j.getBlasWrapper().level1();
                blas.scal(n, b1, m);
                blas.axpy(n, 1 - b1, u, m);
                ops.mul(u, u, work);
                blas.scal(n, b2, v);
                blas.axpy(n, 1 - b2, work, v);
                // sqrt(v̂) + ε = sqrt(v)/sqrt(1 − Πβ₂) + ε, then u = (m/(1 − Πβ₁)) / (sqrt(v̂) + ε)
                Nd4j.getExecutioner().exec(new Sqrt(v, work));
                blas.scal(n, 1 / Math.sqrt(1 - beta2Product), work);
                epsilonValue.data().setData(new double[] {epsilon.value()});
                ops.add(work, epsilonValue, work);
                blas.copy(m, u);
                blas.scal(n, 1 / (1 - beta1Product), u);
                ops.div(u, work, u);
            }

            /** v̂ is formed here, only when asked: the step itself never keeps it. */
            @Override
            public Optional<SecondMoment> secondMoment() {
                if (updates == 0) {
                    return Optional.empty();
                }
                v.div(1 - beta2Product, corrected);
                return Optional.of(new SecondMoment(corrected, updates));
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of(beta1, beta2, epsilon);
    }
}
