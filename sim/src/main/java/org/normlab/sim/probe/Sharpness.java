package org.normlab.sim.probe;

import java.util.List;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.Network;
import org.normlab.sim.series.Estimate;

/**
 * Sharpness on the probe set (sim/docs/math.md §4.4): the algebraically largest eigenvalue of the exact Hessian of the
 * objective actually optimized — the loss plus coupled weight decay {@code λ/2 Σ_M θ²}, on the tangent space of the
 * optimizer's constraint (unit rows for WRS, zero-mean rows for MimicNorm; see {@link StepOperator}) — by Lanczos,
 * warm-started from the previous Ritz vector; BatchNorm in train mode by default (batch statistics over the probe set,
 * or ghost batches of the network's {@code ghostBatchSize}), the network as it is trained. Beside it the threshold of
 * the update ({@link StepRule#threshold}): {@code 2/η} for GD, {@code 2(1+μ)/η} for heavy ball (Cohen et al., ICLR
 * 2021), {@code (2+2μ)/((1+2μ)η)} for Nesterov; none where no threshold applies; for the preconditioned rules see
 * {@link PreconditionedSharpness}. Series {@code hessian.*} ({@code hessian_eval.*} in eval mode), see
 * {@link TopEigenvalue}, and {@code hessian.threshold}.
 */
public final class Sharpness extends ScheduledProbe {
    private final BatchNormMode mode;
    private final TopEigenvalue top;

    /** @param lanczos the solver this probe owns (steps and tolerance), @param seed of the first random start */
    public Sharpness(Schedule schedule, BatchNormMode mode, Lanczos lanczos, long seed) {
        super("sharpness", schedule);
        this.mode = mode;
        this.top = new TopEigenvalue(Estimate.SHARPNESS, mode, lanczos, seed);
    }

    @Override
    public List<String> series() {
        return top.series(Estimate.Leaf.THRESHOLD);
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        Network network = context.network();
        StepRule rule = context.rule();
        LinearOperator hessian = Curvature.HESSIAN.of(network, context.probeSet(), mode);
        top.measure(StepOperator.of(hessian, context).orElse(hessian), context.step(), sink);
        if (rule.hasThreshold() && !rule.preconditioned()) {
            sink.append(top.key(Estimate.Leaf.THRESHOLD), context.step(), rule.threshold());
        }
    }
}
