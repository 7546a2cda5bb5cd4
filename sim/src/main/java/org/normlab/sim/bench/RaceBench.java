package org.normlab.sim.bench;

import static org.normlab.sim.bench.Bench.number;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.Race;
import org.normlab.sim.run.Run;
import org.normlab.sim.run.TextTable;

/**
 * The race's figures: six runs raced on their own threads against the same six runs one after another (aggregate
 * steps per second, target ≥ 1.5× on two cores), and each optimizer's step against plain SGD's on the same network
 * (target ≤ 1.2×; a periodic-sampling replacement, once an epoch, is a rare outlier the median leaves out). The BN
 * MLP 2→64→64→2 with batch 128 on spirals, float64; a whole step: batch gather, forward, backward, optimizer —
 * without probes, whose cost ProbeBench measures.
 */
public final class RaceBench {
    private static final double RACE_TARGET = 1.5;
    private static final double STEP_TARGET = 1.2;
    private static final int FULL_RACE_STEPS = 1000;
    private static final int QUICK_RACE_STEPS = 300;
    /** Raced and one-after-another rounds alternate, so a change in the machine's load hits both alike. */
    private static final int FULL_ROUNDS = 5;
    private static final int QUICK_ROUNDS = 3;
    private static final Timing.Budget FULL = new Timing.Budget(2, 20);
    private static final Timing.Budget QUICK = new Timing.Budget(0.5, 3);

    /** Spirals (2048 examples, all for training), ReLU 2→64→64→2, batch 128; {@code %s}: normalization, runs. */
    private static final String EXPERIMENT = """
            {"name": "race-bench",
             "data": {"kind": "spirals", "size": 2048, "noise": 0.05, "testFraction": 0, "seed": 1},
             "network": {"hiddenWidths": [64, 64], "normalization": "%s", "seed": 1},
             "training": {"steps": %d, "batchSize": 128, "orderSeed": 1},
             "probes": {"families": []},
             "runs": [%s]}
            """;

    /** A run: its name in the tables and its optimizer as in an experiment file. */
    private record Entry(String name, String optimizer) {
    }

    /** The six optimizers of the race. */
    private static final List<Entry> SIX = List.of(
            new Entry("sgd", "{\"name\": \"sgd\"}"),
            new Entry("momentum", "{\"name\": \"momentum\", \"learningRate\": 0.01}"),
            new Entry("sgd_wd", "{\"name\": \"sgd_wd\"}"),
            new Entry("adam", "{\"name\": \"adam\"}"),
            new Entry("psi_sgd", "{\"name\": \"psi_sgd\"}"),
            new Entry("wrs", "{\"name\": \"wrs\"}"));

    /** Every other recipe on the BN network, for the step-time table. */
    private static final List<Entry> OTHERS = List.of(
            new Entry("nesterov", "{\"name\": \"nesterov\", \"learningRate\": 0.01}"),
            new Entry("adamw", "{\"name\": \"adamw\"}"),
            new Entry("psi_sgd-retraction", "{\"name\": \"psi_sgd\", \"retraction\": true}"),
            new Entry("insgd", "{\"name\": \"insgd\", \"learningRate\": 0.01}"),
            new Entry("pswa-sgd", "{\"name\": \"pswa\", \"inner\": {\"name\": \"sgd\"}}"),
            new Entry("pwalks-momentum", "{\"name\": \"pwalks\", \"inner\": {\"name\": \"momentum\", "
                    + "\"learningRate\": 0.01}}"),
            new Entry("pswm-sgd-reestimate", "{\"name\": \"pswm\", \"inner\": {\"name\": \"sgd\"}, "
                    + "\"reestimateBatches\": 4}"));

    /** SGD and MimicNorm on the MimicNorm network. */
    private static final List<Entry> MIMIC = List.of(
            new Entry("sgd", "{\"name\": \"sgd\"}"),
            new Entry("mimic_norm-sgd", "{\"name\": \"mimic_norm\", \"inner\": {\"name\": \"sgd\"}}"));

    private RaceBench() {
    }

    /** {@code java … RaceBench [--quick]}. */
    public static void main(String[] args) {
        run(System.out, List.of(args).contains("--quick"));
    }

