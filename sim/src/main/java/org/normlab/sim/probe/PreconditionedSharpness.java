package org.normlab.sim.probe;

import java.util.List;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.series.Estimate;

/**
 * The preconditioned sharpness {@code λ_max(P^{-1/2} H P^{-1/2})} of a step {@code θ ← θ − P^{-1}·(momentum of g)}
 * (Cohen et al. 2022, <i>Adaptive Gradient Methods at the Edge of Stability</i>; sim/docs/math.md §4.5), against a
 * dimensionless threshold ({@link StepRule#threshold}): for Adam {@code P = (1−β₁^t)(diag(sqrt(v̂_t)) + ε)/η} against
 * {@code (2+2β₁)/(1−β₁)}, 38 for β₁ = 0.9; for PSI-SGD and INSGD, which scale the gradient by a diagonal S,
 * {@code P = (ηS)^{-1}} against {@code 2(1+μ)}; decay and constraints as {@link StepOperator} derives. Needs the
 * optimizer's state: before its first step (Adam, INSGD) there is none and nothing is recorded (nor at η = 0). Series
 * {@code preconditioned_hessian.*} (with {@code _eval} in eval mode) and {@code preconditioned_hessian.threshold}.
 */
public final class PreconditionedSharpness extends ScheduledProbe {
    private final BatchNormMode mode;
    private final TopEigenvalue top;

    public PreconditionedSharpness(Schedule schedule, BatchNormMode mode, Lanczos lanczos, long seed) {
        super("preconditioned sharpness", schedule);
        this.mode = mode;
        this.top = new TopEigenvalue(Estimate.PRECONDITIONED_SHARPNESS, mode, lanczos, seed);
    }

    @Override
    public List<String> series() {
        return top.series(Estimate.Leaf.THRESHOLD);
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        StepOperator.of(Curvature.HESSIAN.of(context.network(), context.probeSet(), mode), context)
                .ifPresent(operator -> {
                    top.measure(operator, context.step(), sink);
                    sink.append(top.key(Estimate.Leaf.THRESHOLD), context.step(), context.rule().threshold());
                });
    }
}
