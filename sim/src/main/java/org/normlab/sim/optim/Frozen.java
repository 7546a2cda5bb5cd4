package org.normlab.sim.optim;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.normlab.sim.model.Params;

/**
 * {@code inner} with the tensors {@code frozen} accepts held fixed: their update is zeroed after the inner stage, and
 * after the step their values are copied back from those at {@link #init} (so a stage that writes θ itself — a
 * projection, a periodic-sampling average — cannot move them either, and a frozen entry stays bit for bit). Its
 * constraint is the affine set of those values: the stability thresholds measure the curvature with the frozen
 * entries of every direction zeroed.
 */
final class Frozen implements Transform {
    private final Predicate<Params.Tensor> frozen;
    private final Transform inner;

    Frozen(Predicate<Params.Tensor> frozen, Transform inner) {
        this.frozen = frozen;
        this.inner = inner;
    }

    @Override
    public State init(Params params, INDArray theta0) {
        State innerState = inner.init(params, theta0);
        List<long[]> ranges = Masked.ranges(params, frozen);
        INDArray[] values = ranges.stream().map(r -> slice(theta0, r).dup()).toArray(INDArray[]::new);
        return new State() {
            @Override
            public void update(INDArray u, INDArray theta) {
                innerState.update(u, theta);
                zero(u);
            }

            @Override
            public void afterStep(INDArray theta) {
                innerState.afterStep(theta);
                for (int i = 0; i < values.length; i++) {
                    slice(theta, ranges.get(i)).assign(values[i]);
                }
            }

            @Override
            public Optional<SecondMoment> secondMoment() {
                return innerState.secondMoment();
            }

            @Override
            public Optional<INDArray> gradientScaling(INDArray theta) {
                return innerState.gradientScaling(theta);
            }

            @Override
            public void projectOntoTangent(INDArray v, INDArray theta) {
                innerState.projectOntoTangent(v, theta);
                zero(v);
            }

            private void zero(INDArray v) {
                for (long[] r : ranges) {
                    slice(v, r).assign(0);
                }
            }
        };
    }

    private static INDArray slice(INDArray flat, long[] range) {
        return flat.get(NDArrayIndex.interval(range[0], range[1]));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return inner.hyperparameters();
    }
}
