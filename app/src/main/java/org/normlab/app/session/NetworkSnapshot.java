package org.normlab.app.session;

import java.util.List;
import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.probe.StepRule;
import org.normlab.sim.run.Run;

/**
 * A paused run's network and probe set as plain Java arrays, copied on the run's thread: ND4J arrays never cross
 * threads, so whoever measures it ({@code curvature/}) rebuilds its own network on its own thread.
 *
 * @param run       the run's name
 * @param step      the steps the run had taken
 * @param spec      the network's architecture
 * @param theta     the flat parameters θ
 * @param running   every BatchNorm's running mean then variance, in layer order
 * @param probeX    the probe set's inputs, one row per example
 * @param probeY    its one-hot targets
 * @param labels    its labels
 * @param mode      BatchNorm's mode for curvature (the experiment's {@code probes.batchNormMode})
 * @param threshold the step rule's stability threshold (2/η for GD), NaN where none applies
 * @param tolerance the experiment's eigenvalue tolerance
 * @param seed      the experiment's probe seed, for the random vectors
 */
public record NetworkSnapshot(String run, long step, NetworkSpec spec, double[] theta, List<double[]> running,
                              double[][] probeX, double[][] probeY, int[] labels, BatchNormMode mode,
                              double threshold, double tolerance, long seed) {

    /** On {@code run}'s thread: its network and {@code probeSet} now. */
    static NetworkSnapshot of(Run run, Batch probeSet, RaceData race) {
        Network network = run.network();
        StepRule rule = run.stepRule();
        return new NetworkSnapshot(run.name(), run.steps(), network.spec(), network.theta().toDoubleVector(),
                network.copyRunningStatistics().stream().map(INDArray::toDoubleVector).toList(),
                probeSet.x().toDoubleMatrix(), probeSet.y().toDoubleMatrix(), probeSet.labels().clone(),
                race.experiment().probes().batchNormMode(),
                rule.hasThreshold() && !rule.preconditioned() ? rule.threshold() : Double.NaN,
                race.experiment().probes().eigenTolerance(), race.experiment().probe().seed());
    }

    /** A new network with these parameters and running statistics, its arrays on the calling thread. */
    public Network network() {
        Network network = new Network(spec);
        network.theta().assign(Nd4j.createFromArray(theta));
        List<String> names = network.batchNormNames();
        for (int i = 0; i < names.size(); i++) {
            INDArray[] statistics = network.runningStatistics(names.get(i));
            statistics[0].assign(Nd4j.createFromArray(running.get(2 * i)).reshape(statistics[0].shape()));
            statistics[1].assign(Nd4j.createFromArray(running.get(2 * i + 1)).reshape(statistics[1].shape()));
        }
        return network;
    }

    /** The probe set, its arrays on the calling thread. */
    public Batch probeSet() {
        return new Batch(Nd4j.createFromArray(probeX), Nd4j.createFromArray(probeY), labels.clone());
    }

    /** The stability threshold, if the run's step rule has one. */
    public OptionalDouble stabilityThreshold() {
        return Double.isNaN(threshold) ? OptionalDouble.empty() : OptionalDouble.of(threshold);
    }
}
