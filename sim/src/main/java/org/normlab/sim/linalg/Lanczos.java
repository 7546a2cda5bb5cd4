package org.normlab.sim.linalg;

import java.nio.DoubleBuffer;
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
 * <p><b>Stopping on the error, not on a change.</b> After k steps the top Ritz pair {@code (θ₁, y = Q_k s₁)} has the
 * residual {@code r = A y − θ₁ y}. For symmetric A, θ₁ never exceeds λ_max (Ritz values interlace from inside) and
 * some eigenvalue lies within ‖r‖ of θ₁ (Parlett, <i>The Symmetric Eigenvalue Problem</i>, ch. 4): the value
 * lies in {@code [θ₁, θ₁ + ‖r‖]}, and ‖r‖ is reported as the {@link EigenEstimate#errorBound}. Each step checks the
 * recurrence's cheap {@code ‖r‖ = β_k |s_k1|}; once that is within {@code tolerance·|θ₁|}, the explicit residual
 * confirms it (the recurrence holds only in exact arithmetic and can understate), and the iteration stops as
 * converged only if the explicit residual is within tolerance too. The explicit residual costs no product of its
 * own: {@code A y = Σ s_i (A q_i)} is combined from the products the steps already computed (see {@code topPair}). A relative-change rule would say nothing about the
 * error: with a small gap to the second eigenvalue it stops far from the answer. The tempting gap estimate
 * {@code ‖r‖²/(θ₁ − θ₂)} is not used either: θ₂ underestimates λ₂ until λ₂ has converged, which makes that bound
 * too small. An exhausted Krylov space (the next Lanczos vector vanishes: the Ritz values are exact eigenvalues)
 * also counts as converged; after {@code maxSteps} steps the estimate is returned not converged, with its true bound.
 *
 * <p>Unlike PyHessian's power iteration this returns the largest eigenvalue, not the one of largest magnitude (a
 * Hessian's most negative eigenvalue can be larger in magnitude), normalizes without a {@code +1e-6} bias, never
 * modifies its inputs, takes an explicit seed and reports non-convergence. Random vectors come from
 * {@link java.util.Random}, never ND4J's global generator, so an estimate leaves the training RNG untouched.
 *
 * <p>An instance keeps its basis between calls, grown as the steps need it (at most {@code maxSteps} vectors of the
 * operator's dimension, off the heap in ND4J's memory); it is not thread-safe (one per run). Every vector operation
 * besides the operator's products is a plain Java loop over that memory ({@link DoubleBuffer} views): on these sizes
 * (k ≤ a few dozen vectors, a few thousand to a few hundred thousand entries) an ND4J call's fixed cost (tens of µs
 * for a view, a norm, a small gemm) exceeded the arithmetic many times over.
 */
public final class Lanczos {
    /**
     * Default step limit. At {@link #DEFAULT_TOLERANCE}, estimates on the lab's networks take 10–40 steps (the
     * probe bench); the limit leaves room for small spectral gaps while bounding the basis' memory.
     */
    public static final int DEFAULT_MAX_STEPS = 80;
    /**
     * Default relative error bound {@code ‖r‖/|θ₁|}: tight enough that the bound is honest in practice (a top pair
     * Lanczos has not yet resolved can hide behind a small residual only at looser tolerances), and cheap: a few
     * products more than 1e-4 (the probe bench).
     */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /**
     * A warm start's random component, relative to the previous Ritz vector's norm: enough that an eigenvector which
     * has overtaken the old top one is in the Krylov space from the first step.
     */
    public static final double WARM_START_NOISE = 0.1;
    /** Basis vectors allocated at first; the basis doubles when a longer iteration needs more. */
    private static final int INITIAL_BASIS = 32;
    /** β below this fraction of ‖T‖ means the Krylov space is invariant (rounding alone leaves ~1e-15). */
    private static final double INVARIANT_SUBSPACE = 1e-12;

