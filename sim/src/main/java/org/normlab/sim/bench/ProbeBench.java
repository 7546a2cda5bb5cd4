package org.normlab.sim.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.data.ToyData;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.probe.Cadence;
import org.normlab.sim.probe.ProbeContext;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.probe.StepRule;
import org.normlab.sim.run.ProbeSet;

/**
 * What the curvature probes cost, on noisy spirals with the BN MLP 2→64→64→2, SGD with batch 128 at η = 0.1 and a
 * probe set of {@value #PROBE_SET} examples, float64, train-mode BatchNorm. Along one SGD run with a curvature
 * estimate every {@value #CURVATURE_EVERY} steps, each estimate of the sharpness and of the Fisher's top eigenvalue is
 * made cold (a seeded random vector) and warm (the previous estimate's Ritz vector with its 10% random component, as
 * the probes do) at {@link Lanczos#DEFAULT_TOLERANCE} and at {@value #TIGHTER}: the median wall time in
 * gradient-equivalents (one gradient on the probe set, timed beside each estimate), the products and steps, how many
 * converged, and — every tenth estimate, against a tight Lanczos — how many held their bound. Then the slowdown of
 * training with {@link Probes#standard} at {@link Cadence#standard} against training without probes.
 */
public final class ProbeBench {
    private static final int EXAMPLES = 2048;
    private static final int PROBE_SET = 512;
    private static final int BATCH = 128;
    private static final double LEARNING_RATE = 0.1;
    private static final int CURVATURE_EVERY = 10;
    private static final int FULL_STEPS = 3000;
    private static final int QUICK_STEPS = 300;
    private static final double TIGHTER = 1e-8;
    private static final double COLD_TARGET = 25;
    private static final double WARM_TARGET = 8;
    private static final double SLOWDOWN_TARGET = 1.5;
    /** Every this many estimates, one tight reference to check the bounds against. */
    private static final int REFERENCE_EVERY = 10;
    private static final Lanczos REFERENCE = new Lanczos(300, 1e-13);
    /** The reference's own error, relative, allowed when checking a bound. */
    private static final double REFERENCE_ERROR = 1e-10;
    private static final int GRADIENTS_PER_ESTIMATE = 3;

    private ProbeBench() {
    }

    /** {@code java … ProbeBench [--quick]}. */
    public static void main(String[] args) {
        run(System.out, Arrays.asList(args).contains("--quick"));
    }

