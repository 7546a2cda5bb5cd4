package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Losses over a batch of n outputs f [n, k] with one-hot targets y [n, k] (sim/docs/math.md §1). Each gives its value
 * and gradient with respect to f in one pass, and the product of its output-space Hessian M with a direction, which
 * is both the loss's share of the R-operator and the middle factor of the Gauss–Newton product JᵀMJv/n.
 *
 * <p>The output layer is small (n·k numbers), so a loss works on one bulk copy of it in plain Java: a dozen ND4J
 * calls of ~10 µs each would cost more than the arithmetic. Arrays passed in must not be views.
 */
public enum LossFunction {
    /** Softmax cross-entropy averaged over examples: {@code L = −(1/n) Σ log softmax(f_i)[y_i]}. */
    CROSS_ENTROPY {
        /** dL/df = (softmax(f) − y)/n; log-softmax is shifted by each row's maximum so exp never overflows. */
        @Override
        double value(INDArray f, INDArray y, INDArray gradient) {
            int n = (int) f.rows();
            int k = (int) f.columns();
            double[] logits = f.data().asDouble();
            double[] targets = y.data().asDouble();
            double[] grad = gradient == null ? null : new double[n * k];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                int row = i * k;
                double logSum = logSumExp(logits, row, k);
                for (int c = 0; c < k; c++) {
                    double logp = logits[row + c] - logSum;
                    loss -= targets[row + c] * logp;
                    if (grad != null) {
                        grad[row + c] = (Math.exp(logp) - targets[row + c]) / n;
                    }
                }
            }
            if (grad != null) {
                gradient.data().setData(grad);
            }
            return loss / n;
        }

        /** (M r)/n with M = diag(p) − p pᵀ per example. */
        @Override
        void hessianTimes(INDArray f, INDArray r, INDArray out) {
            int n = (int) f.rows();
            int k = (int) f.columns();
            double[] logits = f.data().asDouble();
            double[] direction = r.data().asDouble();
            double[] result = new double[n * k];
            double[] p = new double[k];
            for (int i = 0; i < n; i++) {
                int row = i * k;
                double logSum = logSumExp(logits, row, k);
                double dot = 0;
                for (int c = 0; c < k; c++) {
                    p[c] = Math.exp(logits[row + c] - logSum);
                    dot += p[c] * direction[row + c];
                }
                for (int c = 0; c < k; c++) {
                    result[row + c] = p[c] * (direction[row + c] - dot) / n;
                }
            }
            out.data().setData(result);
        }

        private double logSumExp(double[] logits, int row, int k) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logits[row + c] - max);
            }
            return max + Math.log(sum);
        }
    },
    /** Half mean squared error as in Cohen et al.: {@code L = (1/n) Σ ½‖f_i − y_i‖²}. */
    HALF_MSE {
        /** dL/df = (f − y)/n. */
        @Override
        double value(INDArray f, INDArray y, INDArray gradient) {
            int n = (int) f.rows();
            double[] outputs = f.data().asDouble();
            double[] targets = y.data().asDouble();
            double loss = 0;
            for (int i = 0; i < outputs.length; i++) {
                double diff = outputs[i] - targets[i];
                loss += 0.5 * diff * diff;
                outputs[i] = diff / n;
            }
            if (gradient != null) {
                gradient.data().setData(outputs);
            }
            return loss / n;
        }

        @Override
        void hessianTimes(INDArray f, INDArray r, INDArray out) {
            double[] direction = r.data().asDouble();
            for (int i = 0; i < direction.length; i++) {
                direction[i] /= f.rows();
            }
            out.data().setData(direction);
        }
    };

    /** The loss; when {@code gradient} is not null, also writes dL/df into it. */
    abstract double value(INDArray f, INDArray y, INDArray gradient);

    /** out = (1/n)·M·r row by row, where M is the loss's Hessian in output space at f. */
    abstract void hessianTimes(INDArray f, INDArray r, INDArray out);
}
