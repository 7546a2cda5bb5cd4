package org.normlab.sim.bench;

import static org.normlab.sim.bench.Bench.number;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.HeadlessRace;
import org.normlab.sim.run.OutputDirectory;
import org.normlab.sim.run.Progress;
import org.normlab.sim.run.TextTable;

/**
 * Issue 15's "fast enough to wait for": the {@code orthogonal-noise-mnist} preset's three runs (SGD, SGD with weight
 * decay, WRS) with hidden widths 256, 256 — BN ReLU 784-256-256-10, batch 128, 2,000 MNIST digits as probe set — raced
 * headless exactly as {@code normlab run} does (its probes, evaluations and metrics files), target ≥ 100 steps/s per
 * run; against its peer in the same process, the same race with no probes and one evaluation, so the probes' and
 * recording's share is a ratio the machine's load hardly moves. Rounds alternate between the two, after one short
 * untimed race of each: the first race of a process also pays for compiling the engine's code and the native
 * libraries' first use, which would otherwise be charged to whichever race comes first.
 */
public final class MnistRaceBench {
    static final String PRESET = "orthogonal-noise-mnist";
    private static final double TARGET = 100;
    private static final int FULL_STEPS = 2000;
    private static final int QUICK_STEPS = 400;
    private static final int FULL_ROUNDS = 2;
    private static final int QUICK_ROUNDS = 1;
    private static final int WARM_UP_STEPS = 100;

    private MnistRaceBench() {
    }

    /** Measures and prints the table; {@code quick}: one round of 400 steps instead of two of 2000. */
    public static void run(PrintStream out, boolean quick) {
        Path assets = Path.of(System.getProperty("normlab.assets", "assets"));
        int steps = quick ? QUICK_STEPS : FULL_STEPS;
        int rounds = quick ? QUICK_ROUNDS : FULL_ROUNDS;
        double loadAtStart = Bench.loadAverage();
        Experiment probed = experiment(assets, steps, true);
        Experiment bare = experiment(assets, steps, false);
        out.println("MNIST race bench: " + PRESET + " at 784-256-256-10, " + rounds + " round(s) of " + steps
                + " steps after " + WARM_UP_STEPS + " untimed …");
        DataSpec.Split data = probed.data().load(assets);
        race(experiment(assets, WARM_UP_STEPS, true), data);
        race(experiment(assets, WARM_UP_STEPS, false), data);
        double[] probedRate = new double[rounds];
        double[] bareRate = new double[rounds];
        List<HeadlessRace.Summary> last = List.of();
        for (int r = 0; r < rounds; r++) {
            last = race(probed, data);
            probedRate[r] = perRun(last);
            bareRate[r] = perRun(race(bare, data));
        }
        TextTable table = new TextTable("race (3 runs, " + steps + " steps each)", "steps/s per run", "vs training only",
                "target", "met");
        double p = mean(probedRate);
        double b = mean(bareRate);
        table.add("preset's probes, evaluations, metrics", number(p), String.format(Locale.ROOT, "%.2f×", p / b),
                "≥ " + number(TARGET), p >= TARGET ? "yes" : "NO");
        table.add("training only (peer)", number(b), "1×", "", "");
        out.print(table);
        out.println("load average " + number(loadAtStart) + " at start, " + number(Bench.loadAverage()) + " at end, "
                + Runtime.getRuntime().availableProcessors() + " cores" + Bench.blasCoreType() + "; steps/s per run = steps / the run's seconds "
                + "on its thread, mean of runs and rounds");
        HeadlessRace.Summary slowest = last.stream().max(Comparator.comparingDouble(HeadlessRace.Summary::seconds))
                .orElseThrow();
        out.printf(Locale.ROOT, "  last probed round, run %s: %.1f s, of which%n", slowest.run(), slowest.seconds());
        for (Probes.Cost cost : slowest.probeCosts()) {
            out.printf(Locale.ROOT, "  %-20s %4d×  %.3f s each, %.0f%% of the run%n", cost.probe(),
                    cost.measurements(), cost.seconds() / cost.measurements(),
                    100 * cost.seconds() / slowest.seconds());
        }
    }

    /** The preset at 256, 256 and {@code steps}; without probes: no probe families and a single evaluation. */
    static Experiment experiment(Path assets, int steps, boolean probes) {
        Path file = assets.resolve("presets").resolve(PRESET + ".json");
        try {
            ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Files.readString(file));
            // The preset's runs, not its lesson: the tour speaks of the full-size preset's steps and series.
            json.remove("tour");
            ((ObjectNode) json.get("network")).putArray("hiddenWidths").add(256).add(256);
            ((ObjectNode) json.get("training")).put("steps", steps);
            if (!probes) {
                ((ObjectNode) json.get("probes")).putArray("families");
                ((ObjectNode) json.get("probes")).put("evaluationsEvery", steps);
                ((ObjectNode) json.get("logging")).put("evaluateEvery", steps);
            }
            return ExperimentFile.parse(json.toString(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HeadlessRace.Summary> race(Experiment experiment, DataSpec.Split data) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("normlab-mnist-race");
            return new HeadlessRace(experiment, data).execute(OutputDirectory.create(folder, true), Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            delete(folder);
        }
    }

    private static double perRun(List<HeadlessRace.Summary> runs) {
        return runs.stream().mapToDouble(s -> s.steps() / s.seconds()).average().orElseThrow();
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElseThrow();
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
