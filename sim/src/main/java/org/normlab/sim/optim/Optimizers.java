package org.normlab.sim.optim;

import static org.normlab.sim.optim.Transforms.addDecayedWeights;
import static org.normlab.sim.optim.Transforms.chain;
import static org.normlab.sim.optim.Transforms.masked;
import static org.normlab.sim.optim.Transforms.scaleByAdam;
import static org.normlab.sim.optim.Transforms.scaleByLearningRate;
import static org.normlab.sim.optim.Transforms.trace;

import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/**
 * The named optimizers as chains of {@link Transforms} (sim/docs/math.md §3). A recipe takes the learning rate and its
 * structural choices; every other hyperparameter starts at the default below and can be set by name, before or
 * during training ({@link Transform#with}, {@link Hyperparameters#set}).
 */
public final class Optimizers {
    /** The learning rate of the SGD family (SGD, momentum, Nesterov, SGD + weight decay, WRS, INSGD; PSI-SGD's η). */
    public static final double DEFAULT_SGD_LEARNING_RATE = 0.1;
    public static final double DEFAULT_ADAM_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** The momentum of SGD + weight decay, PSI-SGD and WRS: none unless asked for. */
    public static final double NO_MOMENTUM = 0;
    /** The weight decay of PSI-SGD, WRS and INSGD: none unless asked for. */
    public static final double NO_WEIGHT_DECAY = 0;
    /**
     * LARS's trust coefficient <b>(chosen, not tuned)</b>: the update of a weight tensor has norm at most η·trust·‖w‖
     * before momentum. The paper's 0.001 goes with global learning rates of 2–30; LARS here takes the SGD family's
     * η = 0.1, so trust 0.02 keeps the relative step η·trust = 2e-3 (at most 2% after momentum's 1/(1−μ)) in the
     * paper's range.
     */
    public static final double DEFAULT_TRUST = 0.02;
    /** INSGD's floor ε under log P. */
    public static final double DEFAULT_POWER_EPSILON = 0.01;
    public static final double DEFAULT_WEIGHT_DECAY = 5e-4;
    public static final double DEFAULT_ADAMW_WEIGHT_DECAY = 1e-2;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_ADAM_EPSILON = 1e-8;

    private Optimizers() {
    }

    /** {@code θ ← θ − η g}. */
    public static Transform sgd(double learningRate) {
        return scaleByLearningRate(learningRate);
    }

    /** Heavy ball, PyTorch convention: {@code m ← μm + g; θ ← θ − ηm}; μ = 0.9. */
    public static Transform momentum(double learningRate) {
        return chain(trace(DEFAULT_MOMENTUM), scaleByLearningRate(learningRate));
    }

    /** Nesterov momentum, PyTorch convention: {@code m ← μm + g; θ ← θ − η(g + μm)}; μ = 0.9. */
    public static Transform nesterov(double learningRate) {
        return chain(Transforms.nesterovTrace(DEFAULT_MOMENTUM), scaleByLearningRate(learningRate));
    }

    /**
     * SGD with coupled L2 weight decay: {@code g ← g + λθ} on the {@code decayed} tensors before momentum;
     * λ = 5e-4, μ = 0.
     */
    public static Transform sgdWeightDecay(double learningRate, DecayMask decayed) {
        return descent(learningRate, decayed, DEFAULT_WEIGHT_DECAY, NO_MOMENTUM);
    }

    /** Adam with bias correction; β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public static Transform adam(double learningRate) {
        return chain(adamDirection(), scaleByLearningRate(learningRate));
    }

    /** AdamW: Adam with decoupled decay {@code θ ← θ − ηλθ} on the {@code decayed} tensors; λ = 0.01. */
    public static Transform adamw(double learningRate, DecayMask decayed) {
        return chain(adamDirection(), masked(decayed, addDecayedWeights(DEFAULT_ADAMW_WEIGHT_DECAY)),
                scaleByLearningRate(learningRate));
    }

    /**
     * PSI-SGD <b>(chosen)</b> (Yi et al., UAI 2022, arXiv 2101.02916): {@code d_k = ‖w_k‖² g_k} on scale-invariant
     * rows (norm before the step), {@code d = g} elsewhere, then weight decay on the other {@code decayed} tensors
     * (never on scale-invariant rows; λ = 0), momentum on d (μ = 0) and {@code θ ← θ − η d}. For the default η see
     * {@link #psiLearningRate}.
     */
    public static Transform psiSgd(double learningRate, DecayMask decayed) {
        return chain(Transforms.scaleRowsByNormSquared(), descent(learningRate, exceptScaleInvariant(decayed), NO_WEIGHT_DECAY, NO_MOMENTUM));
    }

