package org.normlab.sim.linalg;

import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Π A Π} for an orthogonal projection Π (given as an in-place map): A restricted to the tangent space of a
 * constraint, such as unit-norm or zero-mean rows. Its top eigenvalue is the curvature a constrained step sees; Π's
 * null space contributes eigenvalue 0.
 */
public final class TangentOperator implements LinearOperator {
    private final LinearOperator inner;
    private final Consumer<INDArray> projection;
    private final INDArray projected;

    public TangentOperator(LinearOperator inner, Consumer<INDArray> projection) {
        this.inner = inner;
        this.projection = projection;
        this.projected = Nd4j.zeros(DataType.DOUBLE, inner.dimension());
    }

    @Override
    public long dimension() {
        return inner.dimension();
    }

    @Override
    public void apply(INDArray v, INDArray out) {
        projected.assign(v);
        projection.accept(projected);
        inner.apply(projected, out);
        projection.accept(out);
    }
}
