package org.normlab.sim.run;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.probe.Probes;

/**
 * The memory an experiment will take, estimated from its settings and its data's shape before anything is built,
 * and the check that refuses what cannot fit with one line naming the fields that drive it.
 *
 * <p>Off-heap (ND4J's float64 arrays), per run: vectors of the parameter dimension P — θ and its initial copy, the
 * step's gradient and the products' discarded one, the gradient kept for the probes, the probe-set gradient, the
 * vectors the network's view cache keeps alive, the optimizer's state ({@link #optimizerVectors}) and each curvature
 * probe's Lanczos basis (its step limit in vectors plus its work vectors); the layers' work arrays, {@value #ARRAYS_PER_HIDDEN_UNIT} per hidden unit and row, for the
 * rows of a training batch and of the probe set (both are held, as GC frees off-heap arrays late), and of the test
 * set for its forward pass; the run's copies of the batch and the probe set. Shared: the test set as one batch. On
 * the heap: the data set, {@value #DATA_COPIES} copies at once while it is prepared (read, embedded, split,
 * standardized). Runs count one by one: a run may have its own network and optimizer.
 *
 * <p>The estimate is meant to be above the arrays actually allocated and within a factor of two of them (tested by
 * counting the arrays of built runs); it leaves out ND4J's own small buffers and the JVM itself.
 */
public record MemoryEstimate(long heapBytes, long offHeapBytes, int runs, List<Part> parts) {

    /**
     * Vectors of the parameter dimension every run holds besides the optimizer's and the probes' Lanczos bases: θ,
     * its initial copy, the step's gradient, the products' discarded one, the kept gradient, the probe-set gradient
     * and the checkpoint's.
     */
    static final int RUN_VECTORS = 7;
    /** Copies of θ in plain Java per run: the initial draw, and the checkpoint's values and its per-tensor copy. */
    static final int HEAP_PARAMETER_COPIES = 3;
    /** Lanczos' work vectors besides its basis: q, w, the warm start and the Ritz vector, and their temporaries. */
    static final int LANCZOS_WORK_VECTORS = 5;
    /**
     * Work arrays [rows × width] per hidden unit: Linear's z and Rz, the activation's five, the next Linear's dx and
     * R(dx).
     */
    static final int ARRAYS_PER_HIDDEN_UNIT = 9;
    /** Work arrays per hidden unit of a BatchNorm layer, in addition. */
    static final int BATCH_NORM_ARRAYS_PER_UNIT = 12;
    /** Per output: the classifier's z, Rz, the loss's df and R(df), and a MimicNorm BatchNorm's twelve. */
    static final int ARRAYS_PER_OUTPUT = 16;
    /** Work arrays per hidden unit of a forward pass alone: z and the activation's y. */
    static final int FORWARD_ARRAYS_PER_HIDDEN_UNIT = 2;
    /** A BatchNorm layer's forward pass adds ẑ and y. */
    static final int BATCH_NORM_FORWARD_ARRAYS_PER_UNIT = 2;
    /** Copies of the data set alive at once while it is prepared. */
    static final int DATA_COPIES = 3;

    private static final int DOUBLE = Double.BYTES;

    /**
     * One part of the estimate.
     *
     * @param fields  the experiment's fields that size it, e.g. {@code network.hiddenWidths, probe.size}
     * @param what    what it holds
     * @param bytes   its size, over all runs
     * @param offHeap whether ND4J holds it outside the Java heap
     */
    public record Part(String fields, String what, long bytes, boolean offHeap) {
    }

    /**
     * The memory this process may use.
     *
     * @param heap        the Java heap's maximum ({@code -Xmx})
     * @param offHeap     what ND4J's arrays may take
     * @param offHeapRule where that limit comes from
     */
    public record Limits(long heap, long offHeap, String offHeapRule) {

        /**
         * This JVM's limits. JavaCPP's {@code maxphysicalbytes} caps the whole process (heap included) and is what
         * ends an allocation beyond it; its {@code maxbytes} does not count ND4J's arrays, which libnd4j allocates
         * itself. So ND4J's arrays may take {@code maxphysicalbytes} less the heap, or, without that setting, the
         * machine's memory less the heap.
         */
        public static Limits current() {
            long heap = Runtime.getRuntime().maxMemory();
            long physical = Pointer.maxPhysicalBytes();
            if (physical > 0) {
                return new Limits(heap, Math.max(0, physical - heap), "javacpp maxphysicalbytes " + size(physical)
                        + " less the " + size(heap) + " heap");
            }
            long machine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
            return new Limits(heap, Math.max(0, machine - heap), "the machine's " + size(machine) + " less the "
                    + size(heap) + " heap");
        }
    }

