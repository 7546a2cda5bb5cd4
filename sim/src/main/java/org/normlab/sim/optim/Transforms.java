package org.normlab.sim.optim;

import java.util.List;
import java.util.function.Predicate;
import org.normlab.sim.model.Params;

/** The stages optimizers are built from (Optax's {@code transforms}); {@link Optimizers} has the named recipes. */
public final class Transforms {
    private Transforms() {
    }

    /** The stages one after the other. */
    public static Transform chain(Transform... stages) {
        return new Chain(List.of(stages));
    }

    /** {@code inner} on the tensors {@code selection} accepts; other entries pass through unchanged. */
    public static Transform masked(Predicate<Params.Tensor> selection, Transform inner) {
        return new Masked(selection, inner);
    }

    /** {@code inner} with the tensors {@code frozen} accepts never changed (their update zeroed, their values kept). */
    public static Transform frozen(Predicate<Params.Tensor> frozen, Transform inner) {
        return new Frozen(frozen, inner);
    }

    /** {@code u ← −η u}; hyperparameter {@code learningRate}. */
    public static Transform scaleByLearningRate(double learningRate) {
        return new ScaleByLearningRate(learningRate);
    }

    /** {@code u ← u + λθ}; hyperparameter {@code weightDecay}. */
    public static Transform addDecayedWeights(double weightDecay) {
        return new AddDecayedWeights(weightDecay);
    }

    /** Heavy-ball momentum {@code m ← μm + u; u ← m}; hyperparameter {@code momentum}. */
    public static Transform trace(double momentum) {
        return new Trace(momentum, false);
    }

    /** Nesterov momentum {@code m ← μm + u; u ← u + μm}; hyperparameter {@code momentum}. */
    public static Transform nesterovTrace(double momentum) {
        return new Trace(momentum, true);
    }

    /** Adam's bias-corrected direction; hyperparameters {@code beta1}, {@code beta2}, {@code epsilon}. */
    public static Transform scaleByAdam(double beta1, double beta2, double epsilon) {
        return new ScaleByAdam(beta1, beta2, epsilon);
    }

    /** PSI-SGD's {@code d_k = ‖w_k‖² g_k} on scale-invariant rows. */
    public static Transform scaleRowsByNormSquared() {
        return new ScaleRowsByNormSquared();
    }

    /** INSGD's {@code g_W ← g_W / max(log P, ε)}; hyperparameters {@code powerBeta}, {@code powerEpsilon}. */
    public static Transform scaleByInputPower(LayerInputs inputs, InputPower kind, double beta) {
        return new ScaleByInputPower(inputs, kind, beta);
    }

    /** Projection of scale-invariant rows to unit norm. */
    public static Transform projectRowsToUnitNorm() {
        return new RescaleRows(RescaleRows.Target.UNIT);
    }

    /** Projection of scale-invariant rows to their norm at initialization. */
    public static Transform projectRowsToInitialNorm() {
        return new RescaleRows(RescaleRows.Target.INITIAL);
    }

    /** Retraction of scale-invariant rows to their norm before the step, {@code w ← (w+ξ)‖w‖/‖w+ξ‖}. */
    public static Transform retractRowsToNorm() {
        return new RescaleRows(RescaleRows.Target.BEFORE_STEP);
    }

    /** MimicNorm's zero-mean rows of hidden Linear layers (the first one only if {@code firstLayer}). */
    public static Transform centerRows(boolean firstLayer) {
        return new CenterRows(firstLayer);
    }
}
