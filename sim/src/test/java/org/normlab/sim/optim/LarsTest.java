package org.normlab.sim.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;

/**
 * LARS's first step on a seeded BN network against its definition (the momentum buffer starts at 0, so the first
 * update is the trust-ratio direction itself), and the equivariance that motivates it here: scaling a weight tensor
 * that feeds BatchNorm scales its step alike. Convergence on a convex quadratic is in {@link QuadraticTest}.
 */
class LarsTest {
    /** Float64 round-off over a handful of vector operations on a tensor of ~30 entries. */
    private static final double ROUNDING = 1e-12;
    private static final double ETA = 0.1;
    private static final double TRUST = 0.02;
    private static final double LAMBDA = 0.01;

    @Test
    void eachWeightTensorStepsByTheTrustRatioOfItsDecayedGradientAndTheRestByPlainSgd() {
        Network net = SeededTraining.bnNetwork();
        Params params = net.params();
        INDArray before = net.theta().dup();
        INDArray g = gradient(net);
        new Stepper(Optimizers.lars(ETA).with("weightDecay", LAMBDA), params, net.theta()).step(g.dup());
        INDArray step = net.theta().sub(before);

        for (Params.Tensor t : params.tensors()) {
            INDArray w = params.view(before, t);
            INDArray gt = params.view(g, t);
            INDArray expected;
            if (t.role() == Params.Role.WEIGHT) {
                double ratio = TRUST * w.norm2Number().doubleValue()
                        / (gt.norm2Number().doubleValue() + LAMBDA * w.norm2Number().doubleValue());
                expected = gt.add(w.mul(LAMBDA)).muli(-ETA * ratio);
                double norm = ETA * TRUST * w.norm2Number().doubleValue() * gt.add(w.mul(LAMBDA)).norm2Number()
                        .doubleValue() / (gt.norm2Number().doubleValue() + LAMBDA * w.norm2Number().doubleValue());
                assertEquals(norm, params.view(step, t).norm2Number().doubleValue(), ROUNDING * norm,
                        t.name() + ": ‖Δw‖ = η·trust·‖w‖·‖g+λw‖/(‖g‖+λ‖w‖)");
            } else {
                expected = gt.mul(-ETA);
            }
            double scale = expected.norm2Number().doubleValue();
            assertEquals(0, params.view(step, t).sub(expected).norm2Number().doubleValue(), ROUNDING * scale,
                    t.name() + " steps along its own direction");
        }
    }

    @Test
    void scalingAWeightTensorThatFeedsBatchNormScalesItsStepAlike() {
        double c = 3;
        Network net = SeededTraining.bnNetwork();
        Params params = net.params();
        Params.Tensor feedsBn = params.scaleInvariantTensors().get(0);
        Network scaled = SeededTraining.bnNetwork();
        params.view(scaled.theta(), feedsBn).muli(c);
        assertFalse(params.view(net.theta(), feedsBn).equalsWithEps(params.view(scaled.theta(), feedsBn), 1e-3));

        INDArray step = firstStep(net);
        INDArray scaledStep = firstStep(scaled);

        INDArray expected = params.view(step, feedsBn).mul(c);
        assertEquals(0, params.view(scaledStep, feedsBn).sub(expected).norm2Number().doubleValue(),
                ROUNDING * expected.norm2Number().doubleValue(), "Δ(cw) = cΔw on " + feedsBn.name());
    }

    /** LARS without weight decay, whose ratio sees the gradient's 1/c exactly. */
    private static INDArray firstStep(Network net) {
        INDArray before = net.theta().dup();
        new Stepper(Optimizers.lars(ETA).with("weightDecay", 0), net.params(), net.theta()).step(gradient(net));
        return net.theta().sub(before);
    }

    private static INDArray gradient(Network net) {
        Dataset data = SeededTraining.data(64, false, 5);
        INDArray g = net.params().zeros();
        net.lossAndGradient(Batch.of(data, new BatchOrder(data.size(), SeededTraining.BATCH, 3).next()), g);
        return g;
    }
}
