package org.normlab.sim.linalg;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A symmetric operator formed densely, for the exact mode of networks with at most {@link #MAX_DIMENSION}
 * parameters (sim/docs/math.md §9): n products with the unit vectors give the columns {@code A e_j}, symmetrized as
 * {@code (A + Aᵀ)/2} (the exact products are symmetric to rounding; {@link #asymmetry()} says how far), and LAPACK's
 * {@code dsyev} (ND4J's backend-neutral {@link Eigen}; tested on the CPU backend against the Jacobi method) gives the
 * full eigendecomposition, O(n³) once.
 */
public final class DenseSymmetric {
    /** Beyond this, n products and an n×n float64 matrix (128 MB at 4,096) stop being the cheap reference. */
    public static final int MAX_DIMENSION = 4096;

    private final double[][] matrix;
    private final double asymmetry;

    /** Eigenvalues ascending; {@code vectors[i][j]} is component i of the unit eigenvector of {@code values[j]}. */
    public record Decomposition(double[] values, double[][] vectors) {
    }

    private DenseSymmetric(double[][] matrix, double asymmetry) {
        this.matrix = matrix;
        this.asymmetry = asymmetry;
    }

    /** The dense matrix of {@code a}, whose dimension must be at most {@link #MAX_DIMENSION}. */
    public static DenseSymmetric of(LinearOperator a) {
        if (a.dimension() > MAX_DIMENSION) {
            throw new IllegalArgumentException("the exact mode forms an n×n matrix for n ≤ " + MAX_DIMENSION
                    + "; this operator has n = " + a.dimension());
        }
        int n = Math.toIntExact(a.dimension());
        double[][] columns = new double[n][];
        INDArray e = Nd4j.zeros(DataType.DOUBLE, n);
        INDArray column = Nd4j.zeros(DataType.DOUBLE, n);
        for (int j = 0; j < n; j++) {
            e.putScalar(j, 1.0);
            a.apply(e, column);
            e.putScalar(j, 0.0);
            columns[j] = column.toDoubleVector();
        }
        double[][] m = new double[n][n];
        double largest = 0;
        double skew = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = 0.5 * (columns[j][i] + columns[i][j]);
                largest = Math.max(largest, Math.abs(columns[j][i]));
                skew = Math.max(skew, Math.abs(columns[j][i] - columns[i][j]));
            }
        }
        return new DenseSymmetric(m, largest > 0 ? skew / largest : 0);
    }

    /** The dimension n. */
    public int dimension() {
        return matrix.length;
    }

    /** Entry (i, j) of the symmetrized matrix. */
    public double get(int i, int j) {
        return matrix[i][j];
    }

    /** {@code max |A_ij − A_ji| / max |A_ij|} of the products before symmetrizing: rounding only, ~1e-15. */
    public double asymmetry() {
        return asymmetry;
    }

    /** {@code Σ_i A_ii}. */
    public double trace() {
        double sum = 0;
        for (int i = 0; i < matrix.length; i++) {
            sum += matrix[i][i];
        }
        return sum;
    }

    /** The diagonal block of rows and columns [from, to). */
    public DenseSymmetric block(int from, int to) {
        double[][] b = new double[to - from][];
        for (int i = from; i < to; i++) {
            b[i - from] = Arrays.copyOfRange(matrix[i], from, to);
        }
        return new DenseSymmetric(b, 0);
    }

    /** All eigenpairs. */
    public Decomposition decompose() {
        int n = matrix.length;
        INDArray a = Nd4j.createFromArray(matrix).castTo(DataType.DOUBLE).dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(a, true); // a ← its eigenvectors, one per column
        double[][] vectors = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                vectors[i][j] = a.getDouble(i, j);
            }
        }
        return new Decomposition(values.toDoubleVector(), vectors);
    }
}
