package org.normlab.sim.probe;

import java.util.List;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.series.Estimate;

/**
 * The Fisher's top eigenvalue {@code λ_max(F)} on the probe set, F the Gauss–Newton matrix {@code (1/n) JᵀMJ} (equal
 * to the true Fisher for softmax cross-entropy and ½-MSE; sim/docs/math.md §2, §4.6), and the largest stable step size
 * it allows, {@code η* = c/λ_max} (Wei, Stokes, Schwab, mean-field BN, eq. 7: {@code 2(1+μ)/λ_max} for heavy ball),
 * c the constant of the run's raw threshold ({@link StepRule#constant}; Nesterov's {@code (2+2μ)/(1+2μ)}); not
 * recorded for the preconditioned rules, whose steps it does not bound, nor where no threshold applies. Series
 * {@code fisher.*} ({@code fisher_eval.*} in eval mode) and {@code fisher.eta_star}.
 */
public final class FisherEigenvalue extends ScheduledProbe {
    private final BatchNormMode mode;
    private final TopEigenvalue top;

    public FisherEigenvalue(Schedule schedule, BatchNormMode mode, Lanczos lanczos, long seed) {
        super("fisher", schedule);
        this.mode = mode;
        this.top = new TopEigenvalue(Estimate.FISHER, mode, lanczos, seed);
    }

    @Override
    public List<String> series() {
        return top.series(Estimate.Leaf.ETA_STAR);
    }

    @Override
    public void measure(ProbeContext context, Sink sink) {
        EigenEstimate e = top.measure(Curvature.GAUSS_NEWTON.of(context.network(), context.probeSet(), mode),
                context.step(), sink);
        StepRule rule = context.rule();
        if (rule.hasThreshold() && !rule.preconditioned() && e.value() > 0) {
            sink.append(top.key(Estimate.Leaf.ETA_STAR), context.step(), rule.constant() / e.value());
        }
    }
}
