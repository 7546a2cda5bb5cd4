package org.normlab.sim.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;

/** INSGD: its input-power scaling, its divisor floor ε, and the input powers it reads. */
class InsgdTest {
    private static final double EXACT = 1e-12;
    private static final InputPower L2 = new InputPower(InputPower.Norm.L2, false);

    @Test
    void withThePowerHeldAtEItIsSgdBitForBit() {
        assertEquals(1.0, Math.log(Math.E), 0.0, "log e is exactly 1 in float64");
        LayerInputs heldAtE = (layer, kind) -> Math.E;
        Transform insgd = Optimizers.insgd(0.2, DecayMask.WEIGHTS, heldAtE, L2).with("momentum", 0);
        double[] expected = train(Optimizers.sgd(0.2));
        assertArrayEquals(expected, train(insgd), 0.0);
    }

    private static double[] train(Transform optimizer) {
        SeededTraining.Trainer run = new SeededTraining.Trainer(SeededTraining.bnNetwork(), optimizer,
                SeededTraining.data(64, false, 5));
        run.steps(8);
        return run.theta();
    }

    @Test
    void weightGradientsAreDividedByTheLogOfTheAveragedPowerNeverByLessThanEpsilon() {
        Network net = SeededTraining.bnNetwork();
        Params params = net.params();
        double beta = 0.6;
        double[][] powers = {{0.5, 1.0, Math.exp(0.004)}, {30.0, 1.0, 2.0}, {1e6, 0.0, 1.005}};
        int[] step = {0};
        LayerInputs inputs = (layer, kind) -> powers[step[0]][layer];
        Transform.State stage = Transforms.scaleByInputPower(inputs, L2, beta).init(params, net.theta());
        double[] averaged = new double[3];
        Random random = new Random(4);
        for (step[0] = 0; step[0] < powers.length; step[0]++) {
            double[] g = random.doubles(params.size()).toArray();
            INDArray u = Nd4j.createFromArray(g.clone());
            stage.update(u, net.theta());
            int layer = 0;
            for (Params.Tensor t : params.tensors()) {
                double divisor = 1;
                if (t.role() == Params.Role.WEIGHT) {
                    double q = powers[step[0]][layer];
                    averaged[layer] = step[0] == 0 ? q : beta * averaged[layer] + (1 - beta) * q;
                    divisor = Math.max(Math.log(averaged[layer]), Optimizers.DEFAULT_POWER_EPSILON);
                    layer++;
                }
                for (long i = t.offset(); i < t.offset() + t.length(); i++) {
                    double expected = g[(int) i] / divisor;
                    assertEquals(expected, u.getDouble(i), EXACT * Math.abs(expected), t.name());
                    assertTrue(Math.abs(u.getDouble(i)) <= Math.abs(g[(int) i])
                            / Optimizers.DEFAULT_POWER_EPSILON, "divisor below ε in " + t.name());
                }
            }
        }
    }

    @Test
    void inputPowersAreTheMeanRowNormsOfTheRawOrStandardizedInputs() {
        double[][] x = SeededTraining.gaussian(new Random(8), 7, 4);
        x[2] = new double[] {3, 3, 3, 3};
        INDArray input = Nd4j.createFromArray(x);
        double[] l2 = new double[2];
        double[] l1 = new double[2];
        for (double[] row : x) {
            double mean = (row[0] + row[1] + row[2] + row[3]) / 4;
            double sd = Math.sqrt(((row[0] - mean) * (row[0] - mean) + (row[1] - mean) * (row[1] - mean)
                    + (row[2] - mean) * (row[2] - mean) + (row[3] - mean) * (row[3] - mean)) / 4);
            for (double v : row) {
                l2[0] += v * v / x.length;
                l1[0] += Math.abs(v) / x.length;
                double z = sd == 0 ? 0 : (v - mean) / sd;
                l2[1] += z * z / x.length;
                l1[1] += Math.abs(z) / x.length;
            }
        }
        assertEquals(l2[0], L2.of(input), EXACT * l2[0]);
        assertEquals(l1[0], new InputPower(InputPower.Norm.L1, false).of(input), EXACT * l1[0]);
        assertEquals(l2[1], new InputPower(InputPower.Norm.L2, true).of(input), EXACT * l2[1]);
        assertEquals(l1[1], new InputPower(InputPower.Norm.L1, true).of(input), EXACT * l1[1]);
        assertEquals(4.0 * 6 / 7, l2[1], EXACT, "a standardized row has ‖x‖² = d, a constant row 0");
    }
}
