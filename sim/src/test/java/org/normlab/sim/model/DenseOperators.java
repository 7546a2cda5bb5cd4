package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;

/** Dense Hessian and Gauss–Newton matrices of tiny networks, built column by column from the exact products. */
final class DenseOperators {
    private DenseOperators() {
    }

    interface Product {
        void apply(INDArray v, INDArray out);
    }

    static double[][] hessian(Network net, Batch batch, BatchNormMode mode) {
        return dense(net, (v, out) -> net.hessianVectorProduct(batch, mode, v, out));
    }

    static double[][] gaussNewton(Network net, Batch batch, BatchNormMode mode) {
        return dense(net, (v, out) -> net.gaussNewtonVectorProduct(batch, mode, v, out));
    }

    /** Columns A e_j, symmetrized (the asymmetry is checked separately). */
    static double[][] dense(Network net, Product product) {
        int p = (int) net.params().size();
        double[][] a = new double[p][p];
        for (int j = 0; j < p; j++) {
            INDArray e = net.params().zeros();
            e.putScalar(j, 1.0);
            INDArray col = net.params().zeros();
            product.apply(e, col);
            for (int i = 0; i < p; i++) {
                a[i][j] = col.getDouble(i);
            }
        }
        return a;
    }
}
