package org.normlab.sim.linalg;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The algebraically largest eigenvalue of a symmetric {@link LinearOperator} by the Lanczos method with full
 * reorthogonalization (Golub &amp; Van Loan, §10.1): every new basis vector is orthogonalized twice against all
 * earlier ones, so the basis stays orthonormal and no spurious copies of converged Ritz values appear.
 *
 * <p>Each step costs one operator product. The iteration stops when the top Ritz value changes by at most
 * {@code tolerance} relative to itself from one step to the next, or when the Krylov space is exhausted (an
 * invariant subspace: the next Lanczos vector vanishes, so the Ritz values are exact eigenvalues), or after
 * {@code maxSteps} steps, in which case the estimate is marked not converged. The reported residual
 * {@code ‖A v − θ v‖} is the true one, measured with one extra product, not the recurrence's estimate |β_k s_k|,
 * which holds only in exact arithmetic.
 *
 * <p>Unlike PyHessian's power iteration this returns the largest eigenvalue, not the one of largest magnitude (a
 * Hessian's most negative eigenvalue can be larger in magnitude), normalizes without a {@code +1e-6} bias, never
 * modifies its inputs, takes an explicit seed and reports non-convergence. The random start uses
 * {@link java.util.Random}, never ND4J's global generator, so a probe leaves the training RNG untouched.
 *
 * <p>An instance keeps its basis ({@code maxSteps} vectors of the operator's dimension) between calls; it is not
 * thread-safe (one per run).
 */
public final class Lanczos {
    /** Default step limit: sharpness probes run every few training steps, so each must stay cheap. */
    public static final int DEFAULT_MAX_STEPS = 30;
    /** Default relative change of the top Ritz value below which it counts as converged. */
    public static final double DEFAULT_TOLERANCE = 1e-4;
    /** β below this fraction of ‖T‖ means the Krylov space is invariant (rounding alone leaves ~1e-15). */
    private static final double INVARIANT_SUBSPACE = 1e-12;

    private final int maxSteps;
    private final double tolerance;
    private final double[] alpha;
    private final double[] beta;
    private INDArray basis;
    private INDArray q;
    private INDArray w;
    private INDArray coefficients;

    /** Lanczos with {@link #DEFAULT_MAX_STEPS} and {@link #DEFAULT_TOLERANCE}. */
    public Lanczos() {
        this(DEFAULT_MAX_STEPS, DEFAULT_TOLERANCE);
    }

    /**
     * @param maxSteps  at most this many steps (operator products, besides the residual's), ≥ 1
     * @param tolerance stop when the top Ritz value's relative change from the previous step is ≤ this, in [0, 1)
     */
    public Lanczos(int maxSteps, double tolerance) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be ≥ 1, got " + maxSteps);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
        }
        this.maxSteps = maxSteps;
        this.tolerance = tolerance;
        this.alpha = new double[maxSteps];
        this.beta = new double[maxSteps];
    }

    /** The step limit: the basis holds this many vectors of the operator's dimension. */
    public int maxSteps() {
        return maxSteps;
    }

    /** The largest eigenvalue of {@code a}, started from a seeded Gaussian random vector. */
    public EigenEstimate largest(LinearOperator a, long seed) {
        Random random = new Random(seed);
        double[] start = new double[Math.toIntExact(a.dimension())];
        for (int i = 0; i < start.length; i++) {
            start[i] = random.nextGaussian();
        }
        return largest(a, Nd4j.createFromArray(start));
    }

    /**
     * The largest eigenvalue of {@code a}, started from {@code start} (left unchanged), typically the previous
     * estimate's vector: near the top eigenvector, few steps are needed.
     */
    public EigenEstimate largest(LinearOperator a, INDArray start) {
        int n = Math.toIntExact(a.dimension());
        if (start.length() != n) {
            throw new IllegalArgumentException("start must have the operator's dimension " + n + ", got length "
                    + start.length());
        }
        double startNorm = start.norm2Number().doubleValue();
        if (!(startNorm > 0 && Double.isFinite(startNorm))) {
            throw new IllegalArgumentException("start must have a finite, nonzero norm, got " + startNorm);
        }
        allocate(n);
        basisVector(0).assign(start).divi(startNorm);
        int limit = Math.min(maxSteps, n);
        double previous = Double.NaN;
        double scale = 0;
        for (int step = 1; ; step++) {
            int j = step - 1;
            q.assign(basisVector(j));
            a.apply(q, w);
            alpha[j] = Nd4j.getBlasWrapper().dot(w, q);
            orthogonalize(step);
            beta[j] = w.norm2Number().doubleValue();
            if (!Double.isFinite(alpha[j]) || !Double.isFinite(beta[j])) {
                return new EigenEstimate(Double.NaN, Double.NaN, step, step, false,
                        Nd4j.valueArrayOf(new long[] {n}, Double.NaN, DataType.DOUBLE));
            }
            SymmetricTridiagonal.Eigen ritz = SymmetricTridiagonal.decompose(alpha, beta, step);
            double top = ritz.values()[step - 1];
            scale = Math.max(scale, Math.abs(alpha[j]) + beta[j] + (j > 0 ? beta[j - 1] : 0));
            boolean settled = Math.abs(top - previous) <= tolerance * Math.abs(top);
            boolean invariant = beta[j] <= INVARIANT_SUBSPACE * scale;
            if (settled || invariant || step == limit) {
                return estimate(a, ritz, step, settled || invariant);
            }
            basisVector(step).assign(w).divi(beta[j]);
            previous = top;
        }
    }

    /** w ← (I − Q Qᵀ)² w over the first {@code count} basis vectors: classical Gram–Schmidt, twice is enough. */
    private void orthogonalize(int count) {
        INDArray basisSoFar = basis.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
        INDArray c = coefficients.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
        INDArray column = w.reshape(w.length(), 1);
        for (int pass = 0; pass < 2; pass++) {
            Nd4j.gemm(basisSoFar, column, c, false, false, 1.0, 0.0);
            Nd4j.gemm(basisSoFar, c, column, true, false, -1.0, 1.0);
        }
    }

    /**
     * The top Ritz pair of the first {@code steps} basis vectors, with its true residual (one more product). The
     * vector is not renormalized: an orthonormal basis makes it unit to rounding, which the tests check.
     */
    private EigenEstimate estimate(LinearOperator a, SymmetricTridiagonal.Eigen ritz, int steps, boolean converged) {
        double[] s = new double[steps];
        for (int i = 0; i < steps; i++) {
            s[i] = ritz.vectors()[i][steps - 1];
        }
        INDArray basisSoFar = basis.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all());
        INDArray vector = Nd4j.createFromArray(s).reshape(1, steps).mmul(basisSoFar).reshape(w.length());
        double value = ritz.values()[steps - 1];
        q.assign(vector);
        a.apply(q, w);
        Nd4j.getBlasWrapper().level1().axpy(w.length(), -value, vector, w);
        double residual = w.norm2Number().doubleValue();
        return new EigenEstimate(value, residual, steps, steps + 1, converged, vector);
    }

    private INDArray basisVector(int i) {
        return basis.getRow(i);
    }

    private void allocate(int n) {
        if (basis == null || basis.columns() != n) {
            basis = Nd4j.zeros(DataType.DOUBLE, maxSteps, n);
            q = Nd4j.zeros(DataType.DOUBLE, n);
            w = Nd4j.zeros(DataType.DOUBLE, n);
            coefficients = Nd4j.zeros(DataType.DOUBLE, maxSteps, 1);
        }
    }
}
