package org.normlab.sim.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A symmetric linear map {@code v ↦ A v} on float64 vectors of length {@link #dimension()}, known only through its
 * products: the Hessian and Gauss–Newton matrices of a network are never formed (see {@link org.normlab.sim.model.Curvature}).
 */
public interface LinearOperator {

    /** The length of the vectors this operator acts on. */
    long dimension();

    /**
     * Writes {@code A v} into {@code out}, overwriting it. {@code v} is left unchanged and must not be {@code out}.
     * Callers should pass the same two arrays on every call: implementations may cache per-array views.
     */
    void apply(INDArray v, INDArray out);
}
