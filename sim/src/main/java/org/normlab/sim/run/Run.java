package org.normlab.sim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchBuffer;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.Network;
import org.normlab.sim.optim.Freeze;
import org.normlab.sim.optim.Hyperparameter;
import org.normlab.sim.optim.Hyperparameters;
import org.normlab.sim.optim.Stepper;
import org.normlab.sim.optim.Transform;
import org.normlab.sim.optim.Transforms;
import org.normlab.sim.probe.ProbeContext;
import org.normlab.sim.probe.StepRule;

/**
 * One network trained by one optimizer ({@link Stepper}) on its own stream of batches. Runs built from the same
 * experiment start from bit-identical parameters (the network's seed) and draw identical batches (each its own
 * {@link BatchOrder} with the experiment's seed). A step whose minibatch loss or gradient is not finite, or that
 * leaves a parameter that is not finite, marks the run diverged at that step; a diverged run takes no more steps
 * until it is reset (a step with a non-finite loss applies no update).
 *
 * <p>With a {@link LearningRateSchedule}, the run holds the base learning rate and sets the optimizer's
 * {@code learningRate} to {@code base·f(t)} after every step (and at step 0), so the η in force after t steps is
 * {@code η_t}; {@link #set} of {@code learningRate} sets the base. Frozen tensors ({@link Freeze}) are held by a stage
 * around the optimizer's chain.
 *
 * <p>Not thread-safe: a run and its network belong to one thread (see {@link Race}).
 */
public final class Run {
    /**
     * The run-level setting that changes like a hyperparameter: the minibatch size (0 = full batch), from the next
     * step, with a fresh seeded batch order.
     */
    public static final String BATCH_SIZE = "batchSize";