    /** The estimate for {@code experiment} on data of {@code shape} ({@link DataSpec#shape}). */
    public static MemoryEstimate of(Experiment experiment, DataSpec.Shape shape) {
        List<Part> parts = new ArrayList<>();
        int d = shape.dimension();
        int k = shape.classes();
        int train = shape.trainExamples();
        int test = shape.testExamples();
        int batch = experiment.training().batchSize() == 0 ? train : Math.min(experiment.training().batchSize(), train);
        int probe = Math.min(experiment.probe().size(), train);
        long example = (long) d + k;
        parts.add(new Part("data.size", "the data set while it is prepared", (long) DATA_COPIES * shape.examples()
                * Math.max(d, shape.readDimension()) * DOUBLE, false));
        parts.add(new Part("data.size", "the test set as one batch", test * example * DOUBLE, true));
        for (int i = 0; i < experiment.runs().size(); i++) {
            Experiment.RunSetup run = experiment.runs().get(i);
            Experiment.NetworkSetup network = run.network(experiment.network());
            String widths = (run.network() == null ? "network" : "runs[" + i + "].network") + ".hiddenWidths";
            long p = Network.layout(network.toSpec(d, k)).size();
            long units = network.hiddenWidths().stream().mapToLong(Integer::longValue).sum();
            boolean bn = network.normalization() == Normalization.BATCH_NORM;
            long arraysPerRow = (ARRAYS_PER_HIDDEN_UNIT + (bn ? BATCH_NORM_ARRAYS_PER_UNIT : 0)) * units + d
                    + (long) ARRAYS_PER_OUTPUT * k;
            long forwardPerRow = (FORWARD_ARRAYS_PER_HIDDEN_UNIT + (bn ? BATCH_NORM_FORWARD_ARRAYS_PER_UNIT : 0)) * units + d
                    + (long) ARRAYS_PER_OUTPUT * k;
            long vectors = RUN_VECTORS + Network.CACHED_VECTORS + optimizerVectors(run.optimizer())
                    + lanczosVectors(experiment.probes());
            parts.add(new Part(widths, "parameter vectors (θ, gradients, optimizer state, Lanczos bases)",
                    vectors * p * DOUBLE, true));
            parts.add(new Part(widths, "copies of θ in plain Java (initialization, checkpoint)",
                    HEAP_PARAMETER_COPIES * p * DOUBLE, false));
            parts.add(new Part(widths + ", training.batchSize", "work arrays for the training batch",
                    (batch * arraysPerRow + batch * example) * DOUBLE, true));
            parts.add(new Part(widths + ", probe.size", "work arrays for the probe set",
                    (probe * arraysPerRow + probe * example) * DOUBLE, true));
            parts.add(new Part(widths + ", data.size", "work arrays for the test set",
                    test * forwardPerRow * DOUBLE, true));
        }
        long heap = parts.stream().filter(part -> !part.offHeap()).mapToLong(Part::bytes).sum();
        long offHeap = parts.stream().filter(Part::offHeap).mapToLong(Part::bytes).sum();
        return new MemoryEstimate(heap, offHeap, experiment.runs().size(), merged(parts));
    }

    /** Upper bounds on the optimizer's state in vectors of the parameter dimension, its inner optimizer's included. */
    static int optimizerVectors(OptimizerSetup optimizer) {
        return optimizer.stateVectors() + optimizer.inner().map(MemoryEstimate::optimizerVectors).orElse(0);
    }

    /**
     * A run's curvature probes share one Lanczos basis (at most its step limit); each keeps its warm start, and
     * Adam's preconditioned sharpness also its preconditioner. The per-layer curvature adds its own bases, warm
     * starts and three trace vectors.
     */
    private static int lanczosVectors(Experiment.ProbesSetup probes) {
        int curvature = (int) probes.families().stream()
                .filter(f -> f == Probes.Family.SHARPNESS || f == Probes.Family.FISHER).count();
        // The per-layer curvature's solvers hold bases of the layers' blocks, together one of the whole dimension.
        int layers = probes.families().contains(Probes.Family.LAYER_CURVATURE)
                ? Lanczos.DEFAULT_MAX_STEPS + LANCZOS_WORK_VECTORS + 4 : 0;
        return (curvature == 0 ? 0 : Lanczos.DEFAULT_MAX_STEPS + LANCZOS_WORK_VECTORS + 2 * curvature) + layers;
    }

    /** Parts of the same fields and kind summed (runs of one network add up), largest first. */
    private static List<Part> merged(List<Part> parts) {
        Map<String, Part> byKey = new LinkedHashMap<>();
        for (Part part : parts) {
            byKey.merge(part.fields() + "|" + part.what() + "|" + part.offHeap(), part,
                    (a, b) -> new Part(a.fields(), a.what(), a.bytes() + b.bytes(), a.offHeap()));
        }
        return byKey.values().stream().sorted(Comparator.comparingLong(Part::bytes).reversed()).toList();
    }

    /**
     * Refuses an experiment that does not fit {@code limits}: one line with the estimate, the limit and the largest
     * part with the fields that size it.
     *
     * @throws InvalidInputException if the heap or the off-heap estimate exceeds its limit
     */
    public void check(Limits limits) {
        if (offHeapBytes > limits.offHeap()) {
            throw refusal("off-heap memory for ND4J's arrays", offHeapBytes, size(limits.offHeap()) + " ("
                    + limits.offHeapRule() + ")", true);
        }
        if (heapBytes > limits.heap()) {
            throw refusal("Java heap", heapBytes, size(limits.heap()) + " (-Xmx)", false);
        }
    }

    private InvalidInputException refusal(String kind, long needed, String limit, boolean offHeap) {
        Part largest = parts.stream().filter(p -> p.offHeap() == offHeap).findFirst().orElseThrow();
        return new InvalidInputException("the experiment needs about " + size(needed) + " of " + kind + " but "
                + limit + " is the limit; most of it: " + largest.what() + " (" + size(largest.bytes())
                + (runs > 1 ? " over " + runs + " runs" : "") + "), sized by " + largest.fields() + " — make "
                + (largest.fields().contains(",") ? "them" : "it") + " smaller");
    }

    /** Bytes in binary units with three significant digits, e.g. {@code 6.00 GB}. */
    static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100
                ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
