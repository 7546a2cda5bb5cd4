package org.normlab.sim.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.Json;
import org.normlab.sim.run.OptimizerSetup;

/**
 * A sweep: a base experiment and the axes it is trained over. Read from a file such as
 * <pre>
 * {"name": "spirals-lr", "experiment": "spirals.json", "seed": 0, "seeds": 3,
 *  "optimizers": [{"run": "sgd", "grid": {"learningRate": {"from": 1e-3, "to": 1, "count": 8}}},
 *                 {"name": "adam", "optimizer": {"name": "adam"}, "grid": {"learningRate": [1e-4, 1e-3, 1e-2]}}],
 *  "grid": {"batchSize": [32, 128], "width": [16, 64]}}
 * </pre>
 * The trials are every combination: per optimizer, its own hyperparameter grid; for all, the shared axes and the
 * {@code seeds} replicates. Trials are numbered in that order — optimizers, their grids (first axis outermost), the
 * shared axes, replicates innermost — and a trial is a pure function of the sweep and its number ({@link #trial}),
 * so any worker builds the same one. A replicate's network and batch-order seeds derive from the sweep's
 * {@code seed} and the replicate alone, so the trials of one replicate are paired: every optimizer starts from the
 * same weights and sees the same batches.
 */
public final class Sweep {
    /** A sweep of more trials than this runs only when confirmed ({@code --yes}). */
    public static final int CONFIRM_ABOVE = 10_000;

    private final Spec spec;
    private final Experiment base;
    /** Where the sweep was read from, for messages. */
    private final String source;
    /** Trials per optimizer, and the first trial of each. */
    private final int[] counts;
    private final int[] starts;
    private final int size;

