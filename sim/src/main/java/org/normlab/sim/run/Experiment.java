package org.normlab.sim.run;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.optim.Hyperparameters;

/**
 * One experiment as its JSON file describes it: a data set, a network, how long and on which batches to train it,
 * the runs that race on it (each an optimizer with its hyperparameters and scheduled changes), the probe set and how
 * often to evaluate. {@link ExperimentFile} reads it strictly and fills in defaults; each record checks its own
 * ranges and names the offending field, which the reader prefixes with the section's path.
 *
 * @param name        short name (letters, digits, {@code . _ -})
 * @param description what the experiment shows and what to look for (free text)
 * @param runs        the runs of the race, at least one, with distinct names: all start from the same initial
 *                    weights and see the same batches
 */
public record Experiment(String name, String description, DataSpec data, NetworkSetup network, Training training,
                         List<RunSetup> runs, ProbeSetup probe, Logging logging) {

    public Experiment {
        requireName(name, "name");
        Objects.requireNonNull(description, "description");
        requireSection(data, "data");
        requireSection(network, "network");
        requireSection(training, "training");
        requireSection(probe, "probe");
        requireSection(logging, "logging");
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs must be a non-empty array of runs");
        }
        runs = List.copyOf(runs);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            RunSetup run = runs.get(i);
            if (!names.add(run.name())) {
                throw new IllegalArgumentException("runs[" + i + "].name '" + run.name()
                        + "' is taken by an earlier run; names must be distinct");
            }
            Optional<Normalization> needed = run.optimizer().requiredNormalization();
            if (needed.isPresent() && needed.get() != network.normalization()) {
                throw new IllegalArgumentException("runs[" + i + "].optimizer " + run.optimizer().label()
                        + " needs network.normalization " + word(needed.get()) + ", was "
                        + word(network.normalization()));
            }
        }
    }

    private static String word(Normalization normalization) {
        return Json.mapper().convertValue(normalization, String.class);
    }

    private static void requireName(String name, String field) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(field + " must be a non-empty string of letters, digits, '.', '_' "
                    + "and '-'" + (name == null ? "" : ", was '" + name + "'"));
        }
    }

    /** The run named {@code name}. */
    public RunSetup run(String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run '" + name + "'"));
    }

    /** This experiment with only the runs named, in the given order (e.g. one run of a race alone). */
    public Experiment withRuns(String... names) {
        return new Experiment(name, description, data, network, training,
                Arrays.stream(names).map(this::run).toList(), probe, logging);
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
     * @param steps      optimizer steps each run takes, >= 1
     * @param batchSize  examples per step; 0 = the whole training set (full-batch gradient descent)
     * @param orderSeed  seed of the batch order (the same for every run of a race)
     */
    public record Training(int steps, int batchSize, long orderSeed) {
        public Training {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be an integer >= 1, was " + steps);
            }
            if (batchSize < 0) {
                throw new IllegalArgumentException("batchSize must be >= 0 (0 = full batch), was " + batchSize);
            }
        }
    }

    /**
     * One run of the race.
     *
     * @param name      short name (letters, digits, {@code . _ -}): the metrics' {@code run} column and its folder
     * @param optimizer the optimizer and its initial hyperparameters
     * @param changes   hyperparameter values set during training (may be omitted); several changes at one step
     *                  apply in the order given
     */
    public record RunSetup(String name, OptimizerSetup optimizer, List<Change> changes) {
        public RunSetup {
            requireName(name, "name");
            requireSection(optimizer, "optimizer");
            changes = changes == null ? List.of() : List.copyOf(changes);
            Hyperparameters check = optimizer.transform(OptimizerSetup.Binding.NONE).hyperparameters();
            for (int i = 0; i < changes.size(); i++) {
                Change c = changes.get(i);
                try {
                    check.set(c.name(), c.value());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("changes[" + i + "]: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * A scheduled hyperparameter change: from step {@code step + 1} on (after {@code step} steps), {@code name} is
     * {@code value}.
     */
    public record Change(long step, String name, double value) {
        public Change {
            if (step < 0) {
                throw new IllegalArgumentException("step must be an integer >= 0, was " + step);
            }
            if (name == null) {
                throw new IllegalArgumentException("name is required (a hyperparameter of the run's optimizer)");
            }
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

}