    private final String name;
    private final String optimizerLabel;
    private final Network network;
    private final Dataset train;
    private int batchSize;
    private final long orderSeed;
    private final INDArray initialTheta;
    private final List<INDArray> initialStatistics;
    private final Stepper stepper;
    private final OptimizerSetup optimizer;
    private final INDArray decayed;
    private final LearningRateSchedule schedule;
    private double baseLearningRate;
    private final INDArray gradient;
    private LongPredicate keepGradientAt = step -> false;
    private INDArray keptGradient;
    private long keptAt = -1;
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
        this.network = new Network(setup.network(experiment.network()).toSpec(train.dimension(), train.numClasses()));
        setup.rescale().apply(network);
        this.train = train;
        this.batchSize = experiment.training().batchSize();
        this.orderSeed = experiment.training().orderSeed();
        this.initialTheta = network.theta().dup();
        this.initialStatistics = network.copyRunningStatistics();
        this.gradient = network.params().zeros();
        restartOrders();
        try {
            network.spec().requireGhostBatchFits(order.batchSize(), "training.batchSize" + (batchSize == 0
                    ? " 0: the full batch" : ""), "network");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("run " + name + ", " + e.getMessage());
        }
        // Built before the first forward pass: a constraint stage (MimicNorm) projects θ at initialization.
        OptimizerSetup.Binding binding = new OptimizerSetup.Binding(network, order.batchesPerEpoch(),
                this::reestimateRunningStatistics);
        try {
            Transform transform = setup.optimizer().transform(binding);
            Freeze freeze = Freeze.of(setup.freeze(), network.params());
            this.stepper = new Stepper(freeze.isEmpty() ? transform : Transforms.frozen(freeze, transform),
                    network.params(), network.theta());
        } catch (IllegalArgumentException e) {
            // Only now is a period that defaults to one epoch known.
            throw new InvalidInputException("run " + name + ", optimizer." + e.getMessage());
        }
        this.optimizer = setup.optimizer();
        this.decayed = optimizer.decayMask(network.params());
        this.schedule = setup.schedule();
        if (schedule != null) {
            baseLearningRate = stepper.hyperparameters().value(OptimizerSetup.LEARNING_RATE);
            scheduleLearningRate();
        }
        try {
            Experiment.Change.replay(setup.changes(), setup.optimizer().transform(binding).hyperparameters(),
                    batchSize -> check(BATCH_SIZE, batchSize));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("run " + name + ", " + e.getMessage());
        }
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
        if (keepGradientAt.test(steps)) {
            keptGradient.assign(gradient);
            keptAt = steps;
        }
        stepper.step(gradient);
        // Σ|θ_i| is finite exactly when every parameter is (short of a sum beyond 1e308, itself a divergence).
        if (!Double.isFinite(Nd4j.getBlasWrapper().level1().asum(network.theta()))) {
            divergedAt = steps;
        }
        if (schedule != null && !scheduleLearningRate()) {
            divergedAt = steps;
        }
        return loss;
    }

    /**
     * Sets the optimizer's learning rate to {@code base·f(t)} for the step after the {@code t} taken; false (and
     * nothing set) if that is not a learning rate (an exponential growth overflowed).
     */
    private boolean scheduleLearningRate() {
        return scheduleLearningRate(steps);
    }

    /**
     * Under a schedule, sets the learning rate in force after {@code step} steps, {@code base·f(step)}, for a run whose
     * parameters are restored from a checkpoint of that step (it has taken no steps itself); nothing without one.
     *
     * @throws IllegalArgumentException if that is not a learning rate (an exponential growth overflowed)
     */
    public void scheduleAt(long step) {
        if (schedule != null && !scheduleLearningRate(step)) {
            throw new IllegalArgumentException("the scheduled learning rate at step " + step + " is "
                    + baseLearningRate * schedule.factor(step) + ", not a learning rate");
        }
    }

    private boolean scheduleLearningRate(long step) {
        double eta = baseLearningRate * schedule.factor(step);
        if (!stepper.hyperparameters().get(OptimizerSetup.LEARNING_RATE).domain().contains(eta)) {
            return false;
        }
        stepper.hyperparameters().set(OptimizerSetup.LEARNING_RATE, eta);
        return true;
    }

    /** The learning-rate schedule, or null for none. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /**
     * The value of setting {@code name} as {@link #set} sets it: the batch size, the base learning rate under a
     * schedule (the optimizer's {@code learningRate} is then {@code base·f(t)}), else the hyperparameter's value.
     */
    public double value(String name) {
        if (name.equals(BATCH_SIZE)) {
            return batchSize;
        }
        if (schedule != null && name.equals(OptimizerSetup.LEARNING_RATE)) {
            return baseLearningRate;
        }
        return stepper.hyperparameters().value(name);
    }

    /**
     * From now on keeps a copy of the minibatch gradient of every step {@code at} accepts (the optimizer turns its
     * own into the update): a probe reads it through {@link #keptGradient}. The copy's buffer is allocated once.
     */
    public void keepGradients(LongPredicate at) {
        if (keptGradient == null) {
            keptGradient = network.params().zeros();
        }
        keepGradientAt = at;
    }

    /** The minibatch gradient of the last step, if it was kept ({@link #keepGradients}); else null. */
    public INDArray keptGradient() {
        return keptAt == steps && steps > 0 ? keptGradient : null;
    }

    /** The update's kind and current hyperparameters, for the stability threshold ({@link OptimizerSetup#stepRule}). */
    public StepRule stepRule() {
        return optimizer.stepRule(stepper.hyperparameters().values());
    }

    /** {@code context} with what the stability thresholds read from this run's optimizer at the current θ. */
    public ProbeContext withOptimizerState(ProbeContext context) {
        return context.withOptimizer(stepper, decayed);
    }

    /**
     * Sets hyperparameter {@code name} from the next step on and returns its old value ({@code learningRate} under a
     * schedule: the base).
     *
     * @throws IllegalArgumentException for an unknown name or a value outside its domain; nothing changes then
     */
    public double set(String name, double value) {
        if (name.equals(BATCH_SIZE)) {
            check(name, value);
            double old = batchSize;
            batchSize = (int) value;
            restartOrders(steps);
            return old;
        }
        if (schedule != null && name.equals(OptimizerSetup.LEARNING_RATE)) {
            check(name, value);
            double old = baseLearningRate;
            baseLearningRate = value;
            scheduleLearningRate();
            return old;
        }
        return stepper.hyperparameters().set(name, value);
    }

    /**
     * Checks {@code value} for hyperparameter {@code name} without setting it, against its domain and the current
     * values of the hyperparameters it must fit with (a sampling interval and its period; a batch size and the
     * network's BatchNorm). Any thread may call it: the run's thread checks the value again when it sets it.
     *
     * @throws IllegalArgumentException naming the hyperparameter and its allowed range
     */
    public void check(String name, double value) {
        if (name.equals(BATCH_SIZE)) {
            BatchSize.requireWithin(value, BATCH_SIZE, train.size());
            network.spec().requireBatch(value == 0 ? train.size() : (int) value, BATCH_SIZE
                    + (value == 0 ? " 0 (the full batch)" : ""), "network");
            return;
        }
        stepper.hyperparameters().check(name, value);
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
        keptAt = -1;
        loss = Double.NaN;
        gradientNorm = Double.NaN;
        divergedAt = 0;
        if (schedule != null) {
            scheduleLearningRate();
        }
    }

    private void restartOrders() {
        restartOrders(0);
    }

    /**
     * Batch orders of the current batch size: from the experiment's order seed at step 0, and after a batch-size
     * change at step s from a seed derived from it and s, so every run that makes the same change at the same step
     * sees the same batches.
     */
    private void restartOrders(long atStep) {
        long seed = atStep == 0 ? orderSeed : orderSeed + 0x9E3779B97F4A7C15L * atStep;
        order = new BatchOrder(train.size(), batchSize, seed);
        // Re-estimation draws from a stream of its own, so the training batches stay those of every other run.
        reestimationOrder = new BatchOrder(train.size(), batchSize, seed);
        batchBuffer = null;
        fullBatch = null;
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

    /** The minibatch size of the next step (0 = full batch); set it through {@link #set} with {@link #BATCH_SIZE}. */
    public int batchSize() {
        return batchSize;
    }

    /** The batch sizes {@link #set} accepts: whole numbers from 0 (full batch) to the training set's size. */
    public Hyperparameter.Domain batchSizeDomain() {
        return BatchSize.domain(train.size());
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