    private Sweep(Spec spec, Experiment base, String source) {
        this.spec = spec;
        this.base = base;
        this.source = source;
        counts = new int[spec.optimizers().size()];
        starts = new int[counts.length];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            long count = (long) spec.seeds() * spec.grid().size();
            for (Grid g : spec.optimizers().get(i).grid().values()) {
                count *= g.size();
            }
            if (total + count > Integer.MAX_VALUE) {
                throw new InvalidInputException("the sweep has more than " + Integer.MAX_VALUE + " trials");
            }
            starts[i] = (int) total;
            counts[i] = (int) count;
            total += count;
        }
        size = (int) total;
    }

    /**
     * The sweep file as written: its base experiment inline or as a path relative to the sweep file's folder.
     *
     * @param name       short name of the sweep (default: the base experiment's)
     * @param experiment the base experiment: an experiment object, or the path of an experiment or preset file
     * @param seed       the seed every replicate's seeds derive from
     * @param seeds      replicates, >= 1: each gets its own network and batch-order seeds
     * @param optimizers the optimizers swept, at least one, with distinct names
     * @param grid       the axes shared by every optimizer
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String name, JsonNode experiment, Long seed, Integer seeds, List<OptimizerAxes> optimizers,
                       Axes grid) {
        public Spec {
            if (experiment == null || !(experiment.isObject() || experiment.isTextual())) {
                throw new IllegalArgumentException("experiment is required: an experiment object, or the path of "
                        + "an experiment or preset file relative to the sweep file");
            }
            seed = seed == null ? 0 : seed;
            seeds = seeds == null ? 1 : seeds;
            if (seeds < 1) {
                throw new IllegalArgumentException("seeds must be an integer >= 1 (replicates), was " + seeds);
            }
            if (optimizers == null || optimizers.isEmpty()) {
                throw new IllegalArgumentException("optimizers must be a non-empty array of the optimizers swept");
            }
            optimizers = List.copyOf(optimizers);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < optimizers.size(); i++) {
                if (!names.add(optimizers.get(i).name())) {
                    throw new IllegalArgumentException("optimizers[" + i + "].name '" + optimizers.get(i).name()
                            + "' is taken by an earlier optimizer; names must be distinct");
                }
            }
            grid = grid == null ? Axes.NONE : grid;
            if (grid.networkSeed() != null && grid.orderSeed() != null && seeds > 1) {
                throw new IllegalArgumentException("seeds must be 1 when grid gives both networkSeed and orderSeed "
                        + "(the replicates would be identical), was " + seeds);
            }
        }
    }

    /**
     * One optimizer of the sweep: a run of the base experiment ({@code run}, with its optimizer, network, rescale and
     * changes) or an optimizer given here ({@code optimizer}), and the grid of its hyperparameters (by the names of
     * the optimizer's fields, e.g. {@code learningRate}, {@code momentum}; a wrapper's inner optimizer's too).
     *
     * @param name the trials' run name (default: {@code run}, or the optimizer's name)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OptimizerAxes(String name, String run, JsonNode optimizer, Map<String, Grid> grid) {
        public OptimizerAxes {
            if ((run == null) == (optimizer == null)) {
                throw new IllegalArgumentException("must give either run (a run of the base experiment) or "
                        + "optimizer (an optimizer object), not both");
            }
            if (optimizer != null && !(optimizer.isObject() && optimizer.path("name").isTextual())) {
                throw new IllegalArgumentException("optimizer must be an optimizer object with a \"name\"");
            }
            name = name != null ? name : run != null ? run : optimizer.get("name").asText();
            grid = grid == null ? Map.of() : new LinkedHashMap<>(grid);
        }
    }

    /** The axes every optimizer shares; each may be absent (the base experiment's value). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Axes(Grid batchSize, Grid width, Grid networkSeed, Grid orderSeed) {
        static final Axes NONE = new Axes(null, null, null, null);

        public Axes {
            requireIntegers(batchSize, "batchSize", 0);
            requireIntegers(width, "width", 1);
            requireIntegers(networkSeed, "networkSeed", Long.MIN_VALUE);
            requireIntegers(orderSeed, "orderSeed", Long.MIN_VALUE);
        }

        private static void requireIntegers(Grid grid, String field, long min) {
            if (grid == null) {
                return;
            }
            for (int i = 0; i < grid.size(); i++) {
                double v = grid.get(i);
                if (v != Math.rint(v) || v < min || Math.abs(v) > 1L << 53) {
                    throw new IllegalArgumentException(field + "[" + i + "] must be an integer"
                            + (min > Long.MIN_VALUE ? " >= " + min : "") + ", was " + v);
                }
            }
        }

        /** The combinations of the shared axes. */
        int size() {
            return count(batchSize) * count(width) * count(networkSeed) * count(orderSeed);
        }

        private static int count(Grid grid) {
            return grid == null ? 1 : grid.size();
        }
    }

    /** Reads a sweep file; its base experiment, if a path, is read relative to the file's folder, never outside. */
    public static Sweep read(Path file) {
        JsonNode tree = tree(ExperimentFile.bytes(file, "sweep file"), file.toString());
        JsonNode path = tree.get("experiment");
        if (path != null && path.isTextual()) {
            ((ObjectNode) tree).set("experiment", baseExperiment(file, path.asText()));
        }
        return of(tree, file.toString());
    }

    /** Parses a sweep whose base experiment is inline (as {@link #toJson} writes it). */
    public static Sweep parse(String json, String source) {
        return of(tree(json.getBytes(StandardCharsets.UTF_8), source), source);
    }

    private static JsonNode tree(byte[] bytes, String source) {
        try {
            JsonNode tree = Json.mapper().readTree(bytes);
            if (!(tree instanceof ObjectNode)) {
                throw new InvalidInputException(source + ": must be a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(ExperimentFile.notValidJson(e, source));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + source + ": " + e.getMessage());
        }
    }

    /** The base experiment file's JSON; a path that leads out of the sweep file's folder is refused. */
    private static JsonNode baseExperiment(Path sweepFile, String path) {
        Path folder = sweepFile.toAbsolutePath().normalize().getParent();
        Path file = folder.resolve(path).normalize();
        try {
            if (!file.startsWith(folder) || Files.exists(file) && !file.toRealPath().startsWith(folder.toRealPath())) {
                throw new InvalidInputException(sweepFile + ": experiment '" + path + "' leads out of the sweep "
                        + "file's folder " + folder + "; give a path inside it");
            }
            JsonNode tree = tree(ExperimentFile.bytes(file, "experiment file"), file.toString());
            // A preset's tour narrates the preset's own runs; a trial has other ones.
            ((ObjectNode) tree).remove("tour");
            try {
                ExperimentFile.parse(Json.mapper().writeValueAsString(tree), file.toString());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.getMessage().startsWith(file.toString()) ? e.getMessage()
                        : "experiment file " + file + ": " + e.getMessage());
            }
            return tree;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read experiment file " + file + ": " + e.getMessage());
        }
    }

    private static Sweep of(JsonNode tree, String source) {
        try {
            try {
                ExperimentFile.requireKnownFields(tree, Spec.class);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + ": " + e.getMessage());
            }
            Spec spec = Json.mapper().treeToValue(tree, Spec.class);
            ObjectNode experiment = ((ObjectNode) spec.experiment()).deepCopy();
            experiment.remove("tour");
            Experiment base;
            try {
                base = ExperimentFile.parse(Json.mapper().writeValueAsString(experiment), source + " experiment");
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + ": experiment." + e.getMessage());
            }
            String name = spec.name() != null ? spec.name() : base.name();
            spec = new Spec(name, experiment, spec.seed(), spec.seeds(), spec.optimizers(), spec.grid());
            checkOptimizers(spec, base, source);
            return new Sweep(spec, base, source);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(source + ": " + ExperimentFile.describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }

    /** Every {@code run} names a run of the base experiment; every grid axis a numeric field of its optimizer. */
    private static void checkOptimizers(Spec spec, Experiment base, String source) {
        for (int i = 0; i < spec.optimizers().size(); i++) {
            OptimizerAxes axes = spec.optimizers().get(i);
            String at = source + ": optimizers[" + i + "]";
            if (axes.run() != null && base.runs().stream().noneMatch(r -> r.name().equals(axes.run()))) {
                throw new InvalidInputException(at + ".run '" + axes.run() + "' is not a run of the experiment; its "
                        + "runs are " + String.join(", ", base.runs().stream().map(Experiment.RunSetup::name)
                        .toList()));
            }
            OptimizerSetup optimizer;
            try {
                optimizer = axes.run() != null ? base.run(axes.run()).optimizer()
                        : Json.mapper().treeToValue(axes.optimizer(), OptimizerSetup.class);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(at + ".optimizer: " + (e instanceof JsonMappingException m
                        ? ExperimentFile.describe(m) : e.getOriginalMessage()));
            }
            List<String> allowed = List.copyOf(numericFields(optimizer));
            for (String name : axes.grid().keySet()) {
                if (!allowed.contains(name)) {
                    throw new InvalidInputException(ExperimentFile.unknownField(at + ".grid." + name
                            + " is not a hyperparameter of " + optimizer.label(), name, allowed));
                }
            }
        }
    }

    /** The numeric fields of an optimizer and of the optimizers it wraps: what a grid may sweep. */
    static Set<String> numericFields(OptimizerSetup optimizer) {
        Set<String> names = new LinkedHashSet<>();
        for (OptimizerSetup o = optimizer; o != null; o = o.inner().orElse(null)) {
            for (RecordComponent c : o.getClass().getRecordComponents()) {
                if (c.getType() == Double.class) {
                    names.add(c.getName());
                }
            }
        }
        return names;
    }

    /**
     * Builds every trial, so that a value outside a field's domain is refused, naming the trial, before any trial
     * runs (reading checks the file's form only: its size may first need confirming).
     */
    public void checkTrials() {
        for (int i = 0; i < size; i++) {
            try {
                trial(i);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + ": " + e.getMessage());
            }
        }
    }

    /** The number of trials. */
    public int size() {
        return size;
    }

    public String name() {
        return spec.name();
    }

    public Spec spec() {
        return spec;
    }

    /** The base experiment, as read. */
    public Experiment base() {
        return base;
    }

    /** The index of the optimizer that trial {@code index} trains, and its first trial. */
    int optimizerOf(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("trial " + index + " of " + size);
        }
        int o = 0;
        while (index >= starts[o] + counts[o]) {
            o++;
        }
        return o;
    }

    int start(int optimizer) {
        return starts[optimizer];
    }

    /** Trial {@code index} (0 ≤ index &lt; {@link #size}): a pure function of the sweep and the index. */
    public Trial trial(int index) {
        return Trial.of(this, index);
    }

    /**
     * The hyperparameters swept, in order of first appearance across the optimizers: the columns of
     * {@code sweep.csv} between the optimizer and the shared axes.
     */
    public List<String> hyperparameters() {
        Set<String> names = new LinkedHashSet<>();
        spec.optimizers().forEach(o -> names.addAll(o.grid().keySet()));
        return new ArrayList<>(names);
    }

    /** The sweep as JSON with its base experiment inline and every grid as its values; {@link #parse} reads it. */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sweep " + spec.name(), e);
        }
    }

    /**
     * A seed of replicate {@code replicate}: SplitMix64 (Steele, Lea and Flood 2014) of the sweep's seed and the
     * replicate's stream ({@code stream} 0 = network, 1 = batch order), cut to 31 bits so it reads well in a CSV.
     * Never the worker's: a retried or moved trial draws the same.
     */
    static long derivedSeed(long sweepSeed, int replicate, int stream) {
        long z = sweepSeed + 0x9E3779B97F4A7C15L * (2L * replicate + stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z >>> 33;
    }
}
