package org.normlab.app.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.normlab.sim.optim.Transform;

/**
 * One run of a race before it starts: a name, an optimizer and the hyperparameters that differ from the recipe's
 * defaults. Checked against the optimizer's own domains, so a message names the hyperparameter and its range.
 *
 * @param name            unique within the race: letters, digits, spaces and {@code . _ - + = η}
 * @param optimizer       the recipe
 * @param hyperparameters values by name; {@code learningRate} is required
 */
public record RunSetup(String name, Optimizer optimizer, Map<String, Double> hyperparameters) {
    public static final String LEARNING_RATE = "learningRate";

    public RunSetup {
        if (name == null || !name.matches("[\\p{L}\\p{N} ._+=-]+") || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty string of letters, digits, spaces and"
                    + " . _ - + =" + (name == null ? "" : ", was '" + name + "'"));
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be one of " + Optimizer.labels());
        }
        if (hyperparameters == null || !hyperparameters.containsKey(LEARNING_RATE)) {
            throw new IllegalArgumentException(LEARNING_RATE + " is required");
        }
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        build(optimizer, hyperparameters);
    }

    /** A run of {@code optimizer} with learning rate η and the recipe's defaults. */
    public static RunSetup of(String name, Optimizer optimizer, double learningRate) {
        return new RunSetup(name, optimizer, Map.of(LEARNING_RATE, learningRate));
    }

    /** A new transform with these hyperparameters. */
    public Transform transform() {
        return build(optimizer, hyperparameters);
    }

    private static Transform build(Optimizer optimizer, Map<String, Double> hyperparameters) {
        Transform transform = optimizer.recipe(hyperparameters.get(LEARNING_RATE));
        hyperparameters.forEach(transform::with);
        return transform;
    }
}
