package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.series.Estimate;

/**
 * The warm-started top-eigenvalue estimate shared by the curvature probes, and its series under one prefix:
 * {@code top_eig} θ₁, {@code error_bound} b = ‖Av − θ₁v‖ (the true residual: λ_max lies in [θ₁, θ₁ + b]),
 * {@code iterations}, {@code products} (operator products, the explicit residuals' included) and {@code converged}
 * (1 only when b ≤ tolerance·|θ₁|, see {@link Lanczos}): a value that ran out of steps is recorded with converged = 0
 * and its true bound. The first estimate starts from a seeded random vector, later ones from the previous Ritz vector
 * plus a random component (seeded by the step), so a new top eigenvector is never missed.
 */
final class TopEigenvalue {
    private final String prefix;
    private final Lanczos lanczos;
    private final long seed;
    private INDArray start;

    /** Series ids {@code prefix.*} of {@code estimate} in train mode and {@code prefix_eval.*} in eval mode. */
    TopEigenvalue(Estimate estimate, BatchNormMode mode, Lanczos lanczos, long seed) {
        this.prefix = estimate.prefix(mode == BatchNormMode.EVAL);
        this.lanczos = lanczos;
        this.seed = seed;
    }

    String key(Estimate.Leaf leaf) {
        return leaf.of(prefix);
    }

    /** The estimate's series followed by {@code extra} leaves under the same prefix. */
    List<String> series(Estimate.Leaf... extra) {
        List<String> series = new ArrayList<>();
        for (Estimate.Leaf leaf : List.of(Estimate.Leaf.TOP, Estimate.Leaf.ERROR_BOUND, Estimate.Leaf.ITERATIONS,
                Estimate.Leaf.PRODUCTS, Estimate.Leaf.CONVERGED)) {
            series.add(key(leaf));
        }
        for (Estimate.Leaf leaf : extra) {
            series.add(key(leaf));
        }
        return series;
    }

    EigenEstimate measure(LinearOperator a, long step, Sink sink) {
        EigenEstimate e = start == null ? lanczos.largest(a, seed)
                : lanczos.largest(a, start, seed ^ (step * 0x9E3779B97F4A7C15L));
        if (Double.isFinite(e.value())) {
            start = e.vector();
        }
        sink.append(key(Estimate.Leaf.TOP), step, e.value());
        sink.append(key(Estimate.Leaf.ERROR_BOUND), step, e.errorBound());
        sink.append(key(Estimate.Leaf.ITERATIONS), step, e.iterations());
        sink.append(key(Estimate.Leaf.PRODUCTS), step, e.products());
        sink.append(key(Estimate.Leaf.CONVERGED), step, e.converged() ? 1 : 0);
        return e;
    }
}
