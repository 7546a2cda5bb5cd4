package org.normlab.sim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.Json;
import org.normlab.sim.run.OptimizerSetup;

/**
 * One trial of a sweep: where it sits on the sweep's axes, and the experiment it trains — the base experiment with
 * one run, named after its optimizer, and the axes' values set.
 *
 * @param index           its number in the sweep, from 0
 * @param optimizer       the name of its optimizer in the sweep
 * @param hyperparameters the swept hyperparameters' values, in the optimizer's grid order
 * @param batchSize       the batch size, or null if not an axis
 * @param width           every hidden layer's width, or null if not an axis
 * @param replicate       its replicate, from 0
 * @param networkSeed     the seed of its initial weights
 * @param orderSeed       the seed of its batch order
 */
public record Trial(int index, String optimizer, Map<String, Double> hyperparameters, Integer batchSize,
                    Integer width, int replicate, long networkSeed, long orderSeed, Experiment experiment) {

    /** The trial's folder in the sweep's {@code trials/}: its number, zero-padded so folders sort in order. */
    public String folder() {
        return folder(index);
    }

    /** The folder of trial {@code index}. */
    public static String folder(int index) {
        return String.format(Locale.ROOT, "trial-%05d", index);
    }

    /** "trial 17 (sgd, learningRate 2.0, replicate 0)": how a message names the trial. */
    public String describe() {
        List<String> parts = new ArrayList<>(List.of(optimizer));
        hyperparameters.forEach((name, value) -> parts.add(name + " " + value));
        if (batchSize != null) {
            parts.add("batchSize " + batchSize);
        }
        if (width != null) {
            parts.add("width " + width);
        }
        parts.add("replicate " + replicate);
        return "trial " + index + " (" + String.join(", ", parts) + ")";
    }

    static Trial of(Sweep sweep, int index) {
        int o = sweep.optimizerOf(index);
        Sweep.Spec spec = sweep.spec();
        Sweep.OptimizerAxes axes = spec.optimizers().get(o);
        Sweep.Axes shared = spec.grid();
        int rest = index - sweep.start(o);
        int replicate = rest % spec.seeds();
        rest /= spec.seeds();
        // Innermost first: the shared axes in reverse, then the optimizer's grid in reverse.
        Double orderSeed = take(shared.orderSeed(), rest);
        rest /= count(shared.orderSeed());
        Double networkSeed = take(shared.networkSeed(), rest);
        rest /= count(shared.networkSeed());
        Double width = take(shared.width(), rest);
        rest /= count(shared.width());
        Double batchSize = take(shared.batchSize(), rest);
        rest /= count(shared.batchSize());
        List<String> names = new ArrayList<>(axes.grid().keySet());
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = names.size() - 1; i >= 0; i--) {
            Grid grid = axes.grid().get(names.get(i));
            values.put(names.get(i), grid.get(rest % grid.size()));
            rest /= grid.size();
        }
        Map<String, Double> hyperparameters = new LinkedHashMap<>();
        names.forEach(n -> hyperparameters.put(n, values.get(n)));
        long network = networkSeed != null ? networkSeed.longValue() : Sweep.derivedSeed(spec.seed(), replicate, 0);
        long order = orderSeed != null ? orderSeed.longValue() : Sweep.derivedSeed(spec.seed(), replicate, 1);
        Integer batch = batchSize == null ? null : batchSize.intValue();
        Integer hidden = width == null ? null : width.intValue();
        // Its place on the axes first; the experiment is built from it.
        Trial place = new Trial(index, axes.name(), hyperparameters, batch, hidden, replicate, network, order, null);
        return new Trial(index, axes.name(), hyperparameters, batch, hidden, replicate, network, order,
                place.build(sweep, axes));
    }

    private static Double take(Grid grid, int rest) {
        return grid == null ? null : grid.get(rest % grid.size());
    }

    private static int count(Grid grid) {
        return grid == null ? 1 : grid.size();
    }

    /** The base experiment with this trial's run and values, checked as an experiment file is. */
    private Experiment build(Sweep sweep, Sweep.OptimizerAxes axes) {
        ObjectNode json = ((ObjectNode) sweep.spec().experiment()).deepCopy();
        ObjectNode run;
        if (axes.run() != null) {
            run = Json.mapper().valueToTree(sweep.base().run(axes.run()));
            run.put("name", axes.name());
        } else {
            run = Json.mapper().createObjectNode().put("name", axes.name());
            run.set("optimizer", axes.optimizer().deepCopy());
        }
        hyperparameters.forEach((name, value) -> set((ObjectNode) run.get("optimizer"), name, value));
        json.putArray("runs").add(run);
        List<ObjectNode> networks = new ArrayList<>(List.of(section(json, "network")));
        if (run.get("network") instanceof ObjectNode own) {
            networks.add(own);
        }
        for (ObjectNode network : networks) {
            network.put("seed", networkSeed);
            if (width != null) {
                ArrayNode widths = Json.mapper().createArrayNode();
                network.path("hiddenWidths").forEach(w -> widths.add(width));
                network.set("hiddenWidths", widths);
            }
        }
        ObjectNode training = section(json, "training");
        training.put("orderSeed", orderSeed);
        if (batchSize != null) {
            training.put("batchSize", batchSize);
        }
        try {
            return ExperimentFile.parse(Json.mapper().writeValueAsString(json), describe());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(describe() + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode section(ObjectNode json, String name) {
        return json.get(name) instanceof ObjectNode section ? section : json.putObject(name);
    }

    /**
     * Sets hyperparameter {@code name} where the optimizer holds it: on the optimizer itself, else on the optimizer
     * it wraps ({@code inner}), and so on.
     */
    private static void set(ObjectNode optimizer, String name, double value) {
        for (ObjectNode o = optimizer; o != null; o = o.get("inner") instanceof ObjectNode inner ? inner : null) {
            OptimizerSetup setup;
            try {
                setup = Json.mapper().treeToValue(o, OptimizerSetup.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            boolean own = Arrays.stream(setup.getClass().getRecordComponents())
                    .anyMatch(c -> c.getName().equals(name));
            if (own) {
                o.put(name, value);
                return;
            }
        }
        throw new IllegalStateException("no field " + name + " in " + optimizer);
    }

    /** The trial's coordinates as {@code sweep.csv} cells, in the order of {@link SweepFolder#coordinateColumns}. */
    List<String> coordinates(Sweep sweep) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(index), optimizer));
        for (String name : sweep.hyperparameters()) {
            Double value = hyperparameters.get(name);
            cells.add(value == null ? "" : value.toString());
        }
        if (sweep.spec().grid().batchSize() != null) {
            cells.add(batchSize.toString());
        }
        if (sweep.spec().grid().width() != null) {
            cells.add(width.toString());
        }
        cells.addAll(List.of(Integer.toString(replicate), Long.toString(networkSeed), Long.toString(orderSeed)));
        return cells;
    }
}
