package org.normlab.sim.run;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.Network;

/**
 * One network trained by plain SGD, {@code θ ← θ − η g}, on its own stream of batches. A step whose minibatch loss
 * or gradient is not finite, or that leaves a parameter that is not finite, marks the run diverged at that step;
 * a diverged run takes no more steps (a step with a non-finite loss applies no update).
 *
 * <p>Not thread-safe: a run and its network belong to one thread.
 */
public final class Run {
    private final Network network;
    private final Dataset train;
    private final BatchOrder order;
    private final Batch fullBatch;
    private final double learningRate;
    private final INDArray gradient;
    private long steps;
    private double gradientNorm = Double.NaN;
    private long divergedAt;

    public Run(Network network, Dataset train, BatchOrder order, double learningRate) {
        this.network = network;
        this.train = train;
        this.order = order;
        this.fullBatch = order.fullBatch() ? Batch.of(train, order.next()) : null;
        this.learningRate = learningRate;
        this.gradient = network.params().zeros();
    }

    /** The run an experiment describes, on the training set of its data. */
    public static Run of(Experiment experiment, Dataset train) {
        Experiment.Training training = experiment.training();
        Network network = new Network(experiment.network().toSpec(train.dimension(), train.numClasses()));
        BatchOrder order = new BatchOrder(train.size(), training.batchSize(), training.orderSeed());
        return new Run(network, train, order, training.optimizer().learningRate());
    }

    /** Takes one step and returns its minibatch loss, measured before the update. */
    public double step() {
        if (diverged()) {
            throw new IllegalStateException("the run diverged at step " + divergedAt + "; it takes no more steps");
        }
        steps++;
        Batch batch = fullBatch != null ? fullBatch : Batch.of(train, order.next());
        double loss = network.lossAndGradient(batch, gradient);
        gradientNorm = gradient.norm2Number().doubleValue();
        if (!Double.isFinite(loss) || !Double.isFinite(gradientNorm)) {
            divergedAt = steps;
            return loss;
        }
        Nd4j.getBlasWrapper().level1().axpy(gradient.length(), -learningRate, gradient, network.theta());
        if (!Double.isFinite(network.theta().sumNumber().doubleValue())) {
            divergedAt = steps;
        }
        return loss;
    }

    public Network network() {
        return network;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** ‖g‖ of the last step's minibatch gradient (NaN before the first step). */
    public double gradientNorm() {
        return gradientNorm;
    }

    public boolean diverged() {
        return divergedAt > 0;
    }

    /** The step at which the run diverged, or 0. */
    public long divergedAt() {
        return divergedAt;
    }
}
