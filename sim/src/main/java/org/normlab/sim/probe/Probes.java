package org.normlab.sim.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;

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
    private final long[] longestNanos;
    private final LongSupplier clock;
    private volatile Activity current;

    /**
     * A measurement under way: probe {@code probe} measuring at {@code step} since {@code startNanos}
     * ({@link System#nanoTime}); {@code longestSeconds} is the longest of its earlier measurements that wrote a
     * value, NaN before the first (a probe may skip cheaply, e.g. Adam's preconditioned sharpness at step 0).
     */
    public record Activity(String probe, long step, long startNanos, double longestSeconds) {
        /** Seconds from the start of the measurement to {@code nowNanos} ({@link System#nanoTime}). */
        public double elapsedSeconds(long nowNanos) {
            return (nowNanos - startNanos) * 1e-9;
        }
    }

    /** The time a probe has taken so far, preparation included. */
    public record Cost(String probe, int measurements, double seconds) {
    }

    public Probes(List<Probe> probes) {
        this(probes, System::nanoTime);
    }

    /** @param clock the time probes are charged by, in nanoseconds, as {@link System#nanoTime} */
    Probes(List<Probe> probes, LongSupplier clock) {
        this.clock = clock;
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
        this.longestNanos = new long[this.probes.size()];
    }

    /** The probes a run may switch on or off, each a group of series. */
    public enum Family {
        /** {@link WeightNorm} (networks with scale-invariant rows only). */
        WEIGHT_NORM,
        /** {@link EffectiveLearningRate} (networks with scale-invariant rows only). */
        EFFECTIVE_LEARNING_RATE,
        /** {@link UpdateRatio} (every Linear layer; not in an experiment file's default families). */
        UPDATE_RATIO,
        /** {@link LossAndAccuracy}. */
        LOSS_AND_ACCURACY,
        /** {@link GradientNorm}. */
        GRADIENT_NORM,
        /** {@link OrthogonalNoise}. */
        ORTHOGONAL_NOISE,
        /** {@link Sharpness}, or {@link PreconditionedSharpness} for Adam, PSI-SGD and INSGD. */
        SHARPNESS,
        /** {@link FisherEigenvalue}. */
        FISHER,
        /** {@link LayerSharpness}: on request only (see {@link #standard()}). */
        LAYER_CURVATURE;

        /**
         * Whether {@link Probes#standard} and the lab measure this family by default: all but the per-layer
         * curvature, which costs a Lanczos run per layer at every curvature step (nor is it in an experiment file's
         * default families).
         */
        public boolean standard() {
            return this != LAYER_CURVATURE;
        }
    }

    /**
     * The probes of sim/docs/math.md §4 at {@code cadence}, each also at {@code lastStep}: weight norm and effective
     * learning rate (networks with scale-invariant rows), update ratio, loss and accuracy, gradient norm, orthogonal
     * noise, the sharpness in train mode (for Adam, PSI-SGD and INSGD the preconditioned sharpness instead) and the
     * Fisher's top eigenvalue.
     *
     * @param seed seed of the curvature probes' first random starts
     */
    public static Probes standard(Network network, StepRule.Kind kind, Cadence cadence, long lastStep, long seed) {
        return of(network, kind, EnumSet.copyOf(Arrays.stream(Family.values()).filter(Family::standard).toList()),
                BatchNormMode.TRAIN, new Lanczos(), cadence, lastStep, seed);
    }

    /**
     * The probes of {@code families} as {@link #standard} makes them, the curvature estimates with BatchNorm in
     * {@code curvatureMode} by {@code lanczos} (its step limit and error-bound tolerance); the curvature probes share
     * it, so a run holds one Lanczos basis.
     */
    public static Probes of(Network network, StepRule.Kind kind, Set<Family> families, BatchNormMode curvatureMode,
                            Lanczos lanczos, Cadence cadence, long lastStep, long seed) {
        Schedule end = Schedule.at(lastStep);
        Schedule weights = Schedule.every(cadence.weights()).or(end);
        Schedule evaluations = Schedule.every(cadence.evaluations()).or(end);
        Schedule curvature = Schedule.every(cadence.curvature()).or(end);
        boolean rows = !network.params().scaleInvariantTensors().isEmpty();
        List<Probe> probes = new ArrayList<>();
        for (Family family : families.stream().sorted().toList()) {
            switch (family) {
                case WEIGHT_NORM -> {
                    if (rows) {
                        probes.add(new WeightNorm(network, weights));
                    }
                }
                case EFFECTIVE_LEARNING_RATE -> {
                    if (rows) {
                        probes.add(new EffectiveLearningRate(network, weights));
                    }
                }
                case UPDATE_RATIO -> probes.add(new UpdateRatio(network, weights));
                case LOSS_AND_ACCURACY -> probes.add(new LossAndAccuracy(evaluations));
                case GRADIENT_NORM -> probes.add(new GradientNorm(network, evaluations));
                case ORTHOGONAL_NOISE -> probes.add(new OrthogonalNoise(network, evaluations));
                case SHARPNESS -> probes.add(kind.preconditioned()
                        ? new PreconditionedSharpness(curvature, curvatureMode, lanczos, seed)
                        : new Sharpness(curvature, curvatureMode, lanczos, seed));
                case FISHER -> probes.add(new FisherEigenvalue(curvature, curvatureMode, lanczos, seed + 1));
                case LAYER_CURVATURE -> probes.add(new LayerSharpness(network, curvature, curvatureMode, lanczos,
                        seed + 2));
            }
        }
        return new Probes(probes);
    }

    /** Every series id the probes may write, in probe order. */
    public List<String> series() {
        return List.copyOf(series);
    }

    /** Whether some probe measures at {@code step}: only then need the caller keep the step's gradient. */
    public boolean due(long step) {
        for (Probe p : probes) {
            if (p.schedule().due(step)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a probe due at {@code step} reads the step's minibatch gradient: only then keep a copy of it. */
    public boolean needsGradient(long step) {
        for (Probe p : probes) {
            if (p.needsGradient() && p.schedule().due(step)) {
                return true;
            }
        }
        return false;
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
            long start = clock.getAsLong();
            if (measure) {
                current = new Activity(probe.name(), step, start, longestNanos[i] == 0 ? Double.NaN
                        : longestNanos[i] * 1e-9);
                Set<String> keys = declared.get(i);
                boolean[] wrote = {false};
                try {
                    probe.measure(context, (key, at, value) -> {
                        if (!keys.contains(key)) {
                            throw new IllegalStateException("probe '" + probe.name() + "' wrote series '" + key
                                    + "', which it did not declare");
                        }
                        wrote[0] = true;
                        sink.append(key, at, value);
                    });
                } finally {
                    current = null;
                }
                if (wrote[0]) {
                    longestNanos[i] = Math.max(longestNanos[i], clock.getAsLong() - start);
                }
                measurements[i]++;
            }
            if (prepare) {
                probe.prepare(context);
            }
            nanos[i] += clock.getAsLong() - start;
        }
    }

    /** The measurement under way, if any; safe to call from any thread. */
    public Optional<Activity> current() {
        return Optional.ofNullable(current);
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
