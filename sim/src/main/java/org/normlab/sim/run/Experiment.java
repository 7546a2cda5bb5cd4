package org.normlab.sim.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;

/**
 * One experiment as its JSON file describes it: a data set, a network, how to train it, the probe set and how often
 * to evaluate. {@link ExperimentFile} reads it strictly and fills in defaults; each record checks its own ranges and
 * names the offending field, which the reader prefixes with the section's path.
 *
 * @param name        short name (letters, digits, {@code . _ -}), written in the metrics' {@code run} column
 * @param description what the experiment shows and what to look for (free text)
 */
public record Experiment(String name, String description, DataSpec data, NetworkSetup network, Training training,
                         ProbeSetup probe, Logging logging) {

    public Experiment {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be a non-empty string of letters, digits, '.', '_' and '-'"
                    + (name == null ? "" : ", was '" + name + "'"));
        }
        Objects.requireNonNull(description, "description");
        requireSection(data, "data");
        requireSection(network, "network");
        requireSection(training, "training");
        requireSection(probe, "probe");
        requireSection(logging, "logging");
    }

    private static void requireSection(Object section, String field) {
        if (section == null) {
            throw new IllegalArgumentException(field + " is required (an object)");
        }
    }

    /**
     * The network without its input and output sizes, which come from the data. Fields as in {@link NetworkSpec}.
     */
    public record NetworkSetup(List<Integer> hiddenWidths, Activation activation, Normalization normalization,
                               Initialization initialization, LossFunction loss, double bnEpsilon,
                               int ghostBatchSize, long seed) {

        public NetworkSetup {
            if (hiddenWidths == null) {
                throw new IllegalArgumentException("hiddenWidths is required (an array of widths >= 1, may be empty)");
            }
            hiddenWidths = List.copyOf(hiddenWidths);
            // The spec checks widths, ε and ghost batch size and names the field; sizes come later from the data.
            new NetworkSpec(1, hiddenWidths, 1, activation, normalization, initialization, loss, bnEpsilon,
                    ghostBatchSize, seed);
        }

        public NetworkSpec toSpec(int inputSize, int outputSize) {
            return new NetworkSpec(inputSize, hiddenWidths, outputSize, activation, normalization, initialization,
                    loss, bnEpsilon, ghostBatchSize, seed);
        }
    }

    /**
     * @param steps      optimizer steps to take, >= 1
     * @param batchSize  examples per step; 0 = the whole training set (full-batch gradient descent)
     * @param orderSeed  seed of the batch order (the same for every run of a race)
     */
    public record Training(int steps, int batchSize, long orderSeed, Optimizer optimizer) {
        public Training {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be an integer >= 1, was " + steps);
            }
            if (batchSize < 0) {
                throw new IllegalArgumentException("batchSize must be >= 0 (0 = full batch), was " + batchSize);
            }
            requireSection(optimizer, "optimizer");
        }
    }

    /**
     * An optimizer and its hyperparameters, chosen in JSON by {@code "name"}. Adding one is a record here and a line
     * in {@link JsonSubTypes}.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "name")
    @JsonSubTypes({@JsonSubTypes.Type(value = Sgd.class, name = "sgd")})
    public sealed interface Optimizer permits Sgd {
        double learningRate();
    }

    /** Plain stochastic gradient descent {@code θ ← θ − η g}. */
    public record Sgd(double learningRate) implements Optimizer {
        public Sgd {
            requirePositive(learningRate, "learningRate");
        }
    }

    /**
     * The fixed subset of training examples that diagnostics and the checkpoint measure on.
     *
     * @param size at most this many training examples (all of them if the training set is smaller), >= 1
     * @param seed seed of the draw
     */
    public record ProbeSetup(int size, long seed) {
        public ProbeSetup {
            if (size < 1) {
                throw new IllegalArgumentException("size must be an integer >= 1, was " + size);
            }
        }
    }

    /** @param evaluateEvery steps between evaluations of probe-set and test loss and accuracy, >= 1 */
    public record Logging(int evaluateEvery) {
        public Logging {
            if (evaluateEvery < 1) {
                throw new IllegalArgumentException("evaluateEvery must be an integer >= 1, was " + evaluateEvery);
            }
        }
    }

    private static void requirePositive(double value, String field) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, was " + value);
        }
    }
}
