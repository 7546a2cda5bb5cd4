package org.normlab.sim.series;

import java.util.Optional;

/**
 * The curvature estimates, each a family of series under one prefix ({@code hessian}; {@code hessian_eval} when
 * measured with eval-mode BatchNorm): the value {@code prefix.top_eig} and, at the same step, its companions
 * ({@link Leaf}) — its error bound b (the true value lies in [value, value + b]), Lanczos' iterations, products and
 * converged flag, and for the estimates that own one the stability threshold of the run's optimizer. Which threshold
 * an estimate is held against is declared here ({@link #threshold}); its label is the run's formula
 * ({@code StepRule.formula}).
 */
public enum Estimate {
    /** Sharpness λ_max of the Hessian of the objective optimized, against the raw threshold c/η. */
    SHARPNESS("hessian", "H", "Sharpness", "λ_max(∇²L)", null),
    /** The Gauss–Newton/Fisher's λ_max, against the sharpness' threshold c/η (its own η* = c/λ_max beside it). */
    FISHER("fisher", "F", "Fisher top eigenvalue", "λ_max(F)", SHARPNESS),
    /** Adam's, PSI-SGD's and INSGD's λ_max(P^{-1/2} H P^{-1/2}), against a dimensionless threshold. */
    PRECONDITIONED_SHARPNESS("preconditioned_hessian", "P^{−1}H", "Preconditioned sharpness", "λ_max(P^-½ H P^-½)",
            null);

    /** The series each estimate writes under its prefix. */
    public enum Leaf {
        /** The Ritz value θ₁, never above the true λ_max. */
        TOP("top_eig"),
        /** The true residual ‖Av − θ₁v‖ of its unit Ritz vector: λ_max lies in [θ₁, θ₁ + b]. */
        ERROR_BOUND("error_bound"),
        /** Lanczos steps taken. */
        ITERATIONS("iterations"),
        /** Operator products, the explicit residuals' included. */
        PRODUCTS("products"),
        /** 1 when the bound met the tolerance (or the Krylov space was exhausted), else 0. */
        CONVERGED("converged"),
        /** The stability threshold of the run's optimizer, where one applies. */
        THRESHOLD("threshold"),
        /** The Fisher's step η* = c/λ_max(F), c of the run's raw threshold c/η. */
        ETA_STAR("eta_star");

        private final String name;

        Leaf(String name) {
            this.name = name;
        }

        /** The leaf as written after the prefix's dot. */
        public String id() {
            return name;
        }

        /** {@code prefix.leaf}. */
        public String of(String prefix) {
            return prefix + "." + name;
        }

        /** Whether {@code id} is some prefix's series of this leaf. */
        public boolean matches(String id) {
            return id.endsWith("." + name);
        }

        /** The prefix of {@code id}, which must be one of this leaf's series. */
        public String prefixOf(String id) {
            if (!matches(id)) {
                throw new IllegalArgumentException("a " + name + " series ends in ." + name + ", was " + id);
            }
            return id.substring(0, id.length() - name.length() - 1);
        }
    }

    /** The suffix of an estimate's prefix when measured with eval-mode BatchNorm. */
    public static final String EVAL_SUFFIX = "_eval";

    private final String prefix;
    private final String matrix;
    private final Display display;
    private final Estimate heldAgainst;

    /**
     * @param matrix      the matrix whose top eigenvalue it is, as its symbol {@code λ_max(matrix)} names it
     * @param heldAgainst the estimate whose threshold this one is compared with, null for its own
     */
    Estimate(String prefix, String matrix, String title, String axisLabel, Estimate heldAgainst) {
        this.prefix = prefix;
        this.matrix = matrix;
        // Curvature spans decades along a run: its charts start logarithmic.
        this.display = new Display("λ_max(" + matrix + ")", title, axisLabel, true);
        this.heldAgainst = heldAgainst;
    }

    /** The prefix in train-mode BatchNorm, e.g. {@code hessian}. */
    public String prefix() {
        return prefix;
    }

    /** The prefix with eval-mode BatchNorm when {@code evalMode}, e.g. {@code hessian_eval}. */
    public String prefix(boolean evalMode) {
        return evalMode ? prefix + EVAL_SUFFIX : prefix;
    }

    /** {@code prefix.leaf} in train mode. */
    public String id(Leaf leaf) {
        return leaf.of(prefix);
    }

    /** The estimate's value series, {@code prefix.top_eig}. */
    public String top() {
        return id(Leaf.TOP);
    }

    /** Its error bound's series, {@code prefix.error_bound}. */
    public String errorBound() {
        return id(Leaf.ERROR_BOUND);
    }

    /** The series of the threshold this estimate is held against (the Fisher: the sharpness' c/η). */
    public String threshold() {
        return heldAgainst == null ? id(Leaf.THRESHOLD) : heldAgainst.threshold();
    }

    /** How its value is shown: symbol {@code λ_max(H)}, title, axis label, scale. */
    public Display display() {
        return display;
    }

    /** {@code prefix.error_bound} for an estimate's series {@code prefix.top_eig}. */
    public static String boundOf(String topId) {
        return Leaf.ERROR_BOUND.of(Leaf.TOP.prefixOf(topId));
    }

    /** The symbol of a train-mode estimate's value ({@code λ_max(H)}) or error bound ({@code ‖Hv − λv‖}). */
    static Optional<String> symbolOf(String id) {
        for (Estimate e : values()) {
            if (id.equals(e.top())) {
                return Optional.of(e.display.symbol());
            }
            if (id.equals(e.errorBound())) {
                return Optional.of("‖" + e.matrix + "v − λv‖");
            }
            if (id.equals(e.id(Leaf.ETA_STAR))) {
                return Optional.of("η*");
            }
        }
        return Optional.empty();
    }
}
