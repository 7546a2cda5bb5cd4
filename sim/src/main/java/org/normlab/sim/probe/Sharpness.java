package org.normlab.sim.probe;

import java.util.List;
import org.normlab.sim.linalg.Curvature;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;

/**
 * Sharpness {@code λ_max(∇²L)} on the probe set (algorithms.md §4.4), the algebraically largest eigenvalue of the
 * exact Hessian by Lanczos, warm-started from the previous Ritz vector; BatchNorm in train mode by default (batch
 * statistics over the probe set, or ghost batches of the network's {@code ghostBatchSize}), the network as it is
 * trained. Beside it the threshold of the update, {@code 2/η} for GD and {@code 2(1+μ)/η} for heavy ball (Cohen et
 * al., ICLR 2021); for Adam see {@link PreconditionedSharpness}. Series {@code hessian.*}
 * ({@code hessian_eval.*} in eval mode), see {@link TopEigenvalue}, and {@code hessian.threshold}.
 */
public final class Sharpness extends ScheduledProbe {
    public static final String BASE = "hessian";
    public static final String THRESHOLD = "threshold";

    private final BatchNormMode mode;
    private final TopEigenvalue top;

    /** @param lanczos the solver this probe owns (steps and tolerance), @param seed of the first random start */
    public Sharpness(Schedule schedule, BatchNormMode mode, Lanczos lanczos, long seed) {
        super("sharpness", schedule);
        this.mode = mode;
        this.top = new TopEigenvalue(BASE, mode, lanczos, seed);
    }

    /** With {@link Lanczos}' default step limit and tolerance. */
    public Sharpness(Schedule schedule, BatchNormMode mode, long seed) {
        this(schedule, mode, new Lanczos(), seed);
    }

    @Override
    public List<String> series() {
        return top.series(THRESHOLD);
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        Network network = context.network();
        top.measure(Curvature.HESSIAN.of(network, context.probeSet(), mode), context.step(), sink);
        if (context.rule().kind() != StepRule.Kind.ADAM) {
            sink.append(top.key(THRESHOLD), context.step(), context.rule().threshold());
        }
    }
}
