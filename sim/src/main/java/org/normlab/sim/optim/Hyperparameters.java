package org.normlab.sim.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters of a transform by name, in chain order. Names are unique within one optimizer, so the UI, the
 * experiment file and the CSV events address them as plain strings ({@code learningRate}, {@code momentum}, …).
 */
public final class Hyperparameters {
    private final Map<String, Hyperparameter> byName;

    private Hyperparameters(Map<String, Hyperparameter> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The hyperparameters of one stage. */
    public static Hyperparameters of(Hyperparameter... hyperparameters) {
        Map<String, Hyperparameter> all = new LinkedHashMap<>();
        for (Hyperparameter h : hyperparameters) {
            add(all, h);
        }
        return new Hyperparameters(all);
    }

    /** The union of {@code parts}, in order; a name that appears twice is refused. */
    public static Hyperparameters concat(List<Hyperparameters> parts) {
        Map<String, Hyperparameter> all = new LinkedHashMap<>();
        for (Hyperparameters part : parts) {
            for (Hyperparameter h : part.byName.values()) {
                add(all, h);
            }
        }
        return new Hyperparameters(all);
    }

    private static void add(Map<String, Hyperparameter> all, Hyperparameter h) {
        if (all.putIfAbsent(h.name(), h) != null) {
            throw new IllegalArgumentException("hyperparameter '" + h.name()
                    + "' appears twice in one optimizer; names must be unique");
        }
    }

    /** @throws IllegalArgumentException naming the unknown name and the names this optimizer has */
    public Hyperparameter get(String name) {
        Hyperparameter h = byName.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no hyperparameter '" + name + "'; this optimizer has "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
        }
        return h;
    }

    public double value(String name) {
        return get(name).value();
    }

    /**
     * Sets {@code name} from the next step on and returns its old value (for the CSV event).
     *
     * @throws IllegalArgumentException for an unknown name or a value outside the domain; nothing changes then
     */
    public double set(String name, double value) {
        Hyperparameter h = get(name);
        double old = h.value();
        h.set(value);
        return old;
    }

    /** Name → current value, in chain order (a copy). */
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        byName.forEach((name, h) -> values.put(name, h.value()));
        return values;
    }

    public List<Hyperparameter> list() {
        return new ArrayList<>(byName.values());
    }
}
