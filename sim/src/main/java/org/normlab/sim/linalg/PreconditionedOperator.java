package org.normlab.sim.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code P^{-1/2} A P^{-1/2}} for a positive diagonal preconditioner P: its top eigenvalue is the preconditioned
 * sharpness that an adaptive method's stability depends on (Cohen et al. 2022, <i>Adaptive Gradient Methods at the
 * Edge of Stability</i>). The diagonal is copied, so later changes to the optimizer state do not leak in.
 */
public final class PreconditionedOperator implements LinearOperator {
    private final LinearOperator inner;
    private final INDArray inverseSqrt;
    private final INDArray scaled;

    /** @param diagonal the diagonal of P, every entry finite and > 0, of {@code inner}'s dimension */
    public PreconditionedOperator(LinearOperator inner, INDArray diagonal) {
        if (diagonal.length() != inner.dimension()) {
            throw new IllegalArgumentException("diagonal must have the operator's dimension " + inner.dimension()
                    + ", got length " + diagonal.length());
        }
        double[] entries = diagonal.toDoubleVector();
        for (int i = 0; i < entries.length; i++) {
            if (!(entries[i] > 0 && Double.isFinite(entries[i]))) {
                throw new IllegalArgumentException("diagonal entries must be finite and > 0, got " + entries[i]
                        + " at index " + i);
            }
        }
        this.inner = inner;
        this.inverseSqrt = Transforms.pow(Nd4j.createFromArray(entries), -0.5, false);
        this.scaled = inverseSqrt.ulike();
    }

    /**
     * Adam's preconditioner after t steps, {@code P = (1−β₁^t)(sqrt(v̂_t) + ε)/η}, for which Adam's step is
     * {@code θ ← θ − P^{-1} m_t}; v̂_t is the bias-corrected second moment {@code v_t/(1−β₂^t)}. Its stability
     * threshold on {@code λ_max(P^{-1/2} H P^{-1/2})} is {@code (2+2β₁)/(1−β₁)}.
     */
    public static INDArray adamDiagonal(INDArray secondMomentCorrected, double beta1, long step, double epsilon,
                                        double learningRate) {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be ≥ 1, got " + step);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be ≥ 0, got " + epsilon);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        return Transforms.sqrt(secondMomentCorrected, true).addi(epsilon)
                .muli((1 - Math.pow(beta1, step)) / learningRate);
    }

    @Override
    public long dimension() {
        return inner.dimension();
    }

    @Override
    public void apply(INDArray v, INDArray out) {
        scaled.assign(v).muli(inverseSqrt);
        inner.apply(scaled, out);
        out.muli(inverseSqrt);
    }
}
