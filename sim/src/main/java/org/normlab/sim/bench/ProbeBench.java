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
import org.normlab.sim.linalg.Curvature;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.probe.Cadence;
import org.normlab.sim.probe.ProbeContext;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.probe.StepRule;
import org.normlab.sim.run.ProbeSet;

/**
 * What the probes cost (issue 4, part 5), on noisy spirals with the BN MLP 2→64→64→2, SGD with batch 128 and a
 * probe set of 2,048 examples, float64, train-mode BatchNorm. One top-eigenvalue estimate of the Hessian
 * (sharpness) and of the Fisher as the standard probes make it ({@link Probes#standardLanczos}), in
 * gradient-equivalents — its wall time over that of one gradient on the probe set — started cold (a seeded random
 * vector) and warm (the Ritz vector of an estimate 10 steps earlier, and one a whole curvature interval of
 * {@link Cadence#standard} earlier), with its error against a tight reference; and the slowdown of training with
 * {@link Probes#standard} at {@link Cadence#standard} against training without probes.
 */
public final class ProbeBench {
    private static final int EXAMPLES = 2048;
    private static final int BATCH = 128;
    private static final double LEARNING_RATE = 0.1;
    /** Steps before the first measurement, to leave the initialization behind. */
    private static final int SETTLE_STEPS = 300;
    private static final double ACCURACY = 1e-3;
    private static final double COLD_TARGET = 25;
    private static final double WARM_TARGET = 8;
    private static final double SLOWDOWN_TARGET = 1.5;
    /** A warm start after this many steps, besides one after a whole curvature interval of the cadence. */
    private static final int SHORT_LAG = 10;
    /** Steps of the reference Lanczos, far more than the dimension's top eigenvalue needs. */
    private static final int REFERENCE_STEPS = 150;

    private static final Timing.Budget FULL = new Timing.Budget(2, 20);
    private static final Timing.Budget QUICK = new Timing.Budget(0.3, 2);

    private ProbeBench() {
    }

    /** {@code java … ProbeBench [--quick]}. */
    public static void main(String[] args) {
        run(System.out, Arrays.asList(args).contains("--quick"));
    }

    /** Measures and prints the result table to {@code out}; {@code quick}: shorter timings and runs. */
    public static void run(PrintStream out, boolean quick) {
        Timing.Budget budget = quick ? QUICK : FULL;
        Dataset train = ToyData.spirals(EXAMPLES, 0.1, 1);
        Batch probeSet = ProbeSet.draw(train, EXAMPLES, 2).batch();
        NetworkSpec spec = NetworkSpec.of(2, List.of(64, 64), 2, 3);
        Cadence cadence = Cadence.standard(BATCH, probeSet.size());
        out.println("normlab probe bench" + (quick ? " --quick" : "") + ": spirals, " + spec.inputSize() + "→64→64→"
                + spec.outputSize() + " BN MLP, batch " + BATCH + ", probe set " + probeSet.size() + ", cadence "
                + cadence);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-30s %9s %8s %12s %10s %8s %4s", "estimate", "products",
                "residual", "gradient-eq", "rel. error", "target", "met"));
        Trainer trainer = new Trainer(spec, train, probeSet);
        trainer.steps(SETTLE_STEPS);
        List<INDArray> previous = new ArrayList<>();
        for (Curvature c : Curvature.values()) {
            previous.add(new Lanczos().largest(operator(c, trainer), 5).vector());
        }
        trainer.steps(SHORT_LAG);
        for (Curvature c : Curvature.values()) {
            lines.add(estimate(c, "cold", trainer, null, budget, COLD_TARGET));
            lines.add(estimate(c, "warm, " + SHORT_LAG + " steps on", trainer, previous.get(c.ordinal()), budget,
                    WARM_TARGET));
        }
        trainer.steps(Math.toIntExact(cadence.curvature()) - SHORT_LAG);
        for (Curvature c : Curvature.values()) {
            lines.add(estimate(c, "warm, " + cadence.curvature() + " steps on", trainer, previous.get(c.ordinal()),
                    budget, WARM_TARGET));
        }
        lines.add(slowdown(spec, train, probeSet, cadence, quick ? 3200 : 6400, quick ? 1 : 3));
        lines.forEach(out::println);
        out.println("gradient-eq = wall time of the estimate / one gradient on the probe set (train mode); products "
                + "include the residual's; rel. error against " + REFERENCE_STEPS + "-step Lanczos");
    }

    private static LinearOperator operator(Curvature c, Trainer trainer) {
        return c.of(trainer.network, trainer.probeSet, BatchNormMode.TRAIN);
    }

    /**
     * One estimate of the standard curvature probes at the trainer's θ, from a seeded random vector or from
     * {@code start}: its products and residual, its time in gradients on the probe set, its error.
     */
    private static String estimate(Curvature c, String how, Trainer trainer, INDArray start, Timing.Budget budget,
                                   double target) {
        LinearOperator a = operator(c, trainer);
        double reference = new Lanczos(REFERENCE_STEPS, 1e-12).largest(a, 9).value();
        Lanczos lanczos = new Lanczos();
        Runnable run = start == null ? () -> lanczos.largest(a, 7) : () -> lanczos.largest(a, start);
        EigenEstimate e = start == null ? lanczos.largest(a, 7) : lanczos.largest(a, start);
        INDArray gradient = trainer.network.params().zeros();
        List<Timing> t = Timing.interleaved(List.of(
                () -> trainer.network.gradient(trainer.probeSet, BatchNormMode.TRAIN, gradient), run), budget);
        double gradients = t.get(1).median() / t.get(0).median();
        double error = Math.abs(e.value() - reference) / Math.abs(reference);
        boolean met = gradients <= target && error <= ACCURACY && e.converged();
        String name = (c == Curvature.HESSIAN ? "sharpness" : "Fisher") + ", " + how;
        return String.format(Locale.ROOT, "%-30s %9d %8.1e %12.1f %10.1e %8s %4s", name, e.products(),
                e.errorBound(), gradients, error, "≤ " + Bench.number(target), met ? "yes" : "NO");
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
