package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Losses over a batch of n outputs f [n, k] with one-hot targets y [n, k] (algorithms.md §1). Each gives its value,
 * its gradient with respect to f, and the product of its output-space Hessian M with a direction, which is both
 * the R-operator of the gradient (the loss's share of Hv) and the middle factor of the Gauss–Newton product JᵀMJv/n.
 */
public enum LossFunction {
    /** Softmax cross-entropy averaged over examples: {@code L = −(1/n) Σ log softmax(f_i)[y_i]}. */
    CROSS_ENTROPY {
        @Override
        double value(INDArray f, INDArray y) {
            INDArray logp = logSoftmax(f);
            return -logp.muli(y).sumNumber().doubleValue() / f.rows();
        }

        /** dL/df = (softmax(f) − y)/n. */
        @Override
        INDArray gradient(INDArray f, INDArray y) {
            return Transforms.exp(logSoftmax(f), false).subi(y).divi(f.rows());
        }

        /** M r/n with M = diag(p) − p pᵀ per example. */
        @Override
        INDArray hessianTimes(INDArray f, INDArray r) {
            INDArray p = Transforms.exp(logSoftmax(f), false);
            INDArray pr = p.mul(r);
            INDArray dot = pr.sum(true, 1);
            return pr.subi(p.muliColumnVector(dot)).divi(f.rows());
        }

        private INDArray logSoftmax(INDArray f) {
            INDArray max = f.max(true, 1);
            INDArray shifted = f.subColumnVector(max);
            INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
            return shifted.subiColumnVector(logSum);
        }
    },
    /** Half mean squared error as in Cohen et al.: {@code L = (1/n) Σ ½‖f_i − y_i‖²}. */
    HALF_MSE {
        @Override
        double value(INDArray f, INDArray y) {
            INDArray diff = f.sub(y);
            return 0.5 * diff.muli(diff).sumNumber().doubleValue() / f.rows();
        }

        @Override
        INDArray gradient(INDArray f, INDArray y) {
            return f.sub(y).divi(f.rows());
        }

        @Override
        INDArray hessianTimes(INDArray f, INDArray r) {
            return r.div(f.rows());
        }
    };

    abstract double value(INDArray f, INDArray y);

    abstract INDArray gradient(INDArray f, INDArray y);

    /** (1/n)·M·r, row by row, where M is the loss's Hessian in output space at f. */
    abstract INDArray hessianTimes(INDArray f, INDArray r);
}
