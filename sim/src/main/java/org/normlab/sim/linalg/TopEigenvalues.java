package org.normlab.sim.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The k algebraically largest eigenvalues of a symmetric operator by one Lanczos run keeping its top k Ritz pairs
 * (sim/docs/math.md §9), each with the §4 bound: its true residual {@code b_i = ‖A y_i − θ_i y_i‖}, measured with
 * an explicit product. By interlacing {@code θ_i ≤ λ_i} (the i-th largest eigenvalue), and some eigenvalue lies
 * within b_i of θ_i. Stops when every {@code b_i ≤ tolerance·|θ_i|}: the recurrence residuals {@code β_k |s_ki|}
 * are checked every step and confirmed by k explicit products once all are within tolerance (again only after the
 * worst has halved, if they understated). The gap estimate {@code b²/gap} is not used, for §4's reason. Full
 * reorthogonalization keeps repeated Ritz copies out, so a double eigenvalue appears twice only once both copies
 * are in the Krylov space — a cold random start has them almost surely.
 */
public final class TopEigenvalues {
    private final Lanczos lanczos;
    private final double tolerance;

    /** @param maxSteps at most this many Lanczos steps, @param tolerance relative bound at which to stop, in [0, 1) */
    public TopEigenvalues(int maxSteps, double tolerance) {
        this.lanczos = new Lanczos(maxSteps, tolerance);
        this.tolerance = tolerance;
    }

    /**
     * The min(k, n) largest eigenvalues of {@code a}, largest first, from a Gaussian start drawn from {@code new
     * Random(seed)}; each estimate is converged only if all are (or the Krylov space was exhausted).
     */
    public List<EigenEstimate> largest(LinearOperator a, int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        }
        int n = Math.toIntExact(a.dimension());
        int count = Math.min(k, n);
        Random random = new Random(seed);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = random.nextGaussian();
        }
        INDArray product = Nd4j.zeros(DataType.DOUBLE, n);
        List<EigenEstimate> confirmed = new ArrayList<>();
        double[] confirmBelow = {Double.POSITIVE_INFINITY};
        int[] extra = {0};
        Lanczos.Tridiagonal t = lanczos.expand(a, Nd4j.createFromArray(start), (steps, ritz, beta) -> {
            if (steps < count) {
                return false;
            }
            double worst = 0;
            for (int i = 0; i < count; i++) {
                int j = steps - 1 - i;
                worst = Math.max(worst, beta * Math.abs(ritz.vectors()[steps - 1][j])
                        / (tolerance * Math.abs(ritz.values()[j])));
            }
            if (!(worst <= 1 && worst < confirmBelow[0])) {
                return false;
            }
            confirmed.clear();
            confirmed.addAll(pairs(a, ritz, steps, count, product, extra));
            if (confirmed.stream().allMatch(e -> e.errorBound() <= tolerance * Math.abs(e.value()))) {
                return true;
            }
            confirmBelow[0] = worst / 2;
            confirmed.clear();
            return false;
        });
        if (!confirmed.isEmpty()) {
            return confirmed;
        }
        // Stopped by the step limit or an exhausted Krylov space: measure the last pairs' true residuals.
        List<EigenEstimate> last = pairs(a, t.eigen(), t.steps(), Math.min(count, t.steps()), product, extra);
        boolean invariant = t.steps() < Math.min(lanczos.stepLimit(), n);
        boolean within = last.stream().allMatch(e -> e.errorBound() <= tolerance * Math.abs(e.value()));
        return invariant || within ? last : last.stream().map(EigenEstimate::notConverged).toList();
    }

    /** The top {@code count} Ritz pairs with their explicit residuals, one product each (counted in {@code extra}). */
    private List<EigenEstimate> pairs(LinearOperator a, SymmetricTridiagonal.Eigen ritz, int steps, int count,
                                      INDArray product, int[] extra) {
        List<EigenEstimate> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int j = steps - 1 - i;
            double[] s = new double[steps];
            for (int r = 0; r < steps; r++) {
                s[r] = ritz.vectors()[r][j];
            }
            INDArray y = lanczos.ritzVector(s);
            double value = ritz.values()[j];
            a.apply(y, product);
            extra[0]++;
            double bound = product.sub(y.mul(value)).norm2Number().doubleValue();
            pairs.add(new EigenEstimate(value, bound, steps, steps + extra[0], true, y));
        }
        return pairs;
    }
}
