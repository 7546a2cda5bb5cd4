package org.normlab.sim.optim;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;
import org.normlab.sim.backend.PreparedOps;

/**
 * A weight constraint as a last stage, {@code u' = R(θ + u) − θ} (the Optax idiom), where R acts row by row on some
 * weight tensors; other entries of u pass through untouched. The step then lands on {@code R(θ + u)} up to one
 * rounding.
 */
abstract class RowProjection implements Transform {

    /** The tensors whose rows are constrained. */
    abstract List<Params.Tensor> tensors(Params params);

    /** The constraint for one tensor, given its rows at initialization and the state's prepared operations. */
    abstract Constraint constraint(INDArray initialRows, PreparedOps ops);

    /** Whether {@link #init} already projects θ (the constraint holds from the start) or only the steps do. */
    abstract boolean projectsAtInit();

    /**
     * The derivative of R at {@code rows} (a point of the constraint) applied to {@code direction} of the same shape,
     * in place: for these constraints the orthogonal projection onto the tangent space at {@code rows}.
     */
    abstract void projectOntoTangent(INDArray rows, INDArray direction);

    /** R for one tensor, in place, with the tensor's rows before the step at hand. */
    interface Constraint {
        void project(INDArray rows, INDArray before);
    }

    @Override
    public State init(Params params, INDArray theta0) {
        List<Params.Tensor> tensors = tensors(params);
        PreparedOps ops = new PreparedOps();
        Constraint[] constraints = new Constraint[tensors.size()];
        INDArray[] next = new INDArray[tensors.size()];
        TensorViews thetaViews = new TensorViews(params, tensors);
        TensorViews updateViews = new TensorViews(params, tensors);
        INDArray[] initial = thetaViews.of(theta0);
        for (int i = 0; i < constraints.length; i++) {
            constraints[i] = constraint(initial[i], ops);
            next[i] = Nd4j.create(DataType.DOUBLE, initial[i].rows(), initial[i].columns());
            if (projectsAtInit()) {
                constraints[i].project(initial[i], initial[i]);
            }
        }
        return new State() {
            @Override
            public void update(INDArray u, INDArray theta) {
                INDArray[] w = thetaViews.of(theta);
                INDArray[] d = updateViews.of(u);
                for (int i = 0; i < constraints.length; i++) {
                    ops.add(w[i], d[i], next[i]);
                    constraints[i].project(next[i], w[i]);
                    ops.sub(next[i], w[i], d[i]);
                }
            }

            @Override
            public void projectOntoTangent(INDArray v, INDArray theta) {
                for (Params.Tensor t : tensors) {
                    RowProjection.this.projectOntoTangent(params.view(theta, t), params.view(v, t));
                }
            }

            @Override
            public boolean constrains() {
                return true;
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of();
    }

    static INDArray column(INDArray rows) {
        return Nd4j.create(DataType.DOUBLE, rows.rows(), 1);
    }
}
