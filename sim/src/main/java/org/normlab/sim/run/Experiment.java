package org.normlab.sim.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.model.Params;
import org.normlab.sim.optim.Freeze;
import org.normlab.sim.optim.Hyperparameters;
import org.normlab.sim.probe.Cadence;
import org.normlab.sim.probe.Probes;

/**
 * One experiment as its JSON file describes it: a data set, a network, how long and on which batches to train it,
 * the runs that race on it (each an optimizer with its hyperparameters and scheduled changes), the probe set, the
 * probes and how often to evaluate. {@link ExperimentFile} reads it strictly and fills in defaults; each record checks its own
 * ranges and names the offending field, which the reader prefixes with the section's path.
 *
 * @param name        short name (letters, digits, {@code . _ -}; not {@code .} or {@code ..})
 * @param description what the experiment shows and what to look for (free text)
 * @param runs        the runs of the race, at least one, with distinct names: all start from the same initial
 *                    weights and see the same batches
 * @param tour        the guided tour of the experiment, or null; checked against the rest ({@link TourCheck})
 */
public record Experiment(String name, String description, DataSpec data, NetworkSetup network, Training training,
                         List<RunSetup> runs, ProbeSetup probe, ProbesSetup probes, Logging logging,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Tour tour) {

    public Experiment {
        requireName(name, "name");
        Objects.requireNonNull(description, "description");
        requireSection(data, "data");
        requireSection(network, "network");
        requireSection(training, "training");
        requireSection(probe, "probe");
        requireSection(probes, "probes");
        requireSection(logging, "logging");
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs must be a non-empty array of runs");
        }
        runs = List.copyOf(runs);
        for (int i = 0; i < logging.checkpointAt().size(); i++) {
            if (logging.checkpointAt().get(i) > training.steps()) {
                throw new IllegalArgumentException("logging.checkpointAt[" + i + "] must be at most training.steps ("
                        + training.steps() + "), was " + logging.checkpointAt().get(i));
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            RunSetup run = runs.get(i);
            if (!names.add(run.name())) {
                throw new IllegalArgumentException("runs[" + i + "].name '" + run.name()
                        + "' is taken by an earlier run; names must be distinct");
            }
            Normalization normalization = run.network(network).normalization();
            String where = run.network() == null ? "network" : "runs[" + i + "].network";
            Optional<Normalization> needed = run.optimizer().requiredNormalization();
            if (needed.isPresent() && needed.get() != normalization) {
                throw new IllegalArgumentException("runs[" + i + "].optimizer " + run.optimizer().label()
                        + " needs " + where + ".normalization " + word(needed.get()) + ", was "
                        + word(normalization));
            }
            if (run.rescale().gamma() != 1 && normalization != Normalization.BATCH_NORM) {
                throw new IllegalArgumentException("runs[" + i + "].rescale.gamma needs " + where
                        + ".normalization batch_norm (there is no γ to scale), was " + word(normalization));
            }
            requireNormalizableBatches(run, run.network(network), training, "runs[" + i + "]", where);
            try {
                Freeze.of(run.freeze(), Network.layout(run.network(network).toSpec(1, 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("runs[" + i + "]." + e.getMessage(), e);
            }
        }
        if (tour != null) {
            TourCheck.requireFits(tour, new Experiment(name, description, data, network, training, runs, probe,
                    probes, logging));
        }
    }

    /** An experiment without a tour. */
    public Experiment(String name, String description, DataSpec data, NetworkSetup network, Training training,
                      List<RunSetup> runs, ProbeSetup probe, ProbesSetup probes, Logging logging) {
        this(name, description, data, network, training, runs, probe, probes, logging, null);
    }

    /**
     * Every batch size the run will train with that is known without the data (a full batch is checked by the run)
     * must fit its network's BatchNorm ({@link NetworkSpec#normalizes}).
     */
    private static void requireNormalizableBatches(RunSetup run, NetworkSetup network, Training training,
                                                   String path, String where) {
        // BatchNorm's batches do not depend on the input and output sizes.
        NetworkSpec spec = network.toSpec(1, 1);
        if (training.batchSize() > 0) {
            spec.requireGhostBatchFits(training.batchSize(), "training.batchSize", where);
        }
        for (int j = 0; j < run.changes().size(); j++) {
            Change change = run.changes().get(j);
            if (change.name().equals(Run.BATCH_SIZE) && change.value() > 0) {
                spec.requireBatch((int) change.value(), path + ".changes[" + j + "]: " + Run.BATCH_SIZE, where);
            }
        }
    }

    private static String word(Normalization normalization) {
        return Json.mapper().convertValue(normalization, String.class);
    }

    /**
     * The one check of a name that becomes a file name (a run's folder): one plain name component, so no name —
     * {@code ..}, {@code .}, a separator — leads out of or onto the output folder. Experiment files are shared, so
     * names are untrusted; the lab's runs are checked here too.
     */
    private static void requireName(String name, String field) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(field + " must be one plain file name: letters, digits, '.', '_' "
                    + "and '-', not '.' or '..'" + (name == null ? "" : ", was '" + printable(name) + "'"));
        }
    }

    /** {@code text} with control characters escaped, so a message stays one line. */
    private static String printable(String text) {
        return text.codePoints().mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c)
                : Character.toString(c)).collect(Collectors.joining());
    }

    /** The run named {@code name}. */
    public RunSetup run(String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run '" + name + "'"));
    }

    /** This experiment with only the runs named, in the given order (e.g. one run of a race alone), without its tour. */
    public Experiment withRuns(String... names) {
        return withRunSetups(Arrays.stream(names).map(this::run).toList());
    }

    /** This experiment with {@code runs} instead of its own, without its tour (which names its runs). */
    public Experiment withRunSetups(List<RunSetup> runs) {
        return new Experiment(name, description, data, network, training, runs, probe, probes, logging);
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
     * @param lockstep   whether the runs advance together, none more than a few steps ahead of the slowest and all
     *                   paused at one step ({@link Race#lockstep}); what each run computes does not depend on it.
     *                   Written only when on.
     */
    public record Training(int steps, int batchSize, long orderSeed,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean lockstep) {
        public Training {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be an integer >= 1, was " + steps);
            }
            BatchSize.requireWhole(batchSize, "batchSize");
        }

        /** Runs at their own pace. */
        public Training(int steps, int batchSize, long orderSeed) {
            this(steps, batchSize, orderSeed, false);
        }

        public Training withLockstep(boolean on) {
            return new Training(steps, batchSize, orderSeed, on);
        }
    }

    /**
     * One run of the race.
     *
     * @param name      short name (letters, digits, {@code . _ -}; not {@code .} or {@code ..}): the metrics'
     *                  {@code run} column and its folder
     * @param optimizer the optimizer and its initial hyperparameters
     * @param changes   hyperparameter values set during training (may be omitted); several changes at one step
     *                  apply in the order given
     * @param network   this run's network, or null for the experiment's (in the file: any network fields, laid over
     *                  the experiment's); a different seed or architecture gives this run other initial weights
     * @param rescale   multipliers applied to this run's freshly initialized network
     * @param schedule  the learning-rate schedule, a factor on the optimizer's {@code learningRate} (which changes
     *                  set as the base), or null for none (the same as constant, but no learning-rate series)
     * @param freeze    tensors (names or groups of {@link Freeze}) the optimizer never changes; may be omitted
     */
    public record RunSetup(String name, OptimizerSetup optimizer, List<Change> changes,
                           @JsonInclude(JsonInclude.Include.NON_NULL) NetworkSetup network, Rescale rescale,
                           @JsonInclude(JsonInclude.Include.NON_NULL) LearningRateSchedule schedule,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> freeze) {
        public RunSetup {
            requireName(name, "name");
            requireSection(optimizer, "optimizer");
            requireSection(rescale, "rescale");
            changes = changes == null ? List.of() : List.copyOf(changes);
            freeze = freeze == null ? List.of() : List.copyOf(freeze);
            Change.replay(changes, optimizer.transform(OptimizerSetup.Binding.NONE).hyperparameters(),
                    batchSize -> BatchSize.requireWhole(batchSize, Run.BATCH_SIZE));
            if (schedule != null && !optimizer.transform(OptimizerSetup.Binding.NONE).hyperparameters().values()
                    .containsKey(OptimizerSetup.LEARNING_RATE)) {
                throw new IllegalArgumentException("schedule needs an optimizer with a learningRate; "
                        + optimizer.label() + " has none");
            }
        }

        /** A run of {@code optimizer} on the experiment's network, as initialized, without schedule or freeze. */
        public RunSetup(String name, OptimizerSetup optimizer, List<Change> changes, NetworkSetup network,
                        Rescale rescale) {
            this(name, optimizer, changes, network, rescale, null, List.of());
        }

        /** A run of {@code optimizer} on the experiment's network, as initialized. */
        public RunSetup(String name, OptimizerSetup optimizer, List<Change> changes) {
            this(name, optimizer, changes, null, Rescale.NONE);
        }

        /** This run with {@code changes} instead of its own, everything else kept. */
        public RunSetup withChanges(List<Change> changes) {
            return new RunSetup(name, optimizer, changes, network, rescale, schedule, freeze);
        }

        /** This run with learning-rate schedule {@code schedule} (null: none), everything else kept. */
        public RunSetup withSchedule(LearningRateSchedule schedule) {
            return new RunSetup(name, optimizer, changes, network, rescale, schedule, freeze);
        }

        /** This run's network: its own, or else {@code experimentNetwork}. */
        public NetworkSetup network(NetworkSetup experimentNetwork) {
            return network == null ? experimentNetwork : network;
        }
    }

    /**
     * Multipliers applied to a run's network right after initialization (before any optimizer sees it): to start
     * from a rescaled w₀ (PSI-SGD is invariant to it, SGD is not) or to set BatchNorm's γ.
     *
     * @param hiddenWeights c &gt; 0: the weights W_l of every hidden Linear layer (not the classifier) become c·W_l;
     *                      with BatchNorm these are exactly the scale-invariant rows
     * @param gamma         every BatchNorm γ is multiplied by this (&gt; 0; it is initialized to 1), only for a
     *                      network with {@code batch_norm}
     */
    public record Rescale(double hiddenWeights, double gamma) {
        /** Nothing changed. */
        public static final Rescale NONE = new Rescale(1, 1);

        public Rescale {
            requirePositive(hiddenWeights, "hiddenWeights");
            requirePositive(gamma, "gamma");
        }

        private static void requirePositive(double value, String field) {
            if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(field + " must be a finite number > 0, was " + value);
            }
        }

        /** Scales the parameters of {@code network} in place. */
        public void apply(Network network) {
            Params params = network.params();
            List<Params.Tensor> weights = params.tensors().stream()
                    .filter(t -> t.role() == Params.Role.WEIGHT).toList();
            for (Params.Tensor t : weights.subList(0, weights.size() - 1)) {
                params.view(network.theta(), t).muli(hiddenWeights);
            }
            for (Params.Tensor t : params.tensors()) {
                if (t.role() == Params.Role.BN_SCALE) {
                    params.view(network.theta(), t).muli(gamma);
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

        /**
         * Plays {@code changes} in the order a run applies them (by step, in the given order within a step) on
         * {@code hyperparameters}, each batch size through {@code batchSize}, so a change that a run would refuse
         * mid-race is refused before it starts.
         *
         * @throws IllegalArgumentException "changes[i]: …" naming the first change refused and why
         */
        public static void replay(List<Change> changes, Hyperparameters hyperparameters, DoubleConsumer batchSize) {
            List<Integer> order = IntStream.range(0, changes.size()).boxed()
                    .sorted(Comparator.comparingLong(i -> changes.get(i).step())).toList();
            for (int i : order) {
                Change c = changes.get(i);
                try {
                    if (c.name().equals(Run.BATCH_SIZE)) {
                        batchSize.accept(c.value());
                    } else {
                        hyperparameters.set(c.name(), c.value());
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("changes[" + i + "]: " + e.getMessage(), e);
                }
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

    /**
     * The run's probes (sim/docs/math.md §4): which families, BatchNorm's mode for the curvature estimates and how often
     * each group runs. Loss and accuracy are not a family here: the run records them every
     * {@code logging.evaluateEvery} steps.
     *
     * @param families         the probe families measured, no repeats (may be empty: no probes)
     * @param batchNormMode    {@code train} (batch statistics over the probe set, as trained) or {@code eval}
     *                         (running statistics) for the sharpness and Fisher estimates
     * @param weightsEvery     steps between weight-norm and effective-learning-rate probes; 0 = the standard cadence
     * @param evaluationsEvery steps between gradient-norm and orthogonal-noise probes; 0 = the standard cadence
     * @param curvatureEvery   steps between sharpness and Fisher estimates; 0 = the standard cadence
     * @param eigenTolerance   relative error bound at which a sharpness or Fisher estimate counts as converged,
     *                         in (0, 1) (see {@link Lanczos}; default {@link Lanczos#DEFAULT_TOLERANCE})
     */
    public record ProbesSetup(List<Probes.Family> families, BatchNormMode batchNormMode, long weightsEvery,
                              long evaluationsEvery, long curvatureEvery, double eigenTolerance) {
        public ProbesSetup {
            if (families == null) {
                throw new IllegalArgumentException("families must be an array of probe families");
            }
            families = List.copyOf(families);
            if (families.contains(Probes.Family.LOSS_AND_ACCURACY)) {
                throw new IllegalArgumentException("families must not list loss_and_accuracy: the run records loss "
                        + "and accuracy every logging.evaluateEvery steps");
            }
            if (new HashSet<>(families).size() != families.size()) {
                throw new IllegalArgumentException("families must list each family at most once, was "
                        + families.stream().map(f -> Json.mapper().convertValue(f, String.class)).toList());
            }
            if (batchNormMode == null) {
                throw new IllegalArgumentException("batchNormMode must be one of train, eval");
            }
            requireInterval(weightsEvery, "weightsEvery");
            requireInterval(evaluationsEvery, "evaluationsEvery");
            requireInterval(curvatureEvery, "curvatureEvery");
            if (!(eigenTolerance > 0 && eigenTolerance < 1)) {
                throw new IllegalArgumentException("eigenTolerance must be in (0, 1) (a relative error bound, default "
                        + Lanczos.DEFAULT_TOLERANCE + "), was " + eigenTolerance);
            }
        }

        private static void requireInterval(long every, String field) {
            if (every < 0) {
                throw new IllegalArgumentException(field + " must be an integer >= 0 (0 = the standard cadence), "
                        + "was " + every);
            }
        }

        /** The standard cadence for these sizes ({@link Cadence#standard}) with this setup's intervals laid over it. */
        public Cadence cadence(int batchSize, int probeSetSize) {
            Cadence standard = Cadence.standard(batchSize, probeSetSize);
            return new Cadence(weightsEvery > 0 ? weightsEvery : standard.weights(),
                    evaluationsEvery > 0 ? evaluationsEvery : standard.evaluations(),
                    curvatureEvery > 0 ? curvatureEvery : standard.curvature());
        }
    }

    /**
     * @param evaluateEvery steps between evaluations of probe-set and test loss and accuracy, >= 1
     * @param checkpointAt  steps (0 = the initial state, at most {@code training.steps}) at which each run also writes
     *                      {@code checkpoint-STEP.json}, for {@code normlab probe}; distinct
     */
    public record Logging(int evaluateEvery, List<Long> checkpointAt) {
        public Logging {
            if (evaluateEvery < 1) {
                throw new IllegalArgumentException("evaluateEvery must be an integer >= 1, was " + evaluateEvery);
            }
            checkpointAt = List.copyOf(Objects.requireNonNull(checkpointAt, "checkpointAt"));
            for (int i = 0; i < checkpointAt.size(); i++) {
                if (checkpointAt.get(i) < 0 || checkpointAt.indexOf(checkpointAt.get(i)) < i) {
                    throw new IllegalArgumentException("checkpointAt[" + i + "] must be a step >= 0 not listed before, "
                            + "was " + checkpointAt.get(i));
                }
            }
        }

        /** Evaluations every {@code evaluateEvery} steps, no checkpoints but the final one. */
        public Logging(int evaluateEvery) {
            this(evaluateEvery, List.of());
        }
    }

}
