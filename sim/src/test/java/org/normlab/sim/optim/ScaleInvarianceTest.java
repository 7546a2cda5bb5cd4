package org.normlab.sim.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Test;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;

/** The identities of sim/docs/math.md §3 that follow from BatchNorm's scale invariance (ε_BN = 0, float64). */
class ScaleInvarianceTest {
    private static final double EXACT = 1e-12;
    private static final double LEARNING_RATE = 0.3;
    private static final int STEPS = 12;
    private final Dataset data = SeededTraining.data(64, false, 5);

    @Test
    void sgdGrowsEveryScaleInvariantRowByTheSquaredStep() {
        SeededTraining.Trainer run = new SeededTraining.Trainer(SeededTraining.bnNetwork(),
                Optimizers.sgd(LEARNING_RATE), data);
        Params params = run.network.params();
        for (int step = 0; step < STEPS; step++) {
            double[][] before = squaredRowNorms(params, run.network.theta());
            INDArray g = run.gradient();
            double[][] gradient = squaredRowNorms(params, g);
            run.stepper.step(g);
            double[][] after = squaredRowNorms(params, run.network.theta());
            for (int t = 0; t < before.length; t++) {
                for (int k = 0; k < before[t].length; k++) {
                    double predicted = before[t][k] + LEARNING_RATE * LEARNING_RATE * gradient[t][k];
                    assertEquals(predicted, after[t][k], EXACT * predicted, "tensor " + t + " row " + k);
                }
            }
        }
    }

    @Test
    void sgdAndMomentumKeepTheComponentOutsideTheInputSpan() {
        for (Transform optimizer : new Transform[] {Optimizers.sgd(LEARNING_RATE), Optimizers.momentum(0.1)}) {
            assertOrthogonalComponentShrinksBy(optimizer, 0.0);
        }
    }

    @Test
    void coupledWeightDecayShrinksTheComponentOutsideTheInputSpanByOneMinusEtaLambda() {
        double lambda = 0.05;
        Transform sgdWd = Optimizers.sgdWeightDecay(LEARNING_RATE, DecayMask.WEIGHTS).with("weightDecay", lambda);
        assertOrthogonalComponentShrinksBy(sgdWd, LEARNING_RATE * lambda);
    }

    /** First layer: data in a 3-dimensional subspace of R⁵; W(I − UUᵀ) ← (1 − shrink) W(I − UUᵀ) each step. */
    private void assertOrthogonalComponentShrinksBy(Transform optimizer, double shrink) {
        Dataset lowRank = SeededTraining.data(64, true, 9);
        SeededTraining.Trainer run = new SeededTraining.Trainer(SeededTraining.bnNetwork(), optimizer, lowRank);
        double[][] complement = complementProjector(lowRank.features());
        Params.Tensor w0 = run.network.params().tensor("W0");
        double[][] previous = times(run.network.params().view(run.network.theta(), w0).toDoubleMatrix(), complement);
        assertTrue(frobenius(previous) > 0.1, "the test needs a sizeable orthogonal component");
        for (int step = 0; step < STEPS; step++) {
            run.step();
            double[][] now = times(run.network.params().view(run.network.theta(), w0).toDoubleMatrix(), complement);
            for (int k = 0; k < now.length; k++) {
                for (int j = 0; j < now[k].length; j++) {
                    assertEquals((1 - shrink) * previous[k][j], now[k][j], EXACT * frobenius(previous),
                            "step " + step + " entry " + k + "," + j);
                }
            }
            previous = now;
        }
    }

