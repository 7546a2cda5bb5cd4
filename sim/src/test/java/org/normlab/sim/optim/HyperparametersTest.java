package org.normlab.sim.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Network;

/** Hyperparameters: listed by name, validated against their domain, and live from the next step on. */
class HyperparametersTest {

    @Test
    void aRecipeListsItsHyperparametersByNameInChainOrder() {
        Transform adamw = Optimizers.adamw(1e-3, DecayMask.WEIGHTS);
        assertEquals(List.of("beta1", "beta2", "epsilon", "weightDecay", "learningRate"),
                List.copyOf(adamw.hyperparameters().values().keySet()));
        assertEquals(Map.of("learningRate", 0.1, "momentum", 0.9), Optimizers.momentum(0.1).hyperparameters().values());
        Transform pwalks = PeriodicSamplingTest.pwalks(Optimizers.sgd(0.1), 50);
        assertEquals(List.of("learningRate", "sampleInterval", "period", "samples"),
                List.copyOf(pwalks.hyperparameters().values().keySet()));
    }

    @Test
    void aValueOutsideItsDomainIsRefusedWithItsNameAndRangeAndNothingChanges() {
        Transform optimizer = PeriodicSamplingTest.pswm(Optimizers.momentum(0.1), 10);
        Hyperparameters h = optimizer.hyperparameters();
        Map<String, Double> before = h.values();
        assertRefused(h, "learningRate", -0.1, "learningRate must be in [0, ∞), was -0.1");
        assertRefused(h, "learningRate", Double.NaN, "learningRate must be in [0, ∞), was NaN");
        assertRefused(h, "learningRate", Double.POSITIVE_INFINITY, "learningRate must be in [0, ∞)");
        assertRefused(h, "momentum", 1.0, "momentum must be in [0, 1), was 1.0");
        assertRefused(h, "averageBeta", -0.5, "averageBeta must be in [0, 1), was -0.5");
        assertRefused(h, "period", 0, "period must be an integer in [1, ∞), was 0.0");
        assertRefused(h, "period", 2.5, "period must be an integer in [1, ∞), was 2.5");
        assertEquals(before, h.values());

        Hyperparameters walks = PeriodicSamplingTest.pwalks(Optimizers.sgd(0.1), 10).hyperparameters();
        assertRefused(walks, "samples", 0, "samples must be an integer in [1, ∞), was 0.0");
        Hyperparameters adam = Optimizers.adam(0.1).hyperparameters();
        assertRefused(adam, "epsilon", 0, "epsilon must be in (0, ∞), was 0.0");
        assertRefused(adam, "beta2", 1.5, "beta2 must be in [0, 1), was 1.5");
        assertRefused(Optimizers.sgdWeightDecay(0.1, DecayMask.ALL).hyperparameters(), "weightDecay", -1e-4,
                "weightDecay must be in [0, ∞), was -1.0E-4");
    }

    @Test
    void aPeriodMustHoldWhatItAveragesWhicheverValueChanges() {
        String holdsASample = " (sampleInterval <= period: a period holds a sample), was ";
        Hyperparameters pswa = PeriodicSamplingTest.pswa(Optimizers.sgd(0.1), 10).hyperparameters();
        assertRefused(pswa, "sampleInterval", 11, "sampleInterval must be an integer in [1, 10]" + holdsASample + "11");
        pswa.set("sampleInterval", 4);
        assertRefused(pswa, "period", 3, "period must be an integer >= 4" + holdsASample + "3");

        String holdsItsSamples = " (samples × sampleInterval <= period: a period holds the samples it averages), was ";
        Hyperparameters walks = PeriodicSamplingTest.pwalks(Optimizers.sgd(0.1), 10).hyperparameters();
        Map<String, Double> before = walks.values();
        assertRefused(walks, "sampleInterval", 3, "sampleInterval must be an integer in [1, 2]" + holdsItsSamples + "3");
        assertRefused(walks, "samples", 11, "samples must be an integer in [1, 10]" + holdsItsSamples + "11");
        assertRefused(walks, "period", 4, "period must be an integer >= 5" + holdsItsSamples + "4");
        IllegalArgumentException unchecked = assertThrows(IllegalArgumentException.class,
                () -> walks.check("samples", 11));
        assertTrue(unchecked.getMessage().startsWith("samples must be an integer in [1, 10]"), unchecked.getMessage());
        assertEquals(before, walks.values());

        // One by one, period 3 would not hold the 5 default samples; set together with samples 2 it does.
        walks.setAll(Map.of("period", 3.0, "samples", 2.0));
        assertEquals(Map.of("learningRate", 0.1, "sampleInterval", 1.0, "period", 3.0, "samples", 2.0), walks.values());
    }

    private static void assertRefused(Hyperparameters h, String name, double value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.set(name, value));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void recipesRefuseOutOfDomainStartingValuesToo() {
        assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(-1));
        assertThrows(IllegalArgumentException.class, () -> PeriodicSamplingTest.pswa(Optimizers.sgd(0.1), 0));
    }

    @Test
    void unknownAndDuplicateNamesAreRefused() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.momentum(0.1).hyperparameters().set("beta", 0.5));
        assertEquals("no hyperparameter 'beta'; this optimizer has momentum, learningRate", unknown.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Transforms.chain(Optimizers.sgd(0.1), Optimizers.momentum(0.1)));
        assertTrue(twice.getMessage().contains("'learningRate' appears twice"), twice.getMessage());
    }

    @Test
    void setReturnsTheOldValueAndTheChangeAppliesFromTheNextStep() {
        Network net = SeededTraining.bnNetwork();
        Stepper stepper = new Stepper(Optimizers.momentum(0.5).with("momentum", 0.5), net.params(), net.theta());
        double[] theta0 = net.theta().toDoubleVector();
        double[] g = new double[theta0.length];
        java.util.Arrays.fill(g, 1.0);

        stepper.step(Nd4j.createFromArray(g.clone()));
        assertEquals(0.5, stepper.hyperparameters().set("learningRate", 0.25), 0.0);
        assertEquals(0.5, stepper.hyperparameters().set("momentum", 0.0), 0.0);
        stepper.step(Nd4j.createFromArray(g.clone()));

        // Step 1: m = 1, θ −= 0.5·1. Step 2 with μ = 0, η = 0.25: m = 1, θ −= 0.25.
        double[] expected = theta0.clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = theta0[i] - 0.5 - 0.25;
        }
        assertArrayEquals(expected, net.theta().toDoubleVector(), 1e-15);
    }

    @Test
    void aResetClearsTheStateButKeepsTheHyperparameters() {
        Network net = SeededTraining.bnNetwork();
        Stepper stepper = new Stepper(Optimizers.momentum(1.0).with("momentum", 0.5), net.params(), net.theta());
        INDArray ones = Nd4j.ones(net.params().size());
        stepper.step(ones.dup());
        stepper.reset();
        double before = net.theta().getDouble(0);
        stepper.step(ones.dup());
        assertEquals(before - 1.0, net.theta().getDouble(0), 1e-15, "fresh momentum: the step is −η·g");
        assertEquals(0.5, stepper.hyperparameters().value("momentum"), 0.0);
    }
}