    /** {@link #psiSgd} followed by the norm-preserving retraction {@code w ← (w+ξ)‖w‖/‖w+ξ‖} of every row. */
    public static Transform psiSgdRetracted(double learningRate, DecayMask decayed) {
        return chain(psiSgd(learningRate, decayed), Transforms.retractRowsToNorm());
    }

    /**
     * PSI-SGD's default learning rate <b>(chosen)</b>: {@code η_psi = η / mean_k ‖w_k(0)‖²} over all scale-invariant
     * rows, so the first angular step matches SGD's with learning rate η.
     */
    public static double psiLearningRate(double sgdLearningRate, Params params, INDArray theta0) {
        double sum = 0;
        long rows = 0;
        for (Params.Tensor t : params.scaleInvariantTensors()) {
            INDArray w = params.view(theta0, t);
            sum += w.mul(w).sumNumber().doubleValue();
            rows += t.rows();
        }
        if (rows == 0) {
            throw new IllegalArgumentException("PSI-SGD needs scale-invariant rows: a network with BatchNorm");
        }
        return sgdLearningRate / (sum / rows);
    }

    /**
     * WRS <b>(chosen)</b> (Liu et al., arXiv 2102.03497): momentum SGD (μ = 0) with weight decay on the other
     * {@code decayed} tensors only (λ = 0, never on scale-invariant rows), then every scale-invariant row rescaled
     * to unit norm; the momentum buffer is not touched.
     */
    public static Transform wrs(double learningRate, DecayMask decayed) {
        return chain(wrsInner(learningRate, decayed), Transforms.projectRowsToUnitNorm());
    }

    /** {@link #wrs} with every row rescaled to its norm at initialization instead of 1. */
    public static Transform wrsInitialNorm(double learningRate, DecayMask decayed) {
        return chain(wrsInner(learningRate, decayed), Transforms.projectRowsToInitialNorm());
    }

    /**
     * MimicNorm <b>(chosen)</b> (Fei et al., arXiv 2010.09278): {@code inner}, then every row of every hidden Linear
     * layer centred to zero mean (also at initialization), classifier excluded, the first layer only if
     * {@code firstLayer}. For the MimicNorm network (no hidden BatchNorm, one on the logits).
     */
    public static Transform mimicNorm(Transform inner, boolean firstLayer) {
        return chain(inner, Transforms.centerRows(firstLayer));
    }

    /**
     * INSGD (Atici, Pan, Cetin, TMLR, Algorithm 1): per Linear layer {@code P ← βP + (1−β)q},
     * {@code g_W ← g_W / max(log P, ε)}, then coupled weight decay on the {@code decayed} tensors (λ = 0), momentum
     * (μ = 0.9) and the step; biases and BN parameters take the plain momentum step. β ({@code powerBeta}) defaults
     * to the momentum, 0.9: whoever sets {@code momentum} from a file should set {@code powerBeta} alike unless given.
     */
    public static Transform insgd(double learningRate, DecayMask decayed, LayerInputs inputs, InputPower kind) {
        return chain(Transforms.scaleByInputPower(inputs, kind, DEFAULT_MOMENTUM),
                descent(learningRate, decayed, NO_WEIGHT_DECAY, DEFAULT_MOMENTUM));
    }

    /**
     * LARS (You, Gitman, Ginsburg 2017, Algorithm 1): on every Linear weight tensor
     * {@code u = trust·‖w‖/(‖g‖ + λ‖w‖)·(g + λw)} (trust 0.02, λ = 5e-4); biases and BatchNorm γ, β take the plain
     * gradient; then momentum (μ = 0.9) and {@code θ ← θ − ηu}.
     */
    public static Transform lars(double learningRate) {
        return chain(new ScaleByTrustRatio(DecayMask.WEIGHTS, DEFAULT_TRUST, DEFAULT_WEIGHT_DECAY),
                trace(DEFAULT_MOMENTUM), scaleByLearningRate(learningRate));
    }

    private static Transform adamDirection() {
        return scaleByAdam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_ADAM_EPSILON);
    }

    private static Transform wrsInner(double learningRate, DecayMask decayed) {
        return descent(learningRate, exceptScaleInvariant(decayed), NO_WEIGHT_DECAY, NO_MOMENTUM);
    }

    /** Coupled decay λ on {@code decayed}, momentum μ, step η: the SGD family's common tail. */
    private static Transform descent(double learningRate, Predicate<Params.Tensor> decayed, double weightDecay,
                                     double momentum) {
        return chain(masked(decayed, addDecayedWeights(weightDecay)), trace(momentum),
                scaleByLearningRate(learningRate));
    }

    /** The {@code decayed} tensors without the scale-invariant rows (PSI-SGD and WRS never decay those). */
    public static Predicate<Params.Tensor> exceptScaleInvariant(DecayMask decayed) {
        return decayed.and(t -> !t.scaleInvariantRows());
    }
}
