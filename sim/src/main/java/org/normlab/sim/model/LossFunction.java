package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Losses over a batch of n outputs f [n, k] with one-hot targets y [n, k] (algorithms.md §1). Each gives its value
 * and gradient with respect to f in one pass, and the product of its output-space Hessian M with a direction, which
 * is both the loss's share of the R-operator and the middle factor of the Gauss–Newton product JᵀMJv/n.
 */
public enum LossFunction {
    /** Softmax cross-entropy averaged over examples: {@code L = −(1/n) Σ log softmax(f_i)[y_i]}. */
    CROSS_ENTROPY {
        /** dL/df = (softmax(f) − y)/n. */
        @Override
        double value(INDArray f, INDArray y, INDArray gradient, Scratch scratch) {
            INDArray logp = logSoftmax(f, scratch);
            double loss = -scratch.matrix("product", f.rows(), f.columns()).assign(logp).muli(y)
                    .sumNumber().doubleValue() / f.rows();
            if (gradient != null) {
                Transforms.exp(gradient.assign(logp), false).subi(y).divi(f.rows());
            }
            return loss;
        }

        /** (M r)/n with M = diag(p) − p pᵀ per example. */
        @Override
        INDArray hessianTimes(INDArray f, INDArray r, Scratch scratch) {
            INDArray p = Transforms.exp(logSoftmax(f, scratch), false);
            INDArray pr = scratch.matrix("hessianTimes", f.rows(), f.columns()).assign(p).muli(r);
            INDArray dot = pr.sum(scratch.matrix("rowDot", f.rows(), 1), true, 1);
            return pr.subi(p.muliColumnVector(dot)).divi(f.rows());
        }

        /** log softmax(f) row by row, shifted by the row maximum so that exp never overflows. */
        private INDArray logSoftmax(INDArray f, Scratch scratch) {
            INDArray column = scratch.matrix("rowMax", f.rows(), 1);
            Nd4j.getExecutioner().exec(new Max(f, column, true, 1));
            INDArray shifted = scratch.matrix("logp", f.rows(), f.columns()).assign(f).subiColumnVector(column);
            INDArray exp = Transforms.exp(scratch.matrix("exp", f.rows(), f.columns()).assign(shifted), false);
            return shifted.subiColumnVector(Transforms.log(exp.sum(column, true, 1), false));
        }
    },
    /** Half mean squared error as in Cohen et al.: {@code L = (1/n) Σ ½‖f_i − y_i‖²}. */
    HALF_MSE {
        /** dL/df = (f − y)/n. */
        @Override
        double value(INDArray f, INDArray y, INDArray gradient, Scratch scratch) {
            INDArray diff = scratch.matrix("diff", f.rows(), f.columns()).assign(f).subi(y);
            double norm = diff.norm2Number().doubleValue();
            double loss = 0.5 * norm * norm / f.rows();
            if (gradient != null) {
                gradient.assign(diff).divi(f.rows());
            }
            return loss;
        }

        @Override
        INDArray hessianTimes(INDArray f, INDArray r, Scratch scratch) {
            return scratch.matrix("hessianTimes", f.rows(), f.columns()).assign(r).divi(f.rows());
        }
    };

    /** The loss; when {@code gradient} is not null, also writes dL/df into it. */
    abstract double value(INDArray f, INDArray y, INDArray gradient, Scratch scratch);

    /** (1/n)·M·r row by row, where M is the loss's Hessian in output space at f, in a scratch array. */
    abstract INDArray hessianTimes(INDArray f, INDArray r, Scratch scratch);
}
