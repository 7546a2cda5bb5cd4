package org.normlab.sim.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;

/**
 * {@code normlab bench}: median times of the engine's BN MLP training step beside a plain-Java reference of the
 * same arithmetic ({@link ReferenceMlp}, the per-call overhead floor), the Hessian-vector product in gradients,
 * resident memory over many SGD steps, and PyTorch's figures measured on the machine the project was built on.
 * Float64, batch 128, train-mode BatchNorm (ε = 1e-5), softmax cross-entropy.
 */
public final class Bench {
    private static final int BATCH = 128;
    private static final double LEARNING_RATE = 0.05;
    /** How much resident memory may vary after the first 20% of the run and still count as flat. */
    private static final double FLAT_MEMORY = 1.1;
    private static final int MEMORY_SAMPLES = 20;
    private static final double HVP_TARGET = 3.0;
    private static final String PYTORCH_HVP = "3.2–4.9 gradients";

    /** Per network, shared by its four interleaved tasks. */
    private static final Timing.Budget FULL = new Timing.Budget(3, 30);
    private static final Timing.Budget QUICK = new Timing.Budget(0.5, 2.5);
    private static final int FULL_MEMORY_STEPS = 20_000;
    private static final int QUICK_MEMORY_STEPS = 2_000;

    /** A network to time, the largest acceptable ratio of its step to the plain-Java one, PyTorch's SGD step. */
    private record Workload(String label, NetworkSpec spec, double maxRatio, double pytorchMs) {
    }

    private static final List<Workload> WORKLOADS = List.of(
            new Workload("(a) 2→64→64→2", NetworkSpec.of(2, List.of(64, 64), 2, 1), 1.3, 0.37),
            new Workload("(b) 784→256→256→10", NetworkSpec.of(784, List.of(256, 256), 10, 2), 1.0, 2.84));

    /** One line of the result table. */
    private record Row(String what, String normlab, String reference, String ratio, String target, String met,
                       String pytorch) {
        List<String> cells() {
            return List.of(what, normlab, reference, ratio, target, met, pytorch);
        }
    }

    private static final Row HEADER = new Row("", "NormLab (ND4J)", "plain Java", "ratio", "target", "met",
            "PyTorch");

    private Bench() {
    }

    /** {@code java … Bench [--quick]}. */
    public static void main(String[] args) {
        run(System.out, Arrays.asList(args).contains("--quick"));
    }

    /**
     * Measures everything, printing progress and then the result table to {@code out}.
     *
     * @param quick fewer repetitions and a tenth of the SGD steps: about 20 s instead of about 3 minutes
     * @return the result table, as printed
     */
    public static String run(PrintStream out, boolean quick) {
        Timing.Budget budget = quick ? QUICK : FULL;
        int memorySteps = quick ? QUICK_MEMORY_STEPS : FULL_MEMORY_STEPS;
        out.println("normlab bench" + (quick ? " --quick" : "") + ": measuring for about "
                + (quick ? "20 seconds" : "3 minutes") + " …");
        double loadAtStart = loadAverage();
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Workload w : WORKLOADS) {
            out.println("  " + w.label());
            rows.addAll(timeWorkload(w, budget, notes));
        }
        out.println("  resident memory over " + memorySteps + " SGD steps of " + WORKLOADS.get(0).label());
        rows.addAll(trackMemory(WORKLOADS.get(0), memorySteps, notes));

