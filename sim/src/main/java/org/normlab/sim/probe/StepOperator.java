package org.normlab.sim.probe;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.linalg.DiagonalShift;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.linalg.PreconditionedOperator;
import org.normlab.sim.linalg.TangentOperator;

/**
 * The symmetric operator whose top eigenvalue the run's threshold ({@link StepRule#threshold}) bounds: the
 * linearization of the optimizer's step around θ, made symmetric. With H the loss's Hessian, M the decayed entries,
 * λ the decay, S the gradient scaling and Π the projection onto the constraint's tangent space:
 * <ul>
 * <li>GD, heavy ball, Nesterov: {@code Π(H + λM)Π}, the Hessian of the objective actually optimized (coupled decay
 * is part of it) on the tangent space of the constraint the steps land on;</li>
 * <li>scaled (PSI-SGD, INSGD): the step is {@code θ ← θ − η·momentum(S g + λMθ)}, whose linear map
 * {@code η(SH + λM)} is similar to {@code P^{-1/2} H P^{-1/2} + ηλM} with {@code P = (ηS)^{-1}}; projected by Π
 * (S and M are constant on each row, so they commute with Π);</li>
 * <li>Adam: {@code P^{-1/2} H P^{-1/2}} with Adam's P (see {@link PreconditionedOperator#adamDiagonal}); AdamW's
 * decoupled decay {@code θ ← (1−ηλ)θ − …} moves the root at z = −1 to where {@code P^{-1/2}HP^{-1/2}} has eigenvalue
 * {@code (1+β₁)(2−ηλ)/(1−β₁)} on decayed entries, so P is scaled there by {@code 1 − ηλ/2} and the threshold stays
 * {@code (2+2β₁)/(1−β₁)}.</li>
 * </ul>
 */
final class StepOperator {
    private StepOperator() {
    }

    /**
     * The operator for {@code context}'s rule built on {@code hessian}; empty when it cannot be formed yet: a
     * preconditioned rule before the optimizer's state exists (Adam or INSGD before their first step) or at η = 0,
     * where the preconditioner {@code P ∝ 1/η} does not exist.
     */
    static Optional<LinearOperator> of(LinearOperator hessian, ProbeContext context) {
        StepRule rule = context.rule();
        ProbeContext.UpdateShape update = context.update();
        double eta = rule.learningRate();
        double lambda = update == null ? 0 : rule.weightDecay();
        LinearOperator a;
        if (rule.kind() == StepRule.Kind.ADAM) {
            ProbeContext.AdamState adam = context.adam();
            if (adam == null || eta == 0) {
                return Optional.empty();
            }
            INDArray p = PreconditionedOperator.adamDiagonal(adam.secondMoment(), rule.momentum(), adam.step(),
                    rule.epsilon(), eta);
            if (lambda > 0) {
                p.muli(update.decayed().mul(-eta * lambda / 2).addi(1));
            }
            a = new PreconditionedOperator(hessian, p);
        } else if (rule.kind() == StepRule.Kind.SCALED) {
            if (update == null || update.gradientScaling() == null || eta == 0) {
                return Optional.empty();
            }
            a = new PreconditionedOperator(hessian, update.gradientScaling().mul(eta).rdivi(1));
            a = lambda > 0 ? new DiagonalShift(a, update.decayed().mul(eta * lambda)) : a;
        } else {
            a = lambda > 0 ? new DiagonalShift(hessian, update.decayed().mul(lambda)) : hessian;
        }
        return Optional.of(update == null ? a : new TangentOperator(a, update.tangentProjection()));
    }
}
