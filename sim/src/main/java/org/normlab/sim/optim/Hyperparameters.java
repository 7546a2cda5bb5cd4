package org.normlab.sim.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hyperparameters of a transform by name, in chain order. Names are unique within one optimizer, so the UI, the
 * experiment file and the CSV events address them as plain strings ({@code learningRate}, {@code momentum}, …).
 * Besides each one's own domain, a stage may declare {@link Rule}s that relate several (a sampling interval within
 * its period); every value set is checked against both.
 */
public final class Hyperparameters {
    private final Map<String, Hyperparameter> byName;
    private final List<Rule> rules;

    /** A relation between hyperparameters that their own domains cannot express. */
    @FunctionalInterface
    public interface Rule {
        /**
         * What is wrong with {@code values}, if anything: one line naming {@code changed} (the hyperparameter being
         * set, or null when all are set at once) and its allowed range given the others.
         */
        Optional<String> problem(Map<String, Double> values, String changed);
    }

    private Hyperparameters(Map<String, Hyperparameter> byName, List<Rule> rules) {
        this.byName = Collections.unmodifiableMap(byName);
        this.rules = List.copyOf(rules);
    }

    /** The hyperparameters of one stage. */
    public static Hyperparameters of(Hyperparameter... hyperparameters) {
        Map<String, Hyperparameter> all = new LinkedHashMap<>();
        for (Hyperparameter h : hyperparameters) {
            add(all, h);
        }
        return new Hyperparameters(all, List.of());
    }

    /** These hyperparameters, whose values must also satisfy {@code rule}. */
    public Hyperparameters requiring(Rule rule) {
        List<Rule> all = new ArrayList<>(rules);
        all.add(rule);
        return new Hyperparameters(byName, all);
    }

    /** The union of {@code parts}, in order; a name that appears twice is refused. */
    public static Hyperparameters concat(List<Hyperparameters> parts) {
        Map<String, Hyperparameter> all = new LinkedHashMap<>();
        List<Rule> rules = new ArrayList<>();
        for (Hyperparameters part : parts) {
            for (Hyperparameter h : part.byName.values()) {
                add(all, h);
            }
            rules.addAll(part.rules);
        }
        return new Hyperparameters(all, rules);
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
     * @throws IllegalArgumentException for an unknown name, a value outside the domain or one that breaks a
     *                                  {@link Rule} with the others; nothing changes then
     */
    public double set(String name, double value) {
        check(name, value);
        Hyperparameter h = get(name);
        double old = h.value();
        h.set(value);
        return old;
    }

    /**
     * Checks what {@link #set} would, without setting.
     *
     * @throws IllegalArgumentException naming the hyperparameter and its allowed range
     */
    public void check(String name, double value) {
        get(name).check(value);
        Map<String, Double> values = values();
        values.put(name, value);
        requireRules(values, name);
    }

    /**
     * Sets several values at once: the rules see them all together, so the order they are given in does not matter.
     *
     * @throws IllegalArgumentException as {@link #set}; nothing changes then
     */
    public void setAll(Map<String, Double> values) {
        Map<String, Double> all = values();
        values.forEach((name, value) -> {
            get(name).check(value);
            all.put(name, value);
        });
        requireRules(all, null);
        values.forEach((name, value) -> get(name).set(value));
    }

    private void requireRules(Map<String, Double> values, String changed) {
        for (Rule rule : rules) {
            rule.problem(values, changed).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
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
