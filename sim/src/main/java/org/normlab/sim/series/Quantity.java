package org.normlab.sim.series;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series a run writes besides the curvature estimates ({@link Estimate}), each declared once: its dotted id (per
 * layer: {@code id.layer<l>}, l the Linear layer's index, 0 = first) and how it is shown ({@link Display}).
 */
public enum Quantity {
    /** Minibatch loss of step t, at the parameters before its update (train-mode BatchNorm). */
    TRAIN_LOSS("train.loss", false, null, "Training loss", "loss", true),
    /** Euclidean norm of the step's minibatch gradient. */
    GRAD_NORM("grad.norm", false, "‖g‖", "Gradient norm", "‖g‖", true),
    /** Loss on the probe set, eval-mode BatchNorm. */
    PROBE_LOSS("probe.loss", false, null, "Probe-set loss", "loss", true),
    /** Accuracy on the probe set (a sample of the training set), eval-mode BatchNorm. */
    PROBE_ACCURACY("probe.accuracy", false, null, "Probe-set accuracy", "accuracy", false),
    /** Loss on the test set, eval-mode BatchNorm. */
    TEST_LOSS("test.loss", false, null, "Test loss", "loss", true),
    /** Accuracy on the test set, eval-mode BatchNorm. */
    TEST_ACCURACY("test.accuracy", false, null, "Test accuracy", "accuracy", false),
    /** An event: value 1 at the step where the loss, gradient or parameters stopped being finite. */
    DIVERGED("diverged", false, null, "Diverged", "diverged", false),
    /** {@code ‖∇L‖} on the whole probe set, train-mode BatchNorm. */
    PROBE_GRAD_NORM("probe.grad_norm", false, "‖g‖ (probe set)", "Probe-set gradient norm", "‖g‖", true),
    /** {@code N_l = Σ_k ‖w_k‖²} over the scale-invariant rows of layer l. */
    WEIGHT_NORM_SQUARED("weight.norm_sq", true, "‖W‖²", "Weight norm", "Σ‖w_k‖²", true),
    /** Mean row norm {@code mean_k ‖w_k‖} of layer l. */
    WEIGHT_ROW_NORM("weight.row_norm", true, "mean ‖w_k‖", "Mean row norm", "mean ‖w_k‖", true),
    /** The measured one-step increment {@code N_l(t) − N_l(t−1)}. */
    WEIGHT_INCREMENT("weight.increment", true, "Δ‖W‖²", "Weight-norm increment", "Δ Σ‖w_k‖²", true),
    /** SGD's law for that increment, {@code η²‖g_l‖²}. */
    WEIGHT_PREDICTED_INCREMENT("weight.predicted_increment", true, "η²‖g‖²", "Predicted increment", "η²‖g_l‖²",
            true, Beside.theoryOf(WEIGHT_INCREMENT)),
    /**
     * Spherical motion's equilibrium of {@code N_l} under SGD with coupled decay λ (μ = 0): {@code Σ_k ‖w_k*‖²}, each
     * row's {@code ‖w_k*‖⁴ = ηḠ_k/(λ(2−ηλ))}, {@code Ḡ_k} the running mean of {@code ‖g_k‖²‖w_k‖²}.
     */
    WEIGHT_EQUILIBRIUM_NORM("weight.equilibrium_norm_sq", true, "Σ‖w_k*‖²", "Equilibrium weight norm",
            "Σ‖w_k*‖²", true, Beside.theoryOf(WEIGHT_NORM_SQUARED)),
    /**
     * The learning rate η_t in force after t steps (the next step's), written for a run with a learning-rate
     * schedule at every step.
     */
    LEARNING_RATE("optimizer.learning_rate", false, "η", "Learning rate", "η", true),
    /** {@code η / mean_k ‖w_k‖²} of layer l. */
    EFFECTIVE_LEARNING_RATE("weight.effective_lr", true, "η_eff", "Effective LR", "η / mean‖w_k‖²", true),
    /** {@code mean_k ∠(w_k(t), w_k(t−1))}, radians. */
    ANGULAR_UPDATE("weight.angular_update", true, "angular update", "Angular update", "mean ∠(w_k(t), w_k(t−1))",
            true),
    /**
     * The root mean square angular update {@code √(running mean of mean_k ∠(w_k(t), w_k(t−1))²)}, radians: the
     * statistic spherical motion's equilibrium predicts (the mean angle lies below it by the angles' spread).
     */
    ANGULAR_UPDATE_RMS("weight.angular_update_rms", true, "RMS angular update", "RMS angular update",
            "√(mean ∠²), running", true),
    /** Spherical motion's equilibrium angular update {@code √(2ηλ/(1+μ))} under coupled decay λ and momentum μ. */
    EQUILIBRIUM_ANGULAR_UPDATE("weight.equilibrium_angular_update", true, "√(2ηλ/(1+μ))",
            "Equilibrium angular update", "√(2ηλ/(1+μ))", true, Beside.theoryOf(ANGULAR_UPDATE_RMS)),
    /** The update-to-weight ratio {@code ‖W_l(t) − W_l(t−1)‖_F / ‖W_l(t−1)‖_F} of every Linear layer. */
    UPDATE_RATIO("weight.update_ratio", true, "‖ΔW‖/‖W‖", "Update ratio", "‖ΔW_l‖ / ‖W_l‖", true),
    /** Orthogonal weight noise {@code ρ_l = mean_k ‖(I−UUᵀ)w_k‖/‖w_k‖}. */
    ORTHOGONAL_RATIO("weight.orthogonal_ratio", true, "ρ", "Orthogonal noise", "mean ‖(I−UUᵀ)w_k‖ / ‖w_k‖",
            false),
    /** {@code ‖W_⊥‖_F} of layer l against the span of its inputs. */
    ORTHOGONAL_NORM("weight.orthogonal_norm", true, "‖W_⊥‖_F", "Orthogonal norm", "‖(I−UUᵀ)Wᵀ‖_F", false),
    /**
     * Its prediction under plain SGD with coupled decay λ, first layer only: {@code (1−ηλ)^{t−t₀} ‖W_⊥(t₀)‖}, t₀ the
     * last measurement at which η or λ was found changed (or the first).
     */
    PREDICTED_ORTHOGONAL_NORM("weight.predicted_orthogonal_norm", true, "(1−ηλ)^t ‖W_⊥(t₀)‖",
            "Predicted orthogonal norm", "(1−ηλ)^t ‖W_⊥(t₀)‖_F", false, Beside.theoryOf(ORTHOGONAL_NORM)),
    /** Rank of the span of layer l's inputs on the probe set. */
    INPUT_RANK("input.rank", true, "input rank", "Input rank", "rank", false),
    /** λ_max of the loss Hessian's block of Linear layer l (W_l with its bias or its BatchNorm's γ, β). */
    LAYER_SHARPNESS("hessian.layer_top_eig", true, "λ_max(H_ll)", "Per-layer sharpness", "λ_max(H_ll)", false),
    /** Hutchinson's estimate of that block's trace. */
    LAYER_TRACE("hessian.layer_trace", true, "tr(H_ll)", "Per-layer trace", "tr(H_ll)", false),
    /** Hutchinson's estimate of the loss Hessian's trace on the probe set. */
    HESSIAN_TRACE("hessian.trace", false, "tr(H)", "Hessian trace", "tr(H)", false),
    /** Its standard error {@code s/√m} over the probes. */
    HESSIAN_TRACE_STANDARD_ERROR("hessian.trace_standard_error", false, "SE tr(H)", "Hessian trace standard error",
            "SE", false, Beside.standardErrorOf(HESSIAN_TRACE));

    private static final Pattern LAYER = Pattern.compile("(.*)\\.layer(\\d+)");

    /**
     * What a series is to the measured series drawn with it (per layer: of the same layer): the theory that predicts
     * it (sim/docs/math.md §7), dash-dotted beside it, or its standard error, error bars ± it at each value.
     */
    public record Beside(Role role, Quantity measured) {
        /** How a series accompanies its measurement. */
        public enum Role { THEORY, STANDARD_ERROR }

        static Beside theoryOf(Quantity measured) {
            return new Beside(Role.THEORY, measured);
        }

        static Beside standardErrorOf(Quantity measured) {
            return new Beside(Role.STANDARD_ERROR, measured);
        }
    }

    private final String id;
    private final boolean perLayer;
    private final Display display;
    private final Beside beside;

    Quantity(String id, boolean perLayer, String symbol, String title, String axisLabel, boolean logScale) {
        this(id, perLayer, symbol, title, axisLabel, logScale, null);
    }

    /** @param beside the measurement this series accompanies and how, null for a measurement */
    Quantity(String id, boolean perLayer, String symbol, String title, String axisLabel, boolean logScale,
             Beside beside) {
        this.id = id;
        this.perLayer = perLayer;
        this.display = new Display(symbol, title, axisLabel, logScale);
        this.beside = beside;
    }

    /** The id, for a per-layer series its base: {@link #layer} gives each layer's id. */
    public String id() {
        return id;
    }

    /** Whether the series is written once per Linear layer, as {@code id.layer<l>}. */
    public boolean perLayer() {
        return perLayer;
    }

    /** The id of this per-layer series for Linear layer {@code layer}. */
    public String layer(int layer) {
        if (!perLayer) {
            throw new IllegalStateException(id + " is not written per layer");
        }
        return id + ".layer" + layer;
    }

    /**
     * The series of the theory drawn beside the measured series {@code id} (per layer: of the same layer), e.g.
     * {@code weight.equilibrium_angular_update.layer0} for {@code weight.angular_update.layer0}; empty if none.
     */
    public static Optional<String> theoryOf(String id) {
        return companionOf(id, Beside.Role.THEORY);
    }

    /**
     * The series of the standard error of each value of the measured series {@code id}, drawn as error bars ± it, e.g.
     * {@code hessian.trace_standard_error} for {@code hessian.trace}; empty if none. The one home of this pairing: the
     * lab's charts, its export and {@code normlab figures} all read it here.
     */
    public static Optional<String> standardErrorOf(String id) {
        return companionOf(id, Beside.Role.STANDARD_ERROR);
    }

    /** Whether series {@code id} (per layer: of any layer) is the theory of a measured quantity. */
    public static boolean isTheory(String id) {
        return is(id, Beside.Role.THEORY);
    }

    /** Whether series {@code id} (per layer: of any layer) is the standard error of a measured quantity. */
    public static boolean isStandardError(String id) {
        return is(id, Beside.Role.STANDARD_ERROR);
    }

    private static Optional<String> companionOf(String id, Beside.Role role) {
        Matcher layer = LAYER.matcher(id);
        for (Quantity companion : values()) {
            if (companion.beside == null || companion.beside.role() != role) {
                continue;
            }
            Quantity measured = companion.beside.measured();
            if (measured.perLayer && layer.matches() && layer.group(1).equals(measured.id)) {
                return Optional.of(companion.layer(Integer.parseInt(layer.group(2))));
            }
            if (!measured.perLayer && id.equals(measured.id)) {
                return Optional.of(companion.id);
            }
        }
        return Optional.empty();
    }

    private static boolean is(String id, Beside.Role role) {
        Matcher layer = LAYER.matcher(id);
        for (Quantity companion : values()) {
            if (companion.beside != null && companion.beside.role() == role && (companion.perLayer
                    ? layer.matches() && layer.group(1).equals(companion.id) : id.equals(companion.id))) {
                return true;
            }
        }
        return false;
    }

    /** Its symbol, title (per layer: without the layer), axis label and scale. */
    public Display display() {
        return display;
    }

    /**
     * The symbol figures title a series with: a known per-layer one with its layer ({@code ‖W‖², layer 0}), a
     * known estimate's or series', else empty.
     */
    public static Optional<String> symbolOf(String id) {
        Matcher layer = LAYER.matcher(id);
        for (Quantity series : values()) {
            String symbol = series.display.symbol();
            if (symbol == null) {
                continue;
            }
            if (series.perLayer && layer.matches() && layer.group(1).equals(series.id)) {
                return Optional.of(symbol + ", layer " + layer.group(2));
            }
            if (!series.perLayer && id.equals(series.id)) {
                return Optional.of(symbol);
            }
        }
        return Estimate.symbolOf(id);
    }
}
