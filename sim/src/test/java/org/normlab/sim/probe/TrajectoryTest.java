package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.optim.Optimizers;
import org.normlab.sim.optim.Transform;

/** Probes only observe: a run with every probe on every step is bit for bit the run without them. */
class TrajectoryTest {
    static final int STEPS = 12;
    static final double LEARNING_RATE = 0.05;
    static final double BETA1 = Optimizers.DEFAULT_BETA1;
    static final double BETA2 = Optimizers.DEFAULT_BETA2;

    /** Every probe, each due at every step, both BatchNorm modes for the curvature ones. */
    static List<Probe> everyProbe(Network network) {
        Schedule always = Schedule.every(1);
        List<Probe> probes = new ArrayList<>(List.of(
                new WeightNorm(network, always),
                new EffectiveLearningRate(network, always),
                new OrthogonalNoise(network, always),
                new LossAndAccuracy(always),
                new GradientNorm(network, always)));
        for (BatchNormMode mode : BatchNormMode.values()) {
            probes.add(new Sharpness(always, mode, new Lanczos(), 1));
            probes.add(new PreconditionedSharpness(always, mode, new Lanczos(), 2));
            probes.add(new FisherEigenvalue(always, mode, new Lanczos(), 3));
        }
        return probes;
    }

    /** θ followed by every BatchNorm running statistic after the run. */
    record Final(double[] theta, List<double[]> statistics, int values) {
    }

    static Final train(Transform transform, StepRule rule, boolean probed) {
        ProbedTraining run = new ProbedTraining(ProbedTraining.spec(Normalization.BATCH_NORM, 1e-5), transform, rule,
                ProbedTraining.planeIn6d());
        Probes probes = new Probes(probed ? everyProbe(run.network) : List.of());
        Recorded sink = new Recorded();
        INDArray v = run.network.params().zeros();
        probes.atStep(run.context().withTest(run.probeSet), sink);
        for (int t = 1; t <= STEPS; t++) {
            INDArray g = run.step();
            ProbeContext context = run.context().withTest(run.probeSet);
            if (rule.kind() == StepRule.Kind.ADAM) {
                v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
                context = context.withAdam(v.div(1 - Math.pow(BETA2, t)), t);
            }
            probes.atStep(context, sink);
        }
        List<double[]> statistics = run.network.copyRunningStatistics().stream().map(INDArray::toDoubleVector)
                .toList();
        return new Final(run.network.theta().toDoubleVector(), statistics, sink.size());
    }

    static void assertSameTrajectory(Transform withProbes, Transform without, StepRule rule) {
        Final probed = train(withProbes, rule, true);
        Final plain = train(without, rule, false);
        assertTrue(probed.values() > 100, "the probes recorded " + probed.values() + " values");
        assertEquals(0, plain.values());
        assertArrayEquals(plain.theta(), probed.theta(), "θ");
        for (int i = 0; i < plain.statistics().size(); i++) {
            assertArrayEquals(plain.statistics().get(i), probed.statistics().get(i), "running statistic " + i);
        }
    }

    @Test
    void heavyBallRunIsUnchanged() {
        StepRule rule = StepRule.heavyBall(LEARNING_RATE, Optimizers.DEFAULT_MOMENTUM);
        assertSameTrajectory(Optimizers.momentum(LEARNING_RATE), Optimizers.momentum(LEARNING_RATE), rule);
    }

    @Test
    void adamRunIsUnchanged() {
        StepRule rule = StepRule.adam(LEARNING_RATE, BETA1, Optimizers.DEFAULT_ADAM_EPSILON);
        assertSameTrajectory(Optimizers.adam(LEARNING_RATE), Optimizers.adam(LEARNING_RATE), rule);
    }

    /** ND4J's global generator, which training code could draw from, is left where it was. */
    @Test
    void globalRandomStateIsUnchanged() {
        ProbedTraining run = new ProbedTraining(ProbedTraining.spec(Normalization.BATCH_NORM, 1e-5),
                Optimizers.sgd(LEARNING_RATE), StepRule.gradientDescent(LEARNING_RATE), ProbedTraining.planeIn6d());
        run.step();
        Nd4j.getRandom().setSeed(42);
        double expected = Nd4j.getRandom().nextDouble();
        Nd4j.getRandom().setSeed(42);
        new Probes(everyProbe(run.network)).atStep(run.context(), new Recorded());
        assertEquals(expected, Nd4j.getRandom().nextDouble());
    }
}
