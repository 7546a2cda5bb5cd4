package org.normlab.sim.probe;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A sink that keeps every value, for tests to read back. */
final class Recorded implements Sink {
    private final Map<String, TreeMap<Long, Double>> series = new HashMap<>();

    @Override
    public void append(String key, long step, double value) {
        series.computeIfAbsent(key, k -> new TreeMap<>()).put(step, value);
    }

    boolean has(String key, long step) {
        return series.containsKey(key) && series.get(key).containsKey(step);
    }

    double value(String key, long step) {
        if (!has(key, step)) {
            throw new AssertionError("no value of '" + key + "' at step " + step + "; recorded: " + series.keySet());
        }
        return series.get(key).get(step);
    }

    int size() {
        return series.values().stream().mapToInt(Map::size).sum();
    }
}
