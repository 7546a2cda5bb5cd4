package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.linalg.LinearOperator;

/**
 * The curvature matrices of a network's loss on a batch, as operators on the flat parameter vector: the exact
 * Hessian (sharpness) and the generalized Gauss–Newton matrix, which for softmax cross-entropy and ½-MSE equals the
 * Fisher (sim/docs/math.md §2). Products use the network's live parameters and leave its running statistics alone.
 */
public enum Curvature {
    /** ∇²L, by Pearlmutter's R-operator. */
    HESSIAN {
        @Override
        void product(Network network, Batch batch, BatchNormMode mode, INDArray v, INDArray out) {
            network.hessianVectorProduct(batch, mode, v, out);
        }
    },
    /** (1/n) Jᵀ M J, positive semi-definite. */
    GAUSS_NEWTON {
        @Override
        void product(Network network, Batch batch, BatchNormMode mode, INDArray v, INDArray out) {
            network.gaussNewtonVectorProduct(batch, mode, v, out);
        }
    };

    abstract void product(Network network, Batch batch, BatchNormMode mode, INDArray v, INDArray out);

    /** This matrix of {@code network}'s loss on {@code batch}, BatchNorm in {@code mode}, as an operator. */
    public LinearOperator of(Network network, Batch batch, BatchNormMode mode) {
        long dimension = network.params().size();
        return new LinearOperator() {
            @Override
            public long dimension() {
                return dimension;
            }

            @Override
            public void apply(INDArray v, INDArray out) {
                product(network, batch, mode, v, out);
            }
        };
    }
}
