package org.normlab.sim.linalg;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A symmetric matrix held densely in plain Java: operators with a known spectrum, and dense copies of others. */
record DenseOperator(double[][] matrix) implements LinearOperator {

    /** Q diag(λ) Qᵀ with a seeded random orthogonal Q: its spectrum is exactly {@code lambda}. */
    static DenseOperator withSpectrum(double[] lambda, long seed) {
        int n = lambda.length;
        double[][] q = JacobiEigenvaluesTest.randomOrthogonal(n, new Random(seed));
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += q[i][k] * lambda[k] * q[j][k];
                }
            }
        }
        return new DenseOperator(a);
    }

    /** The columns A e_j of any operator. */
    static DenseOperator of(LinearOperator a) {
        int n = Math.toIntExact(a.dimension());
        double[][] m = new double[n][n];
        INDArray e = Nd4j.zeros(DataType.DOUBLE, n);
        INDArray column = Nd4j.zeros(DataType.DOUBLE, n);
        for (int j = 0; j < n; j++) {
            e.putScalar(j, 1.0);
            a.apply(e, column);
            e.putScalar(j, 0.0);
            for (int i = 0; i < n; i++) {
                m[i][j] = column.getDouble(i);
            }
        }
        return new DenseOperator(m);
    }

    /** Eigenvalues in ascending order, by the Jacobi reference. */
    double[] eigenvalues() {
        return JacobiEigenvalues.of(matrix);
    }

    double[] times(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += matrix[i][j] * v[j];
            }
        }
        return out;
    }

    /** The largest |entry|, a scale for absolute tolerances. */
    double maxAbs() {
        return Arrays.stream(matrix).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0);
    }

    @Override
    public long dimension() {
        return matrix.length;
    }

    @Override
    public void apply(INDArray v, INDArray out) {
        out.assign(Nd4j.createFromArray(times(v.toDoubleVector())));
    }
}
