package org.normlab.app.session;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.run.Experiment;

/**
 * A whole race before it starts: the data, the network every run trains (identical initial weights), the batch
 * order every run sees, the probe set and cadence, and the runs.
 *
 * @param data       the data set and its preparation
 * @param network    the network without its input and output sizes (they come from the data)
 * @param batchSize  examples per step, 0 = full batch; checked against the training set when the race starts
 * @param orderSeed  seed of the batch order shared by every run
 * @param probe      the probe set diagnostics measure on
 * @param probeEvery steps between diagnostics, >= 1
 * @param runs       at least one, names unique
 */
public record RaceSetup(DataSpec data, Experiment.NetworkSetup network, int batchSize, long orderSeed,
                        Experiment.ProbeSetup probe, int probeEvery, List<RunSetup> runs) {

    public RaceSetup {
        if (data == null || network == null || probe == null) {
            throw new IllegalArgumentException("data, network and probe are required");
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0 (0 = full batch), was " + batchSize);
        }
        if (probeEvery < 1) {
            throw new IllegalArgumentException("probeEvery must be an integer >= 1, was " + probeEvery);
        }
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs must hold at least one run");
        }
        runs = List.copyOf(runs);
        Set<String> names = new HashSet<>();
        for (RunSetup run : runs) {
            if (!names.add(run.name())) {
                throw new IllegalArgumentException("run names must be unique, '" + run.name() + "' appears twice");
            }
        }
    }

    /**
     * The lab's opening race: SGD, momentum, SGD with weight decay (η = 0.1 each) and Adam (η = 0.01) train a
     * batch-normalized ReLU MLP 2→32→32→2 on 1000 noisy spirals, batches of 64, diagnostics every 50 steps.
     */
    public static RaceSetup spirals() {
        return new RaceSetup(DataSpec.defaults(DataKind.SPIRALS).withSeed(1),
                network(List.of(32, 32), Activation.RELU, Normalization.BATCH_NORM), 64, 1,
                new Experiment.ProbeSetup(800, 1), 50,
                List.of(RunSetup.of("sgd", Optimizer.SGD, 0.1), RunSetup.of("momentum", Optimizer.MOMENTUM, 0.1),
                        RunSetup.of("sgd+wd", Optimizer.SGD_WEIGHT_DECAY, 0.1),
                        RunSetup.of("adam", Optimizer.ADAM, 0.01)));
    }

    /** The race an experiment file describes: its data, network, batches and probe set, its one run. */
    public static RaceSetup of(Experiment experiment) {
        Experiment.Training training = experiment.training();
        // The stand-in session races SGD only: the file's first run's learning rate (its default when not given).
        double learningRate = experiment.runs().get(0).optimizer().hyperparameters().getOrDefault("learningRate",
                0.1);
        RunSetup run = RunSetup.of("sgd", Optimizer.SGD, learningRate);
        return new RaceSetup(experiment.data(), experiment.network(), training.batchSize(), training.orderSeed(),
                experiment.probe(), experiment.logging().evaluateEvery(), List.of(run));
    }

    /** A network with the engine's defaults for everything but widths, activation and normalization; seed 1. */
    public static Experiment.NetworkSetup network(List<Integer> widths, Activation activation,
                                                  Normalization normalization) {
        return new Experiment.NetworkSetup(widths, activation, normalization, Initialization.HE,
                LossFunction.CROSS_ENTROPY, NetworkSpec.DEFAULT_BN_EPSILON, 0, 1);
    }

    public RaceSetup withData(DataSpec d) {
        return new RaceSetup(d, network, batchSize, orderSeed, probe, probeEvery, runs);
    }

    public RaceSetup withNetwork(Experiment.NetworkSetup n) {
        return new RaceSetup(data, n, batchSize, orderSeed, probe, probeEvery, runs);
    }

    public RaceSetup withProbeEvery(int every) {
        return new RaceSetup(data, network, batchSize, orderSeed, probe, every, runs);
    }

    public RaceSetup withRuns(List<RunSetup> r) {
        return new RaceSetup(data, network, batchSize, orderSeed, probe, probeEvery, r);
    }
}
