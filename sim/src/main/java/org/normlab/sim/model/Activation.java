package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Elementwise activations φ with the first and second derivatives the backward and R-passes need. Each derivative
 * is expressed through the pre-activation {@code z} and the output {@code y = φ(z)}, whichever is cheaper.
 */
public enum Activation {
    RELU {
        @Override
        INDArray apply(INDArray z) {
            return Transforms.relu(z, true);
        }

        @Override
        INDArray derivative(INDArray z, INDArray y) {
            return z.gt(0.0).castTo(z.dataType());
        }

        @Override
        INDArray secondDerivative(INDArray z, INDArray y) {
            return null;
        }
    },
    TANH {
        @Override
        INDArray apply(INDArray z) {
            return Transforms.tanh(z, true);
        }

        /** φ' = 1 − y². */
        @Override
        INDArray derivative(INDArray z, INDArray y) {
            return y.mul(y).rsubi(1.0);
        }

        /** φ'' = −2y(1 − y²). */
        @Override
        INDArray secondDerivative(INDArray z, INDArray y) {
            return y.mul(y).rsubi(1.0).muli(y).muli(-2.0);
        }
    },
    IDENTITY {
        @Override
        INDArray apply(INDArray z) {
            return z;
        }

        @Override
        INDArray derivative(INDArray z, INDArray y) {
            return null;
        }

        @Override
        INDArray secondDerivative(INDArray z, INDArray y) {
            return null;
        }
    };

    /** φ(z) as a new array (or z itself for the identity). */
    abstract INDArray apply(INDArray z);

    /** φ'(z); null means "all ones" (no multiplication needed). */
    abstract INDArray derivative(INDArray z, INDArray y);

    /** φ''(z); null means "zero almost everywhere". */
    abstract INDArray secondDerivative(INDArray z, INDArray y);
}