    private final int maxSteps;
    private final double tolerance;
    private final double[] alpha;
    private final double[] beta;
    /** Basis vectors q_1, q_2, … as the rows of an n-column matrix, grown as the steps need them. */
    private INDArray basis;
    /**
     * The operator's input and output, the same two arrays on every call (see {@link LinearOperator#apply}); w is
     * also the current Lanczos vector, A q_j orthogonalized against the basis in place.
     */
    private INDArray q;
    private INDArray w;
    /** Views of the memory of basis (row i from i·n on), q and w; they live as long as those arrays. */
    private DoubleBuffer basisValues;
    /**
     * The products A q_1, A q_2, … as the operator returned them, rows like the basis', kept by {@link #largest} for
     * its explicit residuals (null otherwise: {@link #expand} needs none, and they double the memory).
     */
    private INDArray products;
    private DoubleBuffer productValues;
    private DoubleBuffer qValues;
    private DoubleBuffer wValues;
    private double[] coefficients;

    /** Lanczos with {@link #DEFAULT_MAX_STEPS} and {@link #DEFAULT_TOLERANCE}. */
    public Lanczos() {
        this(DEFAULT_MAX_STEPS, DEFAULT_TOLERANCE);
    }

    /**
     * @param maxSteps  at most this many steps (one operator product each), ≥ 1
     * @param tolerance stop when the residual ‖A y − θ₁ y‖ is ≤ this times |θ₁|, in [0, 1)
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

    /** The largest eigenvalue of {@code a}, started cold from a seeded Gaussian random vector. */
    public EigenEstimate largest(LinearOperator a, long seed) {
        return largest(a, Nd4j.createFromArray(gaussian(Math.toIntExact(a.dimension()), new Random(seed))));
    }

    /**
     * The largest eigenvalue of {@code a}, warm-started from {@code previous} (typically the last estimate's Ritz
     * vector, left unchanged) plus a seeded random component of {@link #WARM_START_NOISE} times its norm, so that a
     * new top eigenvector is never missed for want of a component along it.
     */
    public EigenEstimate largest(LinearOperator a, INDArray previous, long seed) {
        double[] start = previous.toDoubleVector();
        double[] noise = gaussian(start.length, new Random(seed));
        double noiseNorm = Math.sqrt(java.util.Arrays.stream(noise).map(x -> x * x).sum());
        double scale = WARM_START_NOISE * previous.norm2Number().doubleValue() / noiseNorm;
        for (int i = 0; i < start.length; i++) {
            start[i] += scale * noise[i];
        }
        return largest(a, Nd4j.createFromArray(start));
    }

