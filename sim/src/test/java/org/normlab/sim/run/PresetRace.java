package org.normlab.sim.run;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.BatchNormMode;

/**
 * A shipped preset of {@code assets/presets}, shortened for a test by replacing some of its fields, raced in memory:
 * every run's minibatch loss ({@code train.loss}), its eval-mode probe-set loss every {@code logging.evaluateEvery}
 * steps ({@code probe.loss}) and every probe series, by run, series and step.
 */
final class PresetRace {
    static final Path PRESETS = Path.of("..", "assets", "presets");

    private final Map<String, Map<String, NavigableMap<Long, Double>>> series = new ConcurrentHashMap<>();

    private PresetRace() {
    }

    /**
     * The preset {@code name}.json, without its tour, with the fields at the JSON pointers of {@code changes} set to
     * the JSON values.
     */
    static Experiment preset(String name, Map<String, String> changes) throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(Files.readString(PRESETS.resolve(name + ".json")));
        // A shortened preset cannot hold its tour's steps; the tour is played on the preset as shipped (TourTest).
        tree.remove("tour");
        for (Map.Entry<String, String> change : changes.entrySet()) {
            JsonPointer pointer = JsonPointer.compile(change.getKey());
            JsonNode parent = tree.at(pointer.head());
            JsonNode value = Json.mapper().readTree(change.getValue());
            if (parent instanceof ArrayNode array) {
                array.set(pointer.last().getMatchingIndex(), value);
            } else {
                ((ObjectNode) parent).set(pointer.last().getMatchingProperty(), value);
            }
        }
        return ExperimentFile.parse(tree.toString(), name + ".json");
    }

    /** Races every run of {@code experiment} to its end. */
    static PresetRace race(Experiment experiment) throws InterruptedException {
        PresetRace recorded = new PresetRace();
        DataSpec.Split data = experiment.data().load(Path.of("..", "assets"));
        int evaluateEvery = experiment.logging().evaluateEvery();
        try (Race race = new Race(experiment, data.train())) {
            for (Run run : race.runs()) {
                race.listen(run.name(), new RunListener() {
                    @Override
                    public void stepped(Run r, long step) {
                        recorded.add(r.name(), Metric.TRAIN_LOSS.id(), step, r.loss());
                        if (step % evaluateEvery == 0 && !r.diverged()) {
                            recorded.add(r.name(), Metric.PROBE_LOSS.id(), step,
                                    r.network().evaluate(race.probeSet().batch(), BatchNormMode.EVAL).loss());
                        }
                    }

                    @Override
                    public void probed(Run r, String id, long step, double value) {
                        recorded.add(r.name(), id, step, value);
                    }
                });
            }
            race.start();
            race.awaitIdle();
        }
        return recorded;
    }

    private void add(String run, String id, long step, double value) {
        series.computeIfAbsent(run, r -> new ConcurrentHashMap<>()).computeIfAbsent(id, k -> new TreeMap<>())
                .put(step, value);
    }

    /** Series {@code id} of run {@code run}, step → value (empty if it was never written). */
    NavigableMap<Long, Double> series(String run, String id) {
        return series.getOrDefault(run, Map.of()).getOrDefault(id, new TreeMap<>());
    }

    /** The value of series {@code id} of run {@code run} at {@code step}. */
    double at(String run, String id, long step) {
        Double value = series(run, id).get(step);
        if (value == null) {
            throw new AssertionError("run " + run + " has no " + id + " at step " + step);
        }
        return value;
    }
}
