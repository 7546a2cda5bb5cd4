package org.normlab.sim.event;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.normlab.sim.series.Estimate.Leaf;

/**
 * A curvature estimate first crossing its stability threshold ({@code hessian.top_eig} above
 * {@code hessian.threshold}, likewise the preconditioned and eval-mode estimates): marked at the first step where the
 * estimate θ₁ — the lower end of the interval [θ₁, θ₁ + b] that holds the true λ_max — lies above the threshold, so
 * the true value is above it for certain. Once per estimate and run. The probes write an estimate before its
 * threshold at the same step.
 */
final class ThresholdCrossing implements Detector {
    private final Map<String, double[]> lastEstimate = new HashMap<>();
    private final Set<String> crossed = new HashSet<>();

    @Override
    public void observe(String series, long step, double value, Consumer<Event> found) {
        if (Leaf.TOP.matches(series)) {
            lastEstimate.put(Leaf.TOP.prefixOf(series), new double[] {step, value});
            return;
        }
        if (!Leaf.THRESHOLD.matches(series)) {
            return;
        }
        String prefix = Leaf.THRESHOLD.prefixOf(series);
        double[] estimate = lastEstimate.get(prefix);
        if (estimate == null || estimate[0] != step || crossed.contains(prefix) || !(estimate[1] > value)) {
            return;
        }
        crossed.add(prefix);
        found.accept(new Event(step, Event.Kind.THRESHOLD_CROSSING, Leaf.TOP.of(prefix), estimate[1], value,
                "λ_max above its threshold " + String.format("%.4g", value) + " (lower end " + String.format("%.4g",
                        estimate[1]) + ")"));
    }
}
