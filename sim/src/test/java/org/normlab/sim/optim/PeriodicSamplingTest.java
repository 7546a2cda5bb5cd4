package org.normlab.sim.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.Network;

/** PSWA, PWALKS and PSWM around an inner optimizer, on a BN network with the seeded batch order. */
class PeriodicSamplingTest {
    private static final double EXACT = 1e-12;
    private static final int STEPS = 12;
    private final Dataset data = SeededTraining.data(64, false, 5);

    @Test
    void aPeriodOfOneStepSampledEveryStepIsANoOp() {
        Transform pswa = pswa(Optimizers.momentum(0.1), 1);
        assertArrayEquals(train(Optimizers.momentum(0.1)), train(pswa), 0.0);
    }

    @Test
    void pwalksKeepingAllSamplesOfThePeriodEqualsPswa() {
        Transform pswa = pswa(Optimizers.momentum(0.1), 6).with("sampleInterval", 2);
        Transform pwalks = pwalks(Optimizers.momentum(0.1), 6).with("samples", 3)
                .with("sampleInterval", 2);
        assertArrayEquals(train(pswa), train(pwalks), 0.0);
    }

    @Test
    void pswmWithBetaZeroIsANoOp() {
        Transform pswm = pswm(Optimizers.momentum(0.1), 5).with("averageBeta", 0);
        assertArrayEquals(train(Optimizers.momentum(0.1)), train(pswm), 0.0);
    }

    @Test
    void eachVariantReplacesThetaByItsAverageOfThePeriodsSamples() {
        int period = 4;
        List<double[]> iterates = innerIterates(period);
        assertClose(mean(iterates.subList(0, 4)), replaced(pswa(Optimizers.sgd(0.2), period)));
        assertClose(mean(iterates.subList(2, 4)),
                replaced(pwalks(Optimizers.sgd(0.2), period).with("samples", 2)));
        double beta = 0.7;
        double[] ema = iterates.get(0).clone();
        for (double[] theta : iterates.subList(1, 4)) {
            for (int i = 0; i < ema.length; i++) {
                ema[i] = beta * ema[i] + (1 - beta) * theta[i];
            }
        }
        assertClose(ema, replaced(pswm(Optimizers.sgd(0.2), period).with("averageBeta", beta)));
    }

    /** θ after the first period; the inner SGD iterates replay the same batches as {@link #innerIterates}. */
    private double[] replaced(Transform optimizer) {
        return trainSteps(optimizer, 4);
    }

    private List<double[]> innerIterates(int steps) {
        SeededTraining.Trainer run = new SeededTraining.Trainer(SeededTraining.bnNetwork(), Optimizers.sgd(0.2), data);
        List<double[]> iterates = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            run.step();
            iterates.add(run.theta());
        }
        return iterates;
    }

    @Test
    void theHookRunsAfterEveryReplacementWithThetaAlreadyReplaced() {
        Network net = SeededTraining.bnNetwork();
        List<Double> thetaAtHook = new ArrayList<>();
        PeriodicSampling pswa = new PeriodicSampling(Optimizers.momentum(0.1), PeriodicSampling.Kind.PSWA, 3,
                PeriodicSampling.InnerState.KEEP, () -> thetaAtHook.add(net.theta().getDouble(0)));
        new SeededTraining.Trainer(net, pswa, data).steps(STEPS);
        assertEquals(STEPS / 3, thetaAtHook.size());
        assertEquals(net.theta().getDouble(0), thetaAtHook.get(thetaAtHook.size() - 1), 0.0);
    }

    @Test
    void resettingTheInnerStateMakesTheNextStepAPlainGradientStep() {
        double[] afterPeriod = trainSteps(pswa(Optimizers.momentum(0.1), 3), 3);
        double[] withReset = trainSteps(new PeriodicSampling(Optimizers.momentum(0.1), PeriodicSampling.Kind.PSWA,
                3, PeriodicSampling.InnerState.RESET, () -> { }), 4);
        double[] withKept = trainSteps(pswa(Optimizers.momentum(0.1), 3), 4);

        SeededTraining.Trainer sgd = new SeededTraining.Trainer(SeededTraining.bnNetwork(), Optimizers.sgd(0.1), data);
        sgd.steps(3);
        sgd.network.theta().assign(Nd4j.createFromArray(afterPeriod));
        sgd.step();
        assertClose(sgd.theta(), withReset);
        assertTrue(maxDifference(withKept, withReset) > 1e-6, "keeping the momentum changes the next step");
    }

    private double[] train(Transform optimizer) {
        return trainSteps(optimizer, STEPS);
    }

    private double[] trainSteps(Transform optimizer, int steps) {
        SeededTraining.Trainer run = new SeededTraining.Trainer(SeededTraining.bnNetwork(), optimizer, data);
        run.steps(steps);
        return run.theta();
    }

    private static double[] mean(List<double[]> samples) {
        double[] m = new double[samples.get(0).length];
        for (double[] s : samples) {
            for (int i = 0; i < m.length; i++) {
                m[i] += s[i] / samples.size();
            }
        }
        return m;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertTrue(maxDifference(expected, actual) <= EXACT, "max difference " + maxDifference(expected, actual));
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** PSWA around {@code inner}: θ replaced by the mean of each period's samples (s = 1); inner state kept. */
    static Transform pswa(Transform inner, int period) {
        return sampling(inner, PeriodicSampling.Kind.PSWA, period);
    }

    /** PWALKS around {@code inner}: the mean of each period's last K = 5 samples. */
    static Transform pwalks(Transform inner, int period) {
        return sampling(inner, PeriodicSampling.Kind.PWALKS, period);
    }

    /** PSWM around {@code inner}: the period's moving average of samples, β = 0.9. */
    static Transform pswm(Transform inner, int period) {
        return sampling(inner, PeriodicSampling.Kind.PSWM, period);
    }

    private static Transform sampling(Transform inner, PeriodicSampling.Kind kind, int period) {
        return new PeriodicSampling(inner, kind, period, PeriodicSampling.InnerState.KEEP, () -> { });
    }
}