    @Test
    void psiSgdIsEquivariantToRowRescalingWithAndWithoutMomentum() {
        for (double momentum : new double[] {0.0, 0.9}) {
            double[] scale = rowScales(11);
            Transform fromW0 = Optimizers.psiSgd(0.2, DecayMask.WEIGHTS).with("momentum", momentum);
            Transform fromScaled = Optimizers.psiSgd(0.2, DecayMask.WEIGHTS).with("momentum", momentum);
            Divergence d = raceFromScaledStart(fromW0, fromScaled, scale);
            assertTrue(d.weights <= EXACT, "PSI weights, μ = " + momentum + ": " + d.weights);
            assertTrue(d.losses <= EXACT, "PSI losses, μ = " + momentum + ": " + d.losses);
        }
    }

    @Test
    void plainSgdSplitsFromARescaledStart() {
        Divergence d = raceFromScaledStart(Optimizers.sgd(0.2), Optimizers.sgd(0.2), rowScales(11));
        assertTrue(d.weights > 0.1, "SGD weights should split, relative difference " + d.weights);
        assertTrue(d.losses > 1e-3, "SGD losses should split, relative difference " + d.losses);
    }

    private record Divergence(double weights, double losses) {
    }

    /**
     * Trains from w₀ and from c ⊙ w₀ on the same batches; returns the largest relative difference between
     * {@code c ⊙ w_t} and the second run's rows (other parameters compared directly), and between the losses.
     */
    private Divergence raceFromScaledStart(Transform first, Transform second, double[] scale) {
        Network a = SeededTraining.bnNetwork();
        Network b = SeededTraining.bnNetwork();
        scaleRows(b, scale);
        SeededTraining.Trainer runA = new SeededTraining.Trainer(a, first, data);
        SeededTraining.Trainer runB = new SeededTraining.Trainer(b, second, data);
        double weights = 0;
        double losses = 0;
        for (int step = 0; step < STEPS; step++) {
            double lossA = runA.step();
            double lossB = runB.step();
            losses = Math.max(losses, Math.abs(lossA - lossB) / Math.abs(lossA));
            Network expected = SeededTraining.bnNetwork();
            expected.theta().assign(a.theta());
            scaleRows(expected, scale);
            INDArray difference = expected.theta().sub(b.theta());
            weights = Math.max(weights, difference.norm2Number().doubleValue() / b.theta().norm2Number().doubleValue());
        }
        return new Divergence(weights, losses);
    }

    /** Per-row factors c_k = 10^U(−1, 1) ∈ [0.1, 10] for every scale-invariant row, in layout order. */
    private static double[] rowScales(long seed) {
        Random random = new Random(seed);
        double[] c = new double[6 + 4];
        for (int k = 0; k < c.length; k++) {
            c[k] = Math.pow(10, 2 * random.nextDouble() - 1);
        }
        return c;
    }

    private static void scaleRows(Network net, double[] scale) {
        int k = 0;
        for (Params.Tensor t : net.params().scaleInvariantTensors()) {
            INDArray w = net.params().view(net.theta(), t);
            for (int row = 0; row < t.rows(); row++) {
                w.getRow(row).muli(scale[k++]);
            }
        }
    }

    @Test
    void wrsKeepsUnitRowsAndItsRescaleLeavesTheNetworkFunctionUnchanged() {
        SeededTraining.Trainer run = new SeededTraining.Trainer(SeededTraining.bnNetwork(),
                Optimizers.wrs(LEARNING_RATE, DecayMask.WEIGHTS).with("weightDecay", 0), data);
        Network withoutRescale = SeededTraining.bnNetwork();
        Stepper inner = new Stepper(Optimizers.sgd(LEARNING_RATE), withoutRescale.params(), withoutRescale.theta());
        for (int step = 0; step < STEPS; step++) {
            INDArray gradient = run.gradient();
            withoutRescale.theta().assign(run.network.theta());
            inner.step(gradient.dup());
            run.stepper.step(gradient);
            for (double[] norms : squaredRowNorms(run.network.params(), run.network.theta())) {
                for (double n : norms) {
                    assertEquals(1.0, n, EXACT);
                }
            }
            INDArray rescaled = run.network.outputs(run.batch.x(), BatchNormMode.TRAIN);
            INDArray unscaled = withoutRescale.outputs(run.batch.x(), BatchNormMode.TRAIN);
            double difference = rescaled.sub(unscaled).norm2Number().doubleValue();
            assertTrue(difference <= EXACT * unscaled.norm2Number().doubleValue(), "step " + step);
        }
    }

