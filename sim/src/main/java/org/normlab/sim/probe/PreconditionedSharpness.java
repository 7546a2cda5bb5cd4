package org.normlab.sim.probe;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.linalg.Curvature;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.PreconditionedOperator;
import org.normlab.sim.model.BatchNormMode;

/**
 * Adam's preconditioned sharpness {@code λ_max(P^{-1/2} H P^{-1/2})} with {@code P = (1−β₁^t)(diag(sqrt(v̂_t)) + ε)/η}
 * (Cohen et al. 2022, <i>Adaptive Gradient Methods at the Edge of Stability</i>; algorithms.md §4.4), against the
 * dimensionless threshold {@code (2+2β₁)/(1−β₁)}, 38 for β₁ = 0.9. Needs the context's Adam state; before Adam's
 * first step there is none and nothing is recorded (nor at η = 0). Series {@code preconditioned_hessian.*} (with
 * {@code _eval} in eval mode) and {@code preconditioned_hessian.threshold}.
 */
public final class PreconditionedSharpness extends ScheduledProbe {
    public static final String BASE = "preconditioned_hessian";

    private final BatchNormMode mode;
    private final TopEigenvalue top;

    public PreconditionedSharpness(Schedule schedule, BatchNormMode mode, Lanczos lanczos, long seed) {
        super("preconditioned sharpness", schedule);
        this.mode = mode;
        this.top = new TopEigenvalue(BASE, mode, lanczos, seed);
    }

    /** With {@link Lanczos}' default step limit and tolerance. */
    public PreconditionedSharpness(Schedule schedule, BatchNormMode mode, long seed) {
        this(schedule, mode, new Lanczos(), seed);
    }

    @Override
    public List<String> series() {
        return top.series(Sharpness.THRESHOLD);
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        ProbeContext.AdamState adam = context.adam();
        StepRule rule = context.rule();
        if (adam == null || rule.learningRate() == 0) {
            return; // no state yet, or a run paused at η = 0, whose preconditioner P ∝ 1/η does not exist
        }
        INDArray diagonal = PreconditionedOperator.adamDiagonal(adam.secondMoment(), rule.momentum(), adam.step(),
                rule.epsilon(), rule.learningRate());
        top.measure(new PreconditionedOperator(Curvature.HESSIAN.of(context.network(), context.probeSet(), mode),
                diagonal), context.step(), sink);
        sink.append(top.key(Sharpness.THRESHOLD), context.step(), rule.threshold());
    }
}
