package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a run's probes at its step boundaries, on its thread, and accounts each probe's time. Call {@link #atStep}
 * once with step 0 before training and once after every step: it measures the probes due at that step and lets
 * those due at the next step {@link Probe#prepare}. A probe may write only the series it declared, and no two probes
 * may declare the same series.
 *
 * <p>Not thread-safe: one runner per run.
 */
public final class Probes {
    private final List<Probe> probes;
    private final List<Set<String>> declared = new ArrayList<>();
    private final List<String> series = new ArrayList<>();
    private final long[] nanos;
    private final int[] measurements;

    /** The time a probe has taken so far, preparation included. */
    public record Cost(String probe, int measurements, double seconds) {
    }

    public Probes(List<Probe> probes) {
        this.probes = List.copyOf(probes);
        Set<String> all = new HashSet<>();
        for (Probe p : this.probes) {
            for (String key : p.series()) {
                if (!all.add(key)) {
                    throw new IllegalArgumentException("series '" + key + "' is declared by two probes; ids must be "
                            + "unique within a run");
                }
                series.add(key);
            }
            declared.add(Set.copyOf(p.series()));
        }
        this.nanos = new long[this.probes.size()];
        this.measurements = new int[this.probes.size()];
    }

    /** Every series id the probes may write, in probe order. */
    public List<String> series() {
        return List.copyOf(series);
    }

    /** Whether some probe measures at {@code step}: only then need the caller keep the step's gradient. */
    public boolean due(long step) {
        return probes.stream().anyMatch(p -> p.schedule().due(step));
    }

    /** Measures the probes due at {@code context.step()} into {@code sink}, then prepares those due next step. */
    public void atStep(ProbeContext context, Sink sink) {
        long step = context.step();
        for (int i = 0; i < probes.size(); i++) {
            Probe probe = probes.get(i);
            boolean measure = probe.schedule().due(step);
            boolean prepare = probe.schedule().due(step + 1);
            if (!measure && !prepare) {
                continue;
            }
            long start = System.nanoTime();
            if (measure) {
                Set<String> keys = declared.get(i);
                probe.measure(context, (key, at, value) -> {
                    if (!keys.contains(key)) {
                        throw new IllegalStateException("probe '" + probe.name() + "' wrote series '" + key
                                + "', which it did not declare");
                    }
                    sink.append(key, at, value);
                });
                measurements[i]++;
            }
            if (prepare) {
                probe.prepare(context);
            }
            nanos[i] += System.nanoTime() - start;
        }
    }

    /** Time per probe so far, in probe order. */
    public List<Cost> costs() {
        List<Cost> costs = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            costs.add(new Cost(probes.get(i).name(), measurements[i], nanos[i] * 1e-9));
        }
        return costs;
    }

    /** Time of all probes so far, in seconds. */
    public double seconds() {
        return costs().stream().mapToDouble(Cost::seconds).sum();
    }
}
