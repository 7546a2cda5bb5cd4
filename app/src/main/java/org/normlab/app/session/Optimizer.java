package org.normlab.app.session;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.normlab.sim.optim.DecayMask;
import org.normlab.sim.optim.Optimizers;
import org.normlab.sim.optim.Transform;

/** The optimizers a lab run can use: the engine's recipes ({@link Optimizers}) that need no more than η. */
public enum Optimizer {
    SGD("sgd", Optimizers::sgd),
    MOMENTUM("momentum", Optimizers::momentum),
    NESTEROV("nesterov", Optimizers::nesterov),
    SGD_WEIGHT_DECAY("sgd+wd", learningRate -> Optimizers.sgdWeightDecay(learningRate, DecayMask.WEIGHTS)),
    ADAM("adam", Optimizers::adam);

    private final String label;
    private final DoubleFunction<Transform> recipe;

    Optimizer(String label, DoubleFunction<Transform> recipe) {
        this.label = label;
        this.recipe = recipe;
    }

    /** The short name shown and accepted by the lab, e.g. {@code sgd+wd}. */
    public String label() {
        return label;
    }

    /** A new transform with learning rate η and the recipe's defaults for everything else. */
    public Transform recipe(double learningRate) {
        return recipe.apply(learningRate);
    }

    public static Optional<Optimizer> byLabel(String label) {
        return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst();
    }

    /** Every label, for messages: {@code sgd, momentum, …}. */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(Optimizer::label).toList());
    }
}
