package org.normlab.app.session;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.Tour;
import org.normlab.sim.run.OptimizerSetup;

/**
 * A whole race before it starts, as the lab edits it: an engine {@link Experiment} taken apart into the pieces the
 * window changes one at a time. Checked by building the experiment, so a message is the engine's own.
 *
 * @param name        the experiment's name
 * @param description what the race shows and what to look for
 * @param data        the data set and its preparation
 * @param network     the network without its input and output sizes (they come from the data)
 * @param training    steps, batch size (0 = full batch, checked against the training set when the race starts) and
 *                    the batch order's seed, shared by every run
 * @param probe       the probe set diagnostics measure on
 * @param probes      the diagnostics every run measures, and how often
 * @param evaluateEvery  steps between probe-set loss and accuracy, >= 1
 * @param runs        at least one, names distinct; every run starts from the same initial weights
 * @param tour        the experiment file's guided tour, or null; a setup with other runs has none
 */
public record RaceSetup(String name, String description, DataSpec data, Experiment.NetworkSetup network,
                        Experiment.Training training, Experiment.ProbeSetup probe, Experiment.ProbesSetup probes,
                        int evaluateEvery, List<Experiment.RunSetup> runs, Tour tour) {

    public RaceSetup {
        runs = runs == null ? null : List.copyOf(runs);
        new Experiment(name, description, data, network, training, runs, probe, probes,
                new Experiment.Logging(evaluateEvery), tour);
    }

    /** A race without a tour. */
    public RaceSetup(String name, String description, DataSpec data, Experiment.NetworkSetup network,
                     Experiment.Training training, Experiment.ProbeSetup probe, Experiment.ProbesSetup probes,
                     int evaluateEvery, List<Experiment.RunSetup> runs) {
        this(name, description, data, network, training, probe, probes, evaluateEvery, runs, null);
    }

    /** The engine's experiment of this race. */
    public Experiment experiment() {
        return new Experiment(name, description, data, network, training, runs, probe, probes,
                new Experiment.Logging(evaluateEvery), tour);
    }

    /** This race with its runs advancing together or not ({@code training.lockstep}). */
    public RaceSetup withLockstep(boolean on) {
        return new RaceSetup(name, description, data, network, training.withLockstep(on), probe, probes,
                evaluateEvery, runs, tour);
    }

    /** The race an experiment file describes: its data, network, steps, batches, probe set, cadence and runs. */
    public static RaceSetup of(Experiment e) {
        return new RaceSetup(e.name(), e.description(), e.data(), e.network(), e.training(), e.probe(),
                e.probes(), e.logging().evaluateEvery(), e.runs(), e.tour());
    }

    /**
     * The lab's opening race: SGD, momentum, SGD with weight decay (η = 0.1 each) and Adam (η = 0.01) train a
     * batch-normalized ReLU MLP 2→32→32→2 on 1000 noisy spirals for 100k steps, batches of 64, diagnostics every 50
     * steps.
     */
    public static RaceSetup spirals() {
        // Embedded into 8 dimensions, so the first layer's inputs have an exact null space and the orthogonal-noise
        // chart has something to show: constant under SGD, shrinking under weight decay.
        return new RaceSetup("spirals-lab", "Four optimizers on two spirals embedded in 8 dimensions, from identical "
                + "weights and batches.",
                DataSpec.defaults(DataKind.SPIRALS).withSeed(1).withEmbedDimension(8),
                network(List.of(32, 32), Activation.RELU, Normalization.BATCH_NORM),
                new Experiment.Training(100_000, 64, 1), new Experiment.ProbeSetup(800, 1), standardProbes(), 50,
                List.of(run("sgd", OptimizerSetup.Recipe.SGD, 0.1),
                        run("momentum", OptimizerSetup.Recipe.MOMENTUM, 0.1), run("sgd-wd", OptimizerSetup.Recipe.SGD_WD, 0.1),
                        run("adam", OptimizerSetup.Recipe.ADAM, 0.01)));
    }

    /**
     * A run of {@code recipe} at learning rate η with the recipe's defaults for the rest; a wrapper (MimicNorm, the
     * periodic-sampling methods) wraps plain SGD at η.
     *
     * @throws IllegalArgumentException with the engine's message, e.g. for a name it refuses or a negative η
     */
    public static Experiment.RunSetup run(String name, OptimizerSetup.Recipe recipe, double learningRate) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("name", recipe.word());
        if (recipe.wraps()) {
            json.set("inner", sgdJson(learningRate));
        } else {
            json.put("learningRate", learningRate);
        }
        return new Experiment.RunSetup(name, OptimizerSetup.fromJson(json), List.of());
    }

    private static ObjectNode sgdJson(double learningRate) {
        return JsonNodeFactory.instance.objectNode().put("name", "sgd").put("learningRate", learningRate);
    }

    /**
     * Every standard probe family ({@link Probes.Family#standard}) at the standard cadence
     * ({@link org.normlab.sim.probe.Cadence#standard}), curvature in train-mode BatchNorm; loss and accuracy are not a
     * family, the run evaluates them every {@code evaluateEvery} steps.
     */
    public static Experiment.ProbesSetup standardProbes() {
        List<Probes.Family> families = Arrays.stream(Probes.Family.values())
                .filter(f -> f != Probes.Family.LOSS_AND_ACCURACY && f.standard()).toList();
        return new Experiment.ProbesSetup(families, BatchNormMode.TRAIN, 0, 0, 0, Lanczos.DEFAULT_TOLERANCE);
    }

    /** A network with the engine's defaults for everything but widths, activation and normalization; seed 1. */
    public static Experiment.NetworkSetup network(List<Integer> widths, Activation activation,
                                                  Normalization normalization) {
        return new Experiment.NetworkSetup(widths, activation, normalization, Initialization.HE,
                LossFunction.CROSS_ENTROPY, NetworkSpec.DEFAULT_BN_EPSILON, 0, 1);
    }

    /** This race with runs {@code r} instead of its own, without its tour (which names its runs). */
    public RaceSetup withRuns(List<Experiment.RunSetup> r) {
        return new RaceSetup(name, description, data, network, training, probe, probes, evaluateEvery, r);
    }
}
