package org.normlab.sim.probe;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/**
 * Where the predictions of sim/docs/math.md §7 apply: a plain gradient step, {@code θ ← θ − ηm} with heavy-ball
 * momentum {@code m ← μm + g + λθ} (μ = 0: SGD), coupled decay λ on a tensor's every entry or on none, no
 * preconditioner and no constraint — the optimizers {@code sgd}, {@code momentum} and {@code sgd_wd}. Not Nesterov,
 * Adam/AdamW, PSI-SGD, INSGD, LARS, WRS, MimicNorm or periodic sampling. Read from the probe's context at every
 * measured step, so a hyperparameter changed in the lab or by a schedule changes the prediction at once.
 */
final class PlainStep {
    private PlainStep() {
    }

    /** Whether the run's step at {@code context} is a plain (heavy-ball) gradient step with coupled decay. */
    static boolean applies(ProbeContext context) {
        StepRule.Kind kind = context.rule().kind();
        return (kind == StepRule.Kind.GD || kind == StepRule.Kind.HEAVY_BALL)
                && (context.update() == null || !context.update().constrains());
    }

    /**
     * The coupled decay on tensor {@code t}: the rule's λ if it decays all of t, 0 if none of it (or the context
     * names no decayed tensors), NaN if only part of it (no prediction then).
     */
    static double decay(ProbeContext context, Params params, Params.Tensor t) {
        if (context.update() == null) {
            return 0;
        }
        INDArray mask = params.view(context.update().decayed(), t);
        double decayed = mask.sumNumber().doubleValue();
        if (decayed == 0) {
            return 0;
        }
        return decayed == t.length() ? context.rule().weightDecay() : Double.NaN;
    }
}
