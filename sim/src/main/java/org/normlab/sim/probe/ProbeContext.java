package org.normlab.sim.probe;

import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.model.Network;
import org.normlab.sim.optim.Stepper;

/**
 * What a probe reads at a step boundary. Probes only read: none of these arrays or the network may be changed.
 *
 * @param step     training steps taken (0 = the initial parameters)
 * @param network  the run's network, θ after {@code step} steps
 * @param probeSet the fixed, seeded probe set (a subset of the training set)
 * @param test     the test set, or null when there is none
 * @param rule     the update's kind and current hyperparameters
 * @param gradient the minibatch gradient g_t of step {@code step} (before the optimizer turned it into an update),
 *                 or null (step 0, or not kept): the weight-norm prediction needs it
 * @param adam     Adam's state after {@code step} steps, or null unless {@code rule} is Adam and a step was taken
 * @param update   what the optimizer's state says about its step at θ (decay mask, gradient scaling, constraint), or
 *                 null: no decayed tensors, no scaling, no constraint
 */
public record ProbeContext(long step, Network network, Batch probeSet, Batch test, StepRule rule, INDArray gradient,
                          AdamState adam, UpdateShape update) {

    /**
     * The parts of the optimizer's step at θ that the stability threshold's curvature depends on.
     *
     * @param decayed           1 on the entries {@code rule.weightDecay()} applies to, 0 elsewhere
     * @param gradientScaling   the diagonal S the optimizer multiplies the gradient by (PSI-SGD, INSGD), or null
     * @param tangentProjection the in-place projection onto the tangent space of the optimizer's constraint at θ
     *                          (WRS, PSI-SGD's retraction: unit-norm rows; MimicNorm: zero-mean rows)
     * @param constrains        whether the optimizer has such a constraint (its steps are then not plain gradient
     *                          steps: {@link PlainStep})
     */
    public record UpdateShape(INDArray decayed, INDArray gradientScaling, Consumer<INDArray> tangentProjection,
                              boolean constrains) {
        public UpdateShape {
            if (decayed == null || tangentProjection == null) {
                throw new IllegalArgumentException("update.decayed and update.tangentProjection must not be null");
            }
        }

    }

    /**
     * Adam's bias-corrected second moment {@code v̂_t = v_t/(1−β₂^t)} after its {@code step}-th update (t ≥ 1), for
     * the preconditioned sharpness.
     */
    public record AdamState(INDArray secondMoment, long step) {
        public AdamState {
            if (secondMoment == null) {
                throw new IllegalArgumentException("adam.secondMoment must not be null");
            }
            if (step < 1) {
                throw new IllegalArgumentException("adam.step must be ≥ 1, was " + step);
            }
        }
    }

    public ProbeContext {
        if (step < 0) {
            throw new IllegalArgumentException("step must be ≥ 0, was " + step);
        }
        if (network == null || probeSet == null || rule == null) {
            throw new IllegalArgumentException("network, probeSet and rule must not be null");
        }
        long size = network.params().size();
        if (gradient != null && gradient.length() != size) {
            throw new IllegalArgumentException("gradient must have the network's " + size + " parameters, had "
                    + gradient.length());
        }
        if (adam != null && (rule.kind() != StepRule.Kind.ADAM || adam.secondMoment().length() != size)) {
            throw new IllegalArgumentException("adam state needs an ADAM rule and " + size + " entries, had rule "
                    + rule.kind() + " and " + adam.secondMoment().length() + " entries");
        }
        if (update != null && (update.decayed().length() != size
                || (update.gradientScaling() != null && update.gradientScaling().length() != size))) {
            throw new IllegalArgumentException("update's decay mask and gradient scaling need " + size + " entries");
        }
    }

    /** A context with no test set, gradient or Adam state. */
    public static ProbeContext of(long step, Network network, Batch probeSet, StepRule rule) {
        return new ProbeContext(step, network, probeSet, null, rule, null, null, null);
    }

    public ProbeContext withTest(Batch testSet) {
        return new ProbeContext(step, network, probeSet, testSet, rule, gradient, adam, update);
    }

    public ProbeContext withGradient(INDArray minibatchGradient) {
        return new ProbeContext(step, network, probeSet, test, rule, minibatchGradient, adam, update);
    }

    public ProbeContext withAdam(INDArray secondMoment, long adamStep) {
        return new ProbeContext(step, network, probeSet, test, rule, gradient, new AdamState(secondMoment, adamStep),
                update);
    }

    /**
     * This context with what the thresholds read from the run's optimizer {@code stepper} at its current θ, whose
     * weight decay applies to the entries where {@code decayed} is 1: the update's shape and, for an Adam rule once
     * Adam has stepped, its second moment.
     */
    public ProbeContext withOptimizer(Stepper stepper, INDArray decayed) {
        ProbeContext context = new ProbeContext(step, network, probeSet, test, rule, gradient, adam,
                new UpdateShape(decayed, stepper.gradientScaling().orElse(null), stepper::projectOntoTangent,
                        stepper.constrains()));
        return rule.kind() != StepRule.Kind.ADAM ? context : stepper.secondMoment()
                .map(m -> context.withAdam(m.corrected(), m.updates())).orElse(context);
    }
}