    @Test
    void wrsInitialNormKeepsEveryRowAtItsInitialNorm() {
        Network net = SeededTraining.bnNetwork();
        double[][] initial = squaredRowNorms(net.params(), net.theta());
        SeededTraining.Trainer run = new SeededTraining.Trainer(net,
                Optimizers.wrsInitialNorm(LEARNING_RATE, DecayMask.WEIGHTS), data);
        run.steps(STEPS);
        double[][] last = squaredRowNorms(net.params(), net.theta());
        for (int t = 0; t < initial.length; t++) {
            for (int k = 0; k < initial[t].length; k++) {
                assertEquals(initial[t][k], last[t][k], EXACT * initial[t][k]);
            }
        }
    }

    @Test
    void psiRetractionKeepsRowNormsWhilePlainPsiGrowsThem() {
        Network retracted = SeededTraining.bnNetwork();
        Network plain = SeededTraining.bnNetwork();
        double[][] initial = squaredRowNorms(retracted.params(), retracted.theta());
        new SeededTraining.Trainer(retracted, Optimizers.psiSgdRetracted(0.2, DecayMask.WEIGHTS), data).steps(STEPS);
        new SeededTraining.Trainer(plain, Optimizers.psiSgd(0.2, DecayMask.WEIGHTS), data).steps(STEPS);
        double[][] kept = squaredRowNorms(retracted.params(), retracted.theta());
        double[][] grown = squaredRowNorms(plain.params(), plain.theta());
        for (int t = 0; t < initial.length; t++) {
            for (int k = 0; k < initial[t].length; k++) {
                assertEquals(initial[t][k], kept[t][k], EXACT * initial[t][k]);
                assertTrue(grown[t][k] > initial[t][k] * (1 + 1e-6), "PSI without retraction grows row norms");
            }
        }
    }

    /** ‖w_k‖² of every scale-invariant row of {@code flat}, computed in plain Java. */
    static double[][] squaredRowNorms(Params params, INDArray flat) {
        return params.scaleInvariantTensors().stream().map(t -> {
            double[][] w = params.view(flat, t).toDoubleMatrix();
            double[] norms = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                for (double v : w[k]) {
                    norms[k] += v * v;
                }
            }
            return norms;
        }).toArray(double[][]::new);
    }

    /** I − UUᵀ for U an orthonormal basis of the rows' span (Gram–Schmidt twice, rank threshold 1e-8). */
    private static double[][] complementProjector(double[][] rows) {
        int d = rows[0].length;
        java.util.List<double[]> basis = new java.util.ArrayList<>();
        for (double[] row : rows) {
            double[] v = row.clone();
            for (int pass = 0; pass < 2; pass++) {
                for (double[] u : basis) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += u[j] * v[j];
                    }
                    for (int j = 0; j < d; j++) {
                        v[j] -= dot * u[j];
                    }
                }
            }
            double norm = Math.sqrt(frobenius(new double[][] {v}));
            if (norm > 1e-8 * Math.sqrt(frobenius(new double[][] {row}))) {
                for (int j = 0; j < d; j++) {
                    v[j] /= norm;
                }
                basis.add(v);
            }
        }
        assertEquals(3, basis.size(), "the data spans a 3-dimensional subspace");
        double[][] p = new double[d][d];
        for (int i = 0; i < d; i++) {
            p[i][i] = 1;
            for (double[] u : basis) {
                for (int j = 0; j < d; j++) {
                    p[i][j] -= u[i] * u[j];
                }
            }
        }
        return p;
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    /** Squared Frobenius norm. */
    private static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }
}
