package org.normlab.sim.probe;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.data.Embedding;
import org.normlab.sim.data.ToyData;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.optim.Stepper;
import org.normlab.sim.optim.Transform;

/**
 * A seeded training loop for the probe tests, called the way a run calls its probes: the minibatch gradient is kept
 * for the context and a copy of it goes to the optimizer, which turns it into the update in place.
 */
final class ProbedTraining {
    static final int BATCH = 16;

    final Network network;
    final Batch probeSet;
    StepRule rule;
    /** 1 on the entries the rule's weight decay applies to, or null: the context then names no optimizer state. */
    INDArray decayed;
    private final Stepper stepper;
    private final Dataset data;
    private final BatchOrder order;
    private final INDArray gradient;
    private final INDArray update;
    long step;

    ProbedTraining(NetworkSpec spec, Transform transform, StepRule rule, Dataset data) {
        this.network = new Network(spec);
        this.probeSet = Batch.all(data);
        this.rule = rule;
        this.stepper = new Stepper(transform, network.params(), network.theta());
        this.data = data;
        this.order = new BatchOrder(data.size(), BATCH, 3);
        this.gradient = network.params().zeros();
        this.update = network.params().zeros();
    }

    /** 48 noisy spirals embedded in 6 dimensions: the inputs span a plane, the other 4 directions are null. */
    static Dataset planeIn6d() {
        return Embedding.lowRank(ToyData.spirals(48, 0.1, 5), 6, 9);
    }

    /** A 6 → 8 → 5 → 2 tanh MLP, cross-entropy; BatchNorm with ε (0 for exact scale invariance). */
    static NetworkSpec spec(Normalization normalization, double bnEpsilon) {
        return new NetworkSpec(6, List.of(8, 5), 2, Activation.TANH, normalization, Initialization.HE,
                LossFunction.CROSS_ENTROPY, bnEpsilon, 0, 17);
    }

    /** One optimizer step on the next minibatch; returns the gradient g_t (live until the next step). */
    INDArray step() {
        network.lossAndGradient(Batch.of(data, order.next()), gradient);
        update.assign(gradient);
        stepper.step(update);
        step++;
        return gradient;
    }

    /**
     * Sets the optimizer's hyperparameter {@code name} from the next step on, and the rule the probes read, as a run
     * does between steps.
     */
    void set(String name, double value, StepRule newRule) {
        stepper.hyperparameters().set(name, value);
        rule = newRule;
    }

    /** The context after {@link #step} steps, with the last gradient (and the optimizer's state, given a mask). */
    ProbeContext context() {
        ProbeContext context = ProbeContext.of(step, network, probeSet, rule).withGradient(step > 0 ? gradient : null);
        return decayed == null ? context : context.withOptimizer(stepper, decayed);
    }
}
