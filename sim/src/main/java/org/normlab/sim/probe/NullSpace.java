package org.normlab.sim.probe;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The directions the inputs of a layer never reach: an orthonormal basis N [d, m] of the eigenvectors of
 * {@code S = XᵀX/n} with eigenvalue ≤ τ·λ_max(S). A row's component outside the input span is {@code Nᵀw}, whose
 * norm is measured directly rather than as a small difference {@code w − UUᵀw}. The dense symmetric eigensolver is
 * LAPACK's {@code dsyev} through ND4J, float64 (784×784 in about 0.15 s here).
 *
 * <p>Most layers' inputs span everything (a hidden layer of a BN network on a large probe set): a Cholesky
 * factorization proves that first, at a fraction of the eigensolver's cost, and then the null space is empty —
 * exactly what the eigensolver would have found (sim/docs/math.md §4.3). A few of the rows already span everything,
 * so the proof is tried on their Gram first, a fraction of S's.
 */
final class NullSpace {
    /**
     * Rows per input column in the Gram that tries to prove full rank first: a quarter of the work of a 2,000-row
     * probe set's for a 256-wide layer, and far above the d rows that full rank needs at least.
     */
    static final int SAMPLE_PER_COLUMN = 2;

    private final INDArray basis;
    private final int dimension;

    private NullSpace(INDArray basis, int dimension) {
        this.basis = basis;
        this.dimension = dimension;
    }

    /**
     * The null space of the rows of {@code x} [n, d], with relative eigenvalue threshold {@code tau}: full rank if
     * proven from the Gram of the first {@value #SAMPLE_PER_COLUMN}·d rows (when they are at most half of them),
     * else if proven from S, else by the eigenvectors of S.
     */
    static NullSpace of(INDArray x, double tau) {
        int n = (int) x.rows();
        int d = (int) x.columns();
        int sample = SAMPLE_PER_COLUMN * d;
        if (2 * sample <= n) {
            INDArray rows = x.get(NDArrayIndex.interval(0, sample), NDArrayIndex.all());
            double trace = x.norm2Number().doubleValue();
            if (FullRank.proven(rows(rows.transpose().mmul(rows)), trace * trace, sample + n, tau)) {
                return new NullSpace(null, d);
            }
        }
        INDArray s = x.transpose().mmul(x).divi(n);
        if (FullRank.proven(rows(s), tau)) {
            return new NullSpace(null, d);
        }
        return byEigenvectors(s, tau);
    }

    /** A square matrix's rows, by one bulk copy ({@code toDoubleMatrix} reads element by element: ~100× slower). */
    static double[][] rows(INDArray square) {
        int d = (int) square.rows();
        double[] flat = square.dup('c').data().asDouble();
        double[][] rows = new double[d][];
        for (int i = 0; i < d; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return rows;
    }

    /** The null space from the eigendecomposition of {@code s} (overwritten), the definition itself. */
    static NullSpace byEigenvectors(INDArray s, double tau) {
        int d = (int) s.columns();
        double[] values = Eigen.symmetricGeneralizedEigenvalues(s, true).toDoubleVector();
        double cut = tau * values[d - 1];
        int m = 0;
        while (m < d && values[m] <= cut) {
            m++;
        }
        return new NullSpace(m == 0 ? null : s.get(NDArrayIndex.all(), NDArrayIndex.interval(0, m)).dup(), d);
    }

    /** The dimension of the input span, d − m. */
    int rank() {
        return basis == null ? dimension : dimension - (int) basis.columns();
    }

    /** {@code ‖Nᵀ w_k‖} for every row of {@code w} [rows, d]: each row's distance from the input span. */
    double[] orthogonalRowNorms(INDArray w) {
        return basis == null ? new double[(int) w.rows()] : w.mmul(basis).norm2(1).toDoubleVector();
    }
}
