package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.impl.transforms.strict.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.backend.PreparedOps;

/**
 * Elementwise activations φ with what the backward and R-passes need of their derivatives, each written into a
 * caller's array in as few ND4J calls as the activation allows. {@code z} is the pre-activation, {@code y = φ(z)}.
 */
public enum Activation {
    RELU {
        @Override
        void apply(PreparedOps ops, INDArray z, INDArray y) {
            ops.relu(z, y);
        }

        /** One fused call (libnd4j's relu_bp); φ'' vanishes almost everywhere. */
        @Override
        INDArray timesDerivative(PreparedOps ops, INDArray z, INDArray y, INDArray a, INDArray out) {
            return ops.reluTimes(z, a, out);
        }

        /** φ' = 1 where z > 0, else 0: relu_bp of a matrix of ones. */
        @Override
        void derivative(PreparedOps ops, INDArray z, INDArray y, INDArray out) {
            ops.reluTimes(z, out.assign(1.0), out);
        }
    },
    TANH {
        @Override
        void apply(PreparedOps ops, INDArray z, INDArray y) {
            Nd4j.getExecutioner().exec(new Tanh(z, y));
        }

        /** φ' = 1 − tanh²(z). */
        @Override
        INDArray timesDerivative(PreparedOps ops, INDArray z, INDArray y, INDArray a, INDArray out) {
            Nd4j.getExecutioner().exec(new TanhDerivative(z, out));
            return ops.mul(out, a, out);
        }

        @Override
        boolean curved() {
            return true;
        }

        @Override
        void derivative(PreparedOps ops, INDArray z, INDArray y, INDArray out) {
            Nd4j.getExecutioner().exec(new TanhDerivative(z, out));
        }

        /** φ'' = −2y(1 − y²). */
        @Override
        void secondDerivative(INDArray z, INDArray y, INDArray out) {
            Nd4j.getExecutioner().exec(new TanhDerivative(z, out));
            out.muli(y).muli(-2.0);
        }
    },
    IDENTITY {
        @Override
        void apply(PreparedOps ops, INDArray z, INDArray y) {
            y.assign(z);
        }

        @Override
        INDArray timesDerivative(PreparedOps ops, INDArray z, INDArray y, INDArray a, INDArray out) {
            return out.assign(a);
        }

        @Override
        void derivative(PreparedOps ops, INDArray z, INDArray y, INDArray out) {
            out.assign(1.0);
        }
    };

    /** y = φ(z). */
    abstract void apply(PreparedOps ops, INDArray z, INDArray y);

    /** out = φ'(z) ⊙ a: the backward pass (a = dy) and the R-forward pass (a = Rz). */
    abstract INDArray timesDerivative(PreparedOps ops, INDArray z, INDArray y, INDArray a, INDArray out);

    /** out = φ'(z), for the R-passes, which multiply by it (exactly what {@link #timesDerivative} computes). */
    abstract void derivative(PreparedOps ops, INDArray z, INDArray y, INDArray out);

    /** Whether φ'' is nonzero anywhere that matters (ReLU's and the identity's vanish almost everywhere). */
    boolean curved() {
        return false;
    }

    /** out = φ''(z); only called when {@link #curved()}. */
    void secondDerivative(INDArray z, INDArray y, INDArray out) {
        throw new UnsupportedOperationException(name() + " has no curvature");
    }
}