    /** The largest eigenvalue of {@code a}, started from exactly {@code start} (left unchanged). */
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
        begin(n, start, startNorm, true);
        int limit = Math.min(maxSteps, n);
        int products = 0;
        double confirmBelow = Double.POSITIVE_INFINITY;
        double scale = 0;
        for (int step = 1; ; step++) {
            int j = step - 1;
            alpha[j] = product(a, step);
            products++;
            beta[j] = norm(wValues);
            if (!Double.isFinite(alpha[j]) || !Double.isFinite(beta[j])) {
                return new EigenEstimate(Double.NaN, Double.NaN, step, products, false,
                        Nd4j.valueArrayOf(new long[] {n}, Double.NaN, DataType.DOUBLE));
            }
            SymmetricTridiagonal.Eigen ritz = SymmetricTridiagonal.decompose(alpha, beta, step);
            double top = ritz.values()[step - 1];
            double recurrence = beta[j] * Math.abs(ritz.vectors()[step - 1][step - 1]);
            double allowed = tolerance * Math.abs(top);
            scale = Math.max(scale, Math.abs(alpha[j]) + beta[j] + (j > 0 ? beta[j - 1] : 0));
            boolean invariant = beta[j] <= INVARIANT_SUBSPACE * scale;
            boolean last = invariant || step == limit;
            if (!last) {
                nextBasisVector(step, beta[j]);
            }
            if (last || (recurrence <= allowed && recurrence < confirmBelow)) {
                EigenEstimate e = topPair(ritz, step, products);
                boolean converged = invariant || e.errorBound() <= allowed;
                if (converged || last) {
                    return converged ? e : e.notConverged();
                }
                confirmBelow = recurrence / 2; // it understated: confirm again once it has halved
            }
        }
    }

    /** When a {@link #expand} should stop, asked after every step with the Ritz pairs so far. */
    interface StopRule {
        /**
         * @param steps the basis vectors so far (the tridiagonal's order)
         * @param ritz  the tridiagonal's eigenpairs
         * @param beta  the last off-diagonal β_k: the recurrence residual of Ritz pair j is {@code β_k |s_kj|}
         */
        boolean stop(int steps, SymmetricTridiagonal.Eigen ritz, double beta);
    }

    /** The Lanczos tridiagonal after {@code steps} steps (one product each). */
    record Tridiagonal(double[] alpha, double[] beta, int steps) {
        SymmetricTridiagonal.Eigen eigen() {
            return SymmetricTridiagonal.decompose(alpha, beta, steps);
        }
    }

    /**
     * Lanczos steps with full reorthogonalization from {@code start} (left unchanged; any nonzero norm), until the
     * step limit, the dimension, an exhausted Krylov space or {@code rule} stops it. The basis stays available to
     * {@link #ritzVector} until the next call; {@code rule} may apply {@code a} itself (the next basis vector is
     * stored before it is asked).
     */
    Tridiagonal expand(LinearOperator a, INDArray start, StopRule rule) {
        int n = Math.toIntExact(a.dimension());
        begin(n, start, start.norm2Number().doubleValue(), false);
        int limit = Math.min(maxSteps, n);
        double scale = 0;
        for (int step = 1; ; step++) {
            int j = step - 1;
            alpha[j] = product(a, step);
            beta[j] = norm(wValues);
            if (!Double.isFinite(alpha[j]) || !Double.isFinite(beta[j])) {
                throw new ArithmeticException("Lanczos met a non-finite product at step " + step);
            }
            scale = Math.max(scale, Math.abs(alpha[j]) + beta[j] + (j > 0 ? beta[j - 1] : 0));
            boolean last = beta[j] <= INVARIANT_SUBSPACE * scale || step == limit;
            if (!last) {
                nextBasisVector(step, beta[j]);
            }
            if (last || rule.stop(step, SymmetricTridiagonal.decompose(alpha, beta, step), beta[j])) {
                return new Tridiagonal(alpha.clone(), beta.clone(), step);
            }
        }
    }

    /** {@code Q_k s}, the Ritz vector of coefficients {@code s} over the last {@link #expand}'s first k basis vectors. */
    INDArray ritzVector(double[] s) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, basis.columns());
        combination(s, basisValues, y.data().asNioDouble());
        return y;
    }

    /** A solver with this one's step limit and tolerance and a basis of its own (for operators of other sizes). */
    public Lanczos copy() {
        return new Lanczos(maxSteps, tolerance);
    }

    /** The step limit {@link #expand} and {@link #largest} stop at. */
    int stepLimit() {
        return maxSteps;
    }

    private static double[] gaussian(int n, Random random) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    /**
     * One Lanczos step's product: {@code w = A q_j} for j = {@code step} − 1, then w orthogonalized against q_1 …
     * q_step; returns {@code α_j = q_jᵀ A q_j} (taken before the orthogonalization, as the recurrence defines it).
     */
    private double product(LinearOperator a, int step) {
        int n = Math.toIntExact(q.length());
        qValues.put(0, basisValues, (step - 1) * n, n);
        a.apply(q, w);
        if (productValues != null) {
            productValues.put((step - 1) * n, wValues, 0, n);
        }
        double alphaJ = dot(basisValues, (step - 1) * n, wValues, n);
        orthogonalize(step, n);
        return alphaJ;
    }

    /** w ← (I − Q Qᵀ)² w over the first {@code count} basis vectors: classical Gram–Schmidt, twice is enough. */
    private void orthogonalize(int count, int n) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < count; i++) {
                coefficients[i] = dot(basisValues, i * n, wValues, n);
            }
            for (int i = 0; i < count; i++) {
                double c = coefficients[i];
                int row = i * n;
                for (int k = 0; k < n; k++) {
                    wValues.put(k, wValues.get(k) - c * basisValues.get(row + k));
                }
            }
        }
    }

    /**
     * The top Ritz pair of the first {@code steps} basis vectors with its explicit residual, marked converged. The
     * residual needs no product of its own: A is linear, so {@code A y = A Q_k s = Σ s_i (A q_i)}, the same
     * combination of the products the steps computed (kept as they came out of the operator, before any
     * orthogonalization), and {@code r = Σ s_i (A q_i) − θ₁ Σ s_i q_i} involves no recurrence and no orthogonality.
     * The vector is not renormalized: an orthonormal basis makes it unit to rounding, which the tests check.
     */
    private EigenEstimate topPair(SymmetricTridiagonal.Eigen ritz, int steps, int products) {
        double[] s = new double[steps];
        for (int i = 0; i < steps; i++) {
            s[i] = ritz.vectors()[i][steps - 1];
        }
        double value = ritz.values()[steps - 1];
        combination(s, basisValues, qValues);
        INDArray vector = q.dup();
        combination(s, productValues, wValues);
        double squares = 0;
        for (int k = 0; k < qValues.capacity(); k++) {
            double r = wValues.get(k) - value * qValues.get(k);
            squares += r * r;
        }
        return new EigenEstimate(value, Math.sqrt(squares), steps, products, true, vector);
    }

    /** {@code y = Σ s_i v_i}: the combination of the first {@code s.length} rows v_i of {@code rows}. */
    private static void combination(double[] s, DoubleBuffer rows, DoubleBuffer y) {
        int n = y.capacity();
        for (int k = 0; k < n; k++) {
            y.put(k, 0);
        }
        for (int i = 0; i < s.length; i++) {
            double c = s[i];
            int row = i * n;
            for (int k = 0; k < n; k++) {
                y.put(k, y.get(k) + c * rows.get(row + k));
            }
        }
    }

    /** q_{step+1} = w/β. */
    private void nextBasisVector(int step, double betaJ) {
        ensureBasis(step + 1);
        int n = wValues.capacity();
        for (int k = 0; k < n; k++) {
            basisValues.put(step * n + k, wValues.get(k) / betaJ);
        }
    }

    /**
     * Sizes the arrays for dimension n, keeping the products when asked, and sets q_1 = start/‖start‖ from one bulk
     * copy of start (a view of the basis' first row, an assignment and a division were three ND4J calls).
     */
    private void begin(int n, INDArray start, double startNorm, boolean keepProducts) {
        if (basis == null || basis.columns() != n) {
            basis = Nd4j.zeros(DataType.DOUBLE, Math.min(maxSteps, INITIAL_BASIS), n);
            basisValues = basis.data().asNioDouble();
            products = null;
            q = Nd4j.zeros(DataType.DOUBLE, n);
            qValues = q.data().asNioDouble();
            w = Nd4j.zeros(DataType.DOUBLE, n);
            wValues = w.data().asNioDouble();
            coefficients = new double[maxSteps];
        }
        if (keepProducts && (products == null || products.rows() != basis.rows())) {
            products = Nd4j.zeros(DataType.DOUBLE, basis.rows(), n);
        } else if (!keepProducts) {
            products = null;
        }
        productValues = products == null ? null : products.data().asNioDouble();
        double[] values = start.toDoubleVector();
        for (int k = 0; k < n; k++) {
            basisValues.put(k, values[k] / startNorm);
        }
    }

    /** At least {@code rows} basis vectors (and kept products), the earlier ones kept. */
    private void ensureBasis(int rows) {
        if (basis.rows() < rows) {
            basis = grown(basis, rows);
            basisValues = basis.data().asNioDouble();
            if (products != null) {
                products = grown(products, rows);
                productValues = products.data().asNioDouble();
            }
        }
    }

    /** A copy of {@code rowsSoFar} with room for at least {@code rows} rows (doubling, up to the step limit). */
    private INDArray grown(INDArray rowsSoFar, int rows) {
        INDArray grown = Nd4j.zeros(DataType.DOUBLE, Math.min(maxSteps, Math.max(rows, 2 * rowsSoFar.rows())),
                rowsSoFar.columns());
        grown.get(NDArrayIndex.interval(0, rowsSoFar.rows()), NDArrayIndex.all()).assign(rowsSoFar);
        return grown;
    }

    /** Σ_k x[from + k]·y[k] over the n entries of y. */
    private static double dot(DoubleBuffer x, int from, DoubleBuffer y, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += x.get(from + k) * y.get(k);
        }
        return sum;
    }

    private static double norm(DoubleBuffer x) {
        return Math.sqrt(dot(x, 0, x, x.capacity()));
    }
}
