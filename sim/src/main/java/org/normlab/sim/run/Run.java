package org.normlab.sim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchBuffer;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.Network;
import org.normlab.sim.optim.Hyperparameter;
import org.normlab.sim.optim.Hyperparameters;
import org.normlab.sim.optim.Stepper;

/**
 * One network trained by one optimizer ({@link Stepper}) on its own stream of batches. Runs built from the same
 * experiment start from bit-identical parameters (the network's seed) and draw identical batches (each its own
 * {@link BatchOrder} with the experiment's seed). A step whose minibatch loss or gradient is not finite, or that
 * leaves a parameter that is not finite, marks the run diverged at that step; a diverged run takes no more steps
 * until it is reset (a step with a non-finite loss applies no update).
 *
 * <p>Not thread-safe: a run and its network belong to one thread (see {@link Race}).
 */
public final class Run {
    private final String name;
    private final String optimizerLabel;
    private final Network network;
    private final Dataset train;
    private final int batchSize;
    private final long orderSeed;
    private final INDArray initialTheta;
    private final List<INDArray> initialStatistics;
    private final Stepper stepper;
    private final INDArray gradient;
    private Batch fullBatch;
    private BatchBuffer batchBuffer;
    private BatchOrder order;
    private BatchOrder reestimationOrder;
    private long steps;
    private double loss = Double.NaN;
    private double gradientNorm = Double.NaN;
    private long divergedAt;

    /** The run {@code setup} of {@code experiment}, on the training set of its data. */
    public Run(Experiment experiment, Experiment.RunSetup setup, Dataset train) {
        this.name = setup.name();
        this.optimizerLabel = setup.optimizer().label();
        this.network = new Network(experiment.network().toSpec(train.dimension(), train.numClasses()));
        this.train = train;
        this.batchSize = experiment.training().batchSize();
        this.orderSeed = experiment.training().orderSeed();
        this.initialTheta = network.theta().dup();
        this.initialStatistics = network.copyRunningStatistics();
        this.gradient = network.params().zeros();
        restartOrders();
        // Built before the first forward pass: a constraint stage (MimicNorm) projects θ at initialization.
        OptimizerSetup.Binding binding = new OptimizerSetup.Binding(network, order.batchesPerEpoch(),
                this::reestimateRunningStatistics);
        this.stepper = new Stepper(setup.optimizer().transform(binding), network.params(), network.theta());
    }

    /** Takes one step and returns its minibatch loss, measured before the update. */
    public double step() {
        if (diverged()) {
            throw new IllegalStateException("run " + name + " diverged at step " + divergedAt
                    + "; it takes no more steps");
        }
        steps++;
        loss = network.lossAndGradient(nextBatch(order), gradient);
        gradientNorm = Nd4j.getBlasWrapper().level1().nrm2(gradient);
        if (!Double.isFinite(loss) || !Double.isFinite(gradientNorm)) {
            divergedAt = steps;
            return loss;
        }
        stepper.step(gradient);
        // Σ|θ_i| is finite exactly when every parameter is (short of a sum beyond 1e308, itself a divergence).
        if (!Double.isFinite(Nd4j.getBlasWrapper().level1().asum(network.theta()))) {
            divergedAt = steps;
        }
        return loss;
    }

    /**
     * Sets hyperparameter {@code name} from the next step on and returns its old value.
     *
     * @throws IllegalArgumentException for an unknown name or a value outside its domain; nothing changes then
     */
    public double set(String name, double value) {
        return stepper.hyperparameters().set(name, value);
    }

    /**
     * Checks {@code value} for hyperparameter {@code name} without setting it. Reads only the names and domains, which
     * never change, so any thread may call it.
     *
     * @throws IllegalArgumentException naming the hyperparameter and its allowed range
     */
    public void check(String name, double value) {
        Hyperparameter h = stepper.hyperparameters().get(name);
        new Hyperparameter(h.name(), h.domain(), value);
    }

    /**
     * Back to step 0: the initial parameters and BatchNorm running statistics, fresh optimizer state, the batch order
     * from its start. Hyperparameters keep their current values.
     */
    public void reset() {
        network.theta().assign(initialTheta);
        List<INDArray> statistics = new ArrayList<>();
        for (String bn : network.batchNormNames()) {
            statistics.addAll(List.of(network.runningStatistics(bn)));
        }
        for (int i = 0; i < statistics.size(); i++) {
            statistics.get(i).assign(initialStatistics.get(i));
        }
        stepper.reset();
        restartOrders();
        steps = 0;
        loss = Double.NaN;
        gradientNorm = Double.NaN;
        divergedAt = 0;
    }

    private void restartOrders() {
        order = new BatchOrder(train.size(), batchSize, orderSeed);
        // Re-estimation draws from a stream of its own, so the training batches stay those of every other run.
        reestimationOrder = new BatchOrder(train.size(), batchSize, orderSeed);
    }

    /** Batches are drawn one at a time as the network consumes them: they share one buffer. */
    private void reestimateRunningStatistics(int batches) {
        network.reestimateRunningStatistics(
                () -> IntStream.range(0, batches).mapToObj(i -> nextBatch(reestimationOrder)).iterator());
    }

    private Batch nextBatch(BatchOrder from) {
        if (!from.fullBatch()) {
            if (batchBuffer == null) {
                batchBuffer = new BatchBuffer(train, from.batchSize());
            }
            return batchBuffer.gather(from.next());
        }
        if (fullBatch == null) {
            fullBatch = Batch.of(train, from.next());
        }
        return fullBatch;
    }

    public String name() {
        return name;
    }

    /** The optimizer's recipe, e.g. {@code psi_sgd} or {@code pswa(sgd)}. */
    public String optimizerLabel() {
        return optimizerLabel;
    }

    public Network network() {
        return network;
    }

    /** The optimizer's live hyperparameters (read them on the run's thread; set them through {@link #set}). */
    public Hyperparameters hyperparameters() {
        return stepper.hyperparameters();
    }

    /** Steps taken since the start or the last reset. */
    public long steps() {
        return steps;
    }

    /** The last step's minibatch loss (NaN before the first step). */
    public double loss() {
        return loss;
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
