package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.impl.transforms.strict.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Elementwise activations φ with the first and second derivatives the backward and R-passes need, each written into
 * a caller's array in one ND4J call where possible. {@code z} is the pre-activation, {@code y = φ(z)}.
 */
public enum Activation {
    RELU {
        @Override
        void apply(PreparedOps ops, INDArray z, INDArray y) {
            ops.relu(z, y);
        }

        @Override
        void derivative(INDArray z, INDArray y, INDArray out) {
            Nd4j.getExecutioner().exec(new Step(z, out, 0.0));
        }

        /** One fused call (libnd4j's relu_bp). */
        @Override
        INDArray timesDerivative(PreparedOps ops, INDArray z, INDArray y, INDArray a, INDArray out) {
            return ops.reluTimes(z, a, out);
        }
    },
    TANH {
        @Override
        void apply(PreparedOps ops, INDArray z, INDArray y) {
            Nd4j.getExecutioner().exec(new Tanh(z, y));
        }

        /** φ' = 1 − tanh²(z). */
        @Override
        void derivative(INDArray z, INDArray y, INDArray out) {
            Nd4j.getExecutioner().exec(new TanhDerivative(z, out));
        }

        @Override
        boolean curved() {
            return true;
        }

        /** φ'' = −2y(1 − y²). */
        @Override
        void secondDerivative(INDArray z, INDArray y, INDArray out) {
            derivative(z, y, out);
            out.muli(y).muli(-2.0);
        }
    },
    IDENTITY {
        @Override
        void apply(PreparedOps ops, INDArray z, INDArray y) {
            y.assign(z);
        }

        @Override
        void derivative(INDArray z, INDArray y, INDArray out) {
            out.assign(1.0);
        }
    };

    /** y = φ(z). */
    abstract void apply(PreparedOps ops, INDArray z, INDArray y);

    /** out = φ'(z). */
    abstract void derivative(INDArray z, INDArray y, INDArray out);

    /** out = φ'(z) ⊙ a: the backward pass (a = dy) and the R-forward pass (a = Rz). */
    INDArray timesDerivative(PreparedOps ops, INDArray z, INDArray y, INDArray a, INDArray out) {
        derivative(z, y, out);
        return ops.mul(out, a, out);
    }

    /** Whether φ'' is nonzero anywhere that matters (ReLU's and the identity's vanish almost everywhere). */
    boolean curved() {
        return false;
    }

    /** out = φ''(z); only called when {@link #curved()}. */
    void secondDerivative(INDArray z, INDArray y, INDArray out) {
        throw new UnsupportedOperationException(name() + " has no curvature");
    }
}