    /**
     * Measures and prints both tables to {@code out}.
     *
     * @param quick fewer steps and repetitions: about 15 s instead of about a minute
     */
    public static void run(PrintStream out, boolean quick) {
        int steps = quick ? QUICK_RACE_STEPS : FULL_RACE_STEPS;
        Timing.Budget budget = quick ? QUICK : FULL;
        out.println("race bench" + (quick ? " --quick" : "") + ": " + Runtime.getRuntime().availableProcessors()
                + " cores, load average " + loadAverage() + "; six runs of " + steps
                + " steps raced, then one after another, in turns …");
        Experiment six = experiment("batch_norm", steps, SIX);
        Dataset train = six.data().load(Path.of(System.getProperty("normlab.assets", "assets"))).train();
        List<Duration> raced = new ArrayList<>();
        List<Duration> oneByOne = new ArrayList<>();
        for (int round = 0; round < (quick ? QUICK_ROUNDS : FULL_ROUNDS); round++) {
            raced.add(timeToFinish(six, train));
            Duration sequential = new Duration(0, 0);
            for (Experiment.RunSetup run : six.runs()) {
                sequential = sequential.plus(timeToFinish(six.withRuns(run.name()), train));
            }
            oneByOne.add(sequential);
        }
        double total = (double) steps * SIX.size();
        Duration racedMedian = Duration.median(raced);
        Duration oneByOneMedian = Duration.median(oneByOne);
        double[] ratios = new double[raced.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = oneByOne.get(i).seconds() / raced.get(i).seconds();
        }
        Arrays.sort(ratios);
        double speedup = Timing.quantile(ratios, 0.5);
        TextTable race = new TextTable("six runs", "seconds", "cores busy", "steps/s (all runs)", "ratio", "target",
                "met");
        race.add("one after another", number(oneByOneMedian.seconds()), number(oneByOneMedian.cores()),
                number(total / oneByOneMedian.seconds()), "1×", "", "");
        race.add("raced, a thread each", number(racedMedian.seconds()), number(racedMedian.cores()),
                number(total / racedMedian.seconds()), number(speedup) + "× [" + number(ratios[0]) + "–"
                        + number(ratios[ratios.length - 1]) + "]", "≥ " + number(RACE_TARGET) + "×",
                verdict(speedup >= RACE_TARGET));

        out.println("  step times of every optimizer, interleaved …");
        List<Entry> bn = new ArrayList<>(SIX);
        bn.addAll(OTHERS);
        TextTable stepTimes = new TextTable("optimizer", "step", "vs SGD", "target", "met");
        addStepTimes(stepTimes, experiment("batch_norm", steps, bn), train, budget);
        addStepTimes(stepTimes, experiment("mimic_norm", steps, MIMIC), train, budget);

        out.println("Race: BN ReLU MLP 2→64→64→2, batch 128, float64, spirals; whole steps (batch, forward, "
                + "backward, optimizer)");
        out.print(race);
        out.println("medians of " + raced.size() + " alternating rounds; the ratio's range in brackets");
        out.println("Step time against plain SGD on the same network, median [interquartile range]:");
        out.print(stepTimes);
        out.println("periodic sampling replaces θ once an epoch (16 steps here); the median leaves those steps out.");
    }

    /**
     * Wall-clock and process CPU seconds. CPU over wall is how many cores the process kept busy: about 2 for a race
     * on an idle 2-core machine; less when other processes take their share, which lowers the speedup too.
     */
    private record Duration(double seconds, double cpuSeconds) {
        Duration plus(Duration other) {
            return new Duration(seconds + other.seconds, cpuSeconds + other.cpuSeconds);
        }

        double cores() {
            return cpuSeconds / seconds;
        }

        /** The median by wall-clock time. */
        static Duration median(List<Duration> durations) {
            List<Duration> sorted = durations.stream().sorted(Comparator.comparingDouble(Duration::seconds)).toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    /** The time the race of {@code experiment}'s runs takes from the threads' start to the last step. */
    private static Duration timeToFinish(Experiment experiment, Dataset train) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Race race = new Race(experiment, train)) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            race.start();
            race.awaitIdle();
            return new Duration((System.nanoTime() - start) * 1e-9, (os.getProcessCpuTime() - cpuStart) * 1e-9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing the race", e);
        }
    }

    /** Times one step of every run in turns; the first run is plain SGD, the reference. */
    private static void addStepTimes(TextTable table, Experiment experiment, Dataset train, Timing.Budget budget) {
        List<Run> runs = experiment.runs().stream().map(setup -> new Run(experiment, setup, train)).toList();
        List<Timing> timings = Timing.interleaved(runs.stream().<Runnable>map(r -> r::step).toList(), budget);
        String network = experiment.network().normalization().name().toLowerCase(Locale.ROOT);
        for (int i = 0; i < runs.size(); i++) {
            double ratio = timings.get(i).median() / timings.get(0).median();
            boolean reference = i == 0;
            table.add(runs.get(i).name() + (reference ? " (" + network + " net)" : ""),
                    timings.get(i).toString(), number(ratio) + "×",
                    reference ? "" : "≤ " + number(STEP_TARGET) + "×",
                    reference ? "" : verdict(ratio <= STEP_TARGET));
        }
    }

    /** The experiment with a run per entry. */
    private static Experiment experiment(String normalization, int steps, List<Entry> entries) {
        List<String> runs = entries.stream()
                .map(e -> "{\"name\": \"" + e.name() + "\", \"optimizer\": " + e.optimizer() + "}").toList();
        return ExperimentFile.parse(EXPERIMENT.formatted(normalization, steps, String.join(", ", runs)),
                "race-bench");
    }

    /** The 1-minute load average: other processes on the machine share its cores with the race. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "NO";
    }
}