    /** Measures and prints the result table to {@code out}; {@code quick}: a tenth of the run, fewer repetitions. */
    public static void run(PrintStream out, boolean quick) {
        Dataset train = ToyData.spirals(EXAMPLES, 0.1, 1);
        Batch probeSet = ProbeSet.draw(train, PROBE_SET, 2).batch();
        NetworkSpec spec = NetworkSpec.of(2, List.of(64, 64), 2, 3);
        int steps = quick ? QUICK_STEPS : FULL_STEPS;
        out.println("normlab probe bench" + (quick ? " --quick" : "") + ": spirals, " + spec.inputSize() + "→64→64→"
                + spec.outputSize() + " BN MLP, SGD η = " + LEARNING_RATE + ", batch " + BATCH + ", probe set "
                + probeSet.size() + "; " + steps + " steps, curvature every " + CURVATURE_EVERY + " steps");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-24s %8s %9s %6s %24s %10s %8s %8s %4s", "estimate", "products",
                "steps", "max", "gradient-eq [IQR]", "converged", "in bound", "target", "met"));
        lines.addAll(alongARun(spec, train, probeSet, steps));
        Cadence cadence = Cadence.standard(BATCH, probeSet.size());
        lines.add(slowdown(spec, train, probeSet, cadence, quick ? 1600 : 6400, quick ? 1 : 3));
        lines.forEach(out::println);
        out.println("medians over the run; gradient-eq = wall time of an estimate / one gradient on the probe set "
                + "(train mode); one product per Lanczos step (the bound combines them); in bound: λ_max within [value, value + "
                + "bound] of a tight Lanczos, checked every " + REFERENCE_EVERY + "th estimate");
    }

    /** What one kind of estimate cost along the run. */
    private static final class Track {
        final String name;
        final Curvature curvature;
        final boolean warm;
        final Lanczos lanczos;
        final double target;
        final List<Integer> products = new ArrayList<>();
        final List<Integer> steps = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        int converged;
        int checked;
        int inBound;
        INDArray previous;

        Track(Curvature curvature, double tolerance, boolean warm) {
            this.curvature = curvature;
            this.warm = warm;
            this.lanczos = new Lanczos(Lanczos.DEFAULT_MAX_STEPS, tolerance);
            this.name = (curvature == Curvature.HESSIAN ? "sharpness" : "Fisher") + String.format(Locale.ROOT,
                    ", %.0e, ", tolerance) + (warm ? "warm" : "cold");
            this.target = tolerance == Lanczos.DEFAULT_TOLERANCE ? (warm ? WARM_TARGET : COLD_TARGET) : Double.NaN;
        }

        /** One estimate, counted unless it is a warm track's first (cold) one; null if not counted. */
        EigenEstimate estimate(LinearOperator a, long seed) {
            boolean counted = !warm || previous != null;
            long start = System.nanoTime();
            EigenEstimate e = warm && previous != null ? lanczos.largest(a, previous, seed) : lanczos.largest(a, seed);
            if (counted) {
                seconds.add((System.nanoTime() - start) * 1e-9);
                products.add(e.products());
                steps.add(e.iterations());
                converged += e.converged() ? 1 : 0;
            }
            previous = e.vector();
            return counted ? e : null;
        }

        String row(double gradientSeconds) {
            double[] gradients = seconds.stream().mapToDouble(t -> t / gradientSeconds).sorted().toArray();
            double median = Timing.quantile(gradients, 0.5);
            boolean met = !(median > target) && converged == seconds.size() && inBound == checked;
            return String.format(Locale.ROOT, "%-24s %8s %9s %6d %24s %10s %8s %8s %4s", name,
                    Bench.number(median(products)), Bench.number(median(steps)),
                    steps.stream().mapToInt(Integer::intValue).max().orElse(0), Bench.number(median) + " ["
                    + Bench.number(Timing.quantile(gradients, 0.25)) + "–" + Bench.number(Timing.quantile(gradients,
                    0.75)) + "]", converged + "/" + seconds.size(), inBound + "/" + checked,
                    Double.isNaN(target) ? "" : "≤ " + Bench.number(target), Double.isNaN(target) ? "" : met ? "yes"
                    : "NO");
        }
    }

    private static double median(List<Integer> values) {
        return Timing.quantile(values.stream().mapToDouble(Integer::doubleValue).sorted().toArray(), 0.5);
    }

    /**
     * SGD for {@code steps} steps; at step 0 and every {@value #CURVATURE_EVERY} steps every track estimates once
     * (warm tracks from their own previous estimate; the first warm estimate of a track is cold and not counted).
     */
    private static List<String> alongARun(NetworkSpec spec, Dataset train, Batch probeSet, int steps) {
        Trainer trainer = new Trainer(spec, train, probeSet);
        List<Track> tracks = new ArrayList<>();
        for (double tolerance : new double[] {Lanczos.DEFAULT_TOLERANCE, TIGHTER}) {
            for (Curvature c : Curvature.values()) {
                tracks.add(new Track(c, tolerance, false));
                tracks.add(new Track(c, tolerance, true));
            }
        }
        List<Double> gradientSeconds = new ArrayList<>();
        INDArray gradient = trainer.network.params().zeros();
        for (int step = 0, estimate = 0; step <= steps; step += CURVATURE_EVERY, estimate++) {
            for (int g = 0; g < GRADIENTS_PER_ESTIMATE; g++) {
                long start = System.nanoTime();
                trainer.network.gradient(probeSet, BatchNormMode.TRAIN, gradient);
                gradientSeconds.add((System.nanoTime() - start) * 1e-9);
            }
            boolean check = estimate % REFERENCE_EVERY == 0;
            for (Curvature c : Curvature.values()) {
                LinearOperator a = c.of(trainer.network, probeSet, BatchNormMode.TRAIN);
                double reference = check ? REFERENCE.largest(a, 9).value() : Double.NaN;
                for (Track track : tracks) {
                    if (track.curvature != c) {
                        continue;
                    }
                    EigenEstimate e = track.estimate(a, 7 + step);
                    if (e != null && check) {
                        double slack = REFERENCE_ERROR * Math.abs(reference);
                        track.checked++;
                        track.inBound += reference >= e.value() - slack
                                && reference <= e.value() + e.errorBound() + slack ? 1 : 0;
                    }
                }
            }
            trainer.steps(Math.min(CURVATURE_EVERY, steps - step));
        }
        double gradient1 = Timing.quantile(gradientSeconds.stream().mapToDouble(Double::doubleValue).sorted()
                .toArray(), 0.5);
        return tracks.stream().map(t -> t.row(gradient1)).toList();
    }

    /** Plain training and training with the standard probes, alternated {@code repetitions} times; medians. */
    private static String slowdown(NetworkSpec spec, Dataset train, Batch probeSet, Cadence cadence, int steps,
                                   int repetitions) {
        double[] plain = new double[repetitions + 1];
        double[] probed = new double[repetitions + 1];
        Probes probes = null;
        for (int r = 0; r < repetitions; r++) {
            plain[r] = new Trainer(spec, train, probeSet).seconds(steps, null);
            Trainer trainer = new Trainer(spec, train, probeSet);
            probes = Probes.standard(trainer.network, StepRule.Kind.GD, cadence, steps, 11);
            probed[r] = trainer.seconds(steps, probes);
        }
        plain[repetitions] = plain[repetitions - 1];
        probed[repetitions] = probed[repetitions - 1];
        Arrays.sort(plain, 0, repetitions);
        Arrays.sort(probed, 0, repetitions);
        double ratio = probed[repetitions / 2] / plain[repetitions / 2];
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%-30s %9s %8s %12s %10s %8s %4s%n", "standard probes, " + steps + " steps",
                Bench.number(plain[repetitions / 2]) + " s", "", Bench.number(ratio) + "× training", "",
                "≤ " + Bench.number(SLOWDOWN_TARGET) + "×", ratio <= SLOWDOWN_TARGET ? "yes" : "NO"));
        text.append(String.format(Locale.ROOT, "  last probed run: %.2f s, of which probes %.2f s (below) and "
                + "training steps %.2f s; plain training %.2f s%n", probed[repetitions], probes.seconds(),
                probed[repetitions] - probes.seconds(), plain[repetitions]));
        for (Probes.Cost c : probes.costs()) {
            text.append(String.format(Locale.ROOT, "  %-28s %5d× %8.3f s%n", c.probe(), c.measurements(),
                    c.seconds()));
        }
        return text.toString().stripTrailing();
    }

    /** SGD on a seeded batch order, optionally calling the probes the way a run does. */
    private static final class Trainer {
        final Network network;
        final Batch probeSet;
        private final Dataset train;
        private final BatchOrder order;
        private final INDArray gradient;
        private long step;

        Trainer(NetworkSpec spec, Dataset train, Batch probeSet) {
            this.network = new Network(spec);
            this.train = train;
            this.probeSet = probeSet;
            this.order = new BatchOrder(train.size(), BATCH, 4);
            this.gradient = network.params().zeros();
        }

        void steps(int count) {
            for (int i = 0; i < count; i++) {
                step();
            }
        }

        private void step() {
            network.lossAndGradient(Batch.of(train, order.next()), gradient);
            Nd4j.getBlasWrapper().level1().axpy(gradient.length(), -LEARNING_RATE, gradient, network.theta());
            step++;
        }

        /** Wall time of {@code count} steps, with {@code probes} (if not null) at step 0 and after every step. */
        double seconds(int count, Probes probes) {
            StepRule rule = StepRule.gradientDescent(LEARNING_RATE);
            long start = System.nanoTime();
            for (int i = 0; i <= count; i++) {
                if (i > 0) {
                    step();
                }
                if (probes != null) {
                    probes.atStep(ProbeContext.of(step, network, probeSet, rule)
                            .withGradient(step > 0 ? gradient : null), (key, at, value) -> { });
                }
            }
            return (System.nanoTime() - start) * 1e-9;
        }
    }
}