        StringBuilder table = new StringBuilder();
        table.append("NormLab benchmark: float64, batch ").append(BATCH)
                .append(", train-mode BatchNorm (ε = 1e-5), ReLU, softmax cross-entropy;\n")
                .append("times are medians [interquartile range] of interleaved repetitions\n");
        table.append(machine(loadAtStart)).append('\n');
        table.append(format(rows)).append('\n');
        notes.forEach(n -> table.append(n).append('\n'));
        table.append("PyTorch: CPU, float64, one thread, BatchNorm in train mode, batch 128; its times are whole SGD "
                + "steps,\n  its HVP is double backward. Ratios are of medians.\n");
        out.print(table);
        return table.toString();
    }

    /** Forward+backward against the reference, then the Hessian-vector product against a gradient. */
    private static List<Row> timeWorkload(Workload w, Timing.Budget budget, List<String> notes) {
        Network network = new Network(w.spec());
        Dataset data = RandomData.gaussian(BATCH, w.spec().inputSize(), w.spec().outputSize(), w.spec().seed());
        Batch batch = Batch.all(data);
        INDArray gradient = network.params().zeros();
        ReferenceMlp reference = new ReferenceMlp(w.spec(), BATCH);
        double[] theta = network.theta().toDoubleVector();
        double[] referenceGradient = new double[theta.length];
        INDArray v = Nd4j.createFromArray(RandomData.vector((int) network.params().size(), 1.0, w.spec().seed()));
        INDArray hv = network.params().zeros();
        List<Timing> timings = Timing.interleaved(List.of(
                () -> network.lossAndGradient(batch, gradient),
                () -> reference.lossAndGradient(theta, data.features(), data.labels(), referenceGradient),
                () -> network.gradient(batch, BatchNormMode.TRAIN, gradient),
                () -> network.hessianVectorProduct(batch, BatchNormMode.TRAIN, v, hv)), budget);
        Timing engine = timings.get(0);
        Timing plain = timings.get(1);
        Timing grad = timings.get(2);
        Timing hvp = timings.get(3);
        network.gradient(batch, BatchNormMode.TRAIN, gradient);
        notes.add(w.label() + ": engine and reference gradients differ by "
                + String.format(Locale.ROOT, "%.1e", relativeDistance(referenceGradient, gradient.toDoubleVector()))
                + " (relative 2-norm); " + engine.repetitions() + " repetitions each");

        double stepRatio = engine.median() / plain.median();
        double hvpRatio = hvp.median() / grad.median();
        return List.of(
                new Row(w.label() + " forward+backward", engine.toString(), plain.toString(), times(stepRatio),
                        "≤ " + times(w.maxRatio()), verdict(stepRatio <= w.maxRatio()),
                        milliseconds(w.pytorchMs()) + " (SGD step)"),
                new Row(w.label() + " gradient, no BN update", grad.toString(), "", "", "", "", ""),
                new Row(w.label() + " Hessian-vector product", hvp.toString(), "", number(hvpRatio) + " gradients",
                        "≤ " + number(HVP_TARGET) + " gradients", verdict(hvpRatio <= HVP_TARGET), PYTORCH_HVP));
    }

    /**
     * SGD (θ ← θ − η g) for {@code steps} steps, sampling the resident set size {@link #MEMORY_SAMPLES} times.
     * Memory is flat when every sample from 20% of the run on lies within {@link #FLAT_MEMORY}× of the smallest:
     * a leak fails this, and so does a saw-tooth of off-heap buffers that only garbage collection returns.
     */
    private static List<Row> trackMemory(Workload w, int steps, List<String> notes) {
        Network network = new Network(w.spec());
        Batch batch = Batch.all(RandomData.gaussian(BATCH, w.spec().inputSize(), w.spec().outputSize(),
                w.spec().seed()));
        INDArray theta = network.theta();
        INDArray gradient = network.params().zeros();
        int every = steps / MEMORY_SAMPLES;
        double[] rss = new double[MEMORY_SAMPLES];
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            network.lossAndGradient(batch, gradient);
            Nd4j.getBlasWrapper().level1().axpy(theta.length(), -LEARNING_RATE, gradient, theta);
            if (step % every == 0) {
                rss[step / every - 1] = residentMegabytes();
            }
        }
        double meanStep = (System.nanoTime() - start) / 1e6 / steps;
        double[] settled = Arrays.copyOfRange(rss, MEMORY_SAMPLES / 5 - 1, MEMORY_SAMPLES);
        double low = Arrays.stream(settled).min().orElseThrow();
        double high = Arrays.stream(settled).max().orElseThrow();
        StringBuilder samples = new StringBuilder("resident memory (MB) every " + every + " steps:");
        for (double r : rss) {
            samples.append(' ').append(Math.round(r));
        }
        notes.add(samples.toString());
        notes.add("  of which the JVM heap has committed " + Runtime.getRuntime().totalMemory() / (1 << 20)
                + " MB at the end");
        String label = w.label() + " ";
        return List.of(
                new Row(label + "SGD step, mean of " + steps, milliseconds(meanStep), "", "", "", "",
                        milliseconds(w.pytorchMs())),
                new Row(label + "RSS over " + steps + " steps", Math.round(rss[0]) + " → "
                        + Math.round(rss[MEMORY_SAMPLES - 1]) + " MB, max " + Math.round(high), "",
                        "max/min " + times(high / low) + " from step " + steps / 5,
                        "≤ " + times(FLAT_MEMORY) + " (flat)", verdict(high / low <= FLAT_MEMORY), ""));
    }

    /** CPU, cores, load, JVM, ND4J backend and threads, memory bounds: what the figures depend on. */
    private static String machine(double loadAtStart) {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the model stays unknown
        }
        String omp = System.getenv("OMP_NUM_THREADS");
        int cores = Runtime.getRuntime().availableProcessors();
        double load = Math.max(loadAtStart, loadAverage());
        String busy = load > cores ? " (busy: other processes shared the cores, times are inflated)" : "";
        return "machine: " + cpu + ", " + cores + " cores, load average " + number(loadAtStart) + " at start, "
                + number(loadAverage()) + " at end" + busy + ";\n  "
                + System.getProperty("java.vm.name") + " " + Runtime.version() + "; ND4J "
                + Nd4j.getBackend().getClass().getSimpleName() + "/"
                + Nd4j.getExecutioner().getClass().getSimpleName() + ", " + Nd4j.getEnvironment().maxThreads()
                + " thread(s), OMP_NUM_THREADS=" + (omp == null ? "unset" : omp) + blasCoreType() + "; heap ≤ "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, off-heap ≤ " + Pointer.maxBytes() / (1 << 20)
                + " MB";
    }

    /**
     * ", OPENBLAS_CORETYPE=…" when the environment sets it, else "": it overrides OpenBLAS's choice of kernels for
     * this CPU (on the project's AVX-512 machines, forcing Haswell runs the matrix products 1.5–2× slower).
     */
    static String blasCoreType() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        return forced == null ? "" : ", OPENBLAS_CORETYPE=" + forced + " (forces OpenBLAS's kernels)";
    }

    /** The one-minute load average from /proc/loadavg, or NaN where there is none. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** VmRSS from /proc/self/status in MB, or NaN where there is no /proc. */
    private static double residentMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(Double.NaN);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Columns padded to their widest cell, separated by two spaces. */
    private static String format(List<Row> rows) {
        List<Row> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows);
        int columns = HEADER.cells().size();
        int[] width = new int[columns];
        for (Row r : all) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r.cells().get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (Row r : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = r.cells().get(c);
                line.append(cell).append(" ".repeat(width[c] - cell.length() + 2));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "NO";
    }

    private static String times(double ratio) {
        return number(ratio) + "×";
    }

    static String milliseconds(double ms) {
        return number(ms) + " ms";
    }

    /** Three significant digits, at most. */
    static String number(double x) {
        return x >= 100 ? String.format(Locale.ROOT, "%.0f", x)
                : x >= 10 ? String.format(Locale.ROOT, "%.1f", x)
                : String.format(Locale.ROOT, "%.2f", x);
    }

    /** ‖a − b‖ / ‖b‖. */
    static double relativeDistance(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }
}
