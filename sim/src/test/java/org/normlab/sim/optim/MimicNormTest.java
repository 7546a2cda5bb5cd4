package org.normlab.sim.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.model.Params;

/** MimicNorm's projection: zero-mean hidden rows after initialization and after every step (ε_BN = 0). */
class MimicNormTest {
    private static final double ROW_SUM = 1e-14;
    private static final double EXACT = 1e-12;

    @Test
    void everyCentredRowSumsToZeroAfterInitializationAndEveryStep() {
        Network net = new Network(SeededTraining.spec(Normalization.MIMIC_NORM, 7));
        SeededTraining.Trainer run = new SeededTraining.Trainer(net,
                Optimizers.mimicNorm(Optimizers.momentum(0.1), true), SeededTraining.data(64, false, 5));
        assertRowSums(net, true);
        for (int step = 0; step < 10; step++) {
            run.step();
            assertRowSums(net, true);
        }
    }

    @Test
    void theFirstLayerAndTheClassifierStayFreeUnlessAsked() {
        Network net = new Network(SeededTraining.spec(Normalization.MIMIC_NORM, 7));
        new SeededTraining.Trainer(net, Optimizers.mimicNorm(Optimizers.sgd(0.1), false),
                SeededTraining.data(64, false, 5)).steps(3);
        assertRowSums(net, false);
        assertTrue(maxAbsRowSum(net, "W0") > 1e-3, "first layer not centred");
        assertTrue(maxAbsRowSum(net, "W2") > 1e-3, "classifier not centred");
    }

    @Test
    void aCentredFirstLayerIgnoresAShiftOfAllInputs() {
        Network net = new Network(SeededTraining.spec(Normalization.MIMIC_NORM, 7));
        Dataset data = SeededTraining.data(64, false, 5);
        new SeededTraining.Trainer(net, Optimizers.mimicNorm(Optimizers.sgd(0.1), true), data).steps(3);
        INDArray x = Batch.all(data).x();
        INDArray shifted = x.add(2.5);
        INDArray z = net.outputs(x, BatchNormMode.TRAIN);
        INDArray zShifted = net.outputs(shifted, BatchNormMode.TRAIN);
        assertTrue(z.sub(zShifted).norm2Number().doubleValue() <= EXACT * z.norm2Number().doubleValue());
    }

    private static void assertRowSums(Network net, boolean firstLayer) {
        for (Params.Tensor t : net.params().tensors()) {
            boolean hidden = t.role() == Params.Role.WEIGHT && !t.name().equals("W2");
            if (hidden && (firstLayer || !t.name().equals("W0"))) {
                assertTrue(maxAbsRowSum(net, t.name()) <= ROW_SUM, t.name() + " rows sum to 0");
            }
        }
    }

    private static double maxAbsRowSum(Network net, String tensor) {
        double max = 0;
        for (double[] row : net.params().view(net.theta(), net.params().tensor(tensor)).toDoubleMatrix()) {
            double sum = 0;
            for (double v : row) {
                sum += v;
            }
            max = Math.max(max, Math.abs(sum));
        }
        return max;
    }
}
