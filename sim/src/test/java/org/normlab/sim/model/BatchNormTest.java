package org.normlab.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.normlab.sim.model.GoldenTest.assertClose;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.normlab.sim.data.Batch;

/** Scale invariance (sim/docs/math.md §1), running statistics and ghost batches. */
class BatchNormTest {
    static final double IDENTITY_TOLERANCE = 1e-12;
    static final double[] SCALES = {0.1, 0.37, 4.2, 10};

    private final Batch batch = TestNetworks.batch(16, 4, 3, 21);
    private final NetworkSpec exact = TestNetworks.spec(Activation.TANH, Normalization.BATCH_NORM,
            LossFunction.CROSS_ENTROPY, 0.0, 0, 6, 5);

    /** With ε = 0, for every row w_k feeding BN: L(c w_k) = L(w_k), w_k·∇_{w_k}L = 0, ∇L(c w_k) = ∇L(w_k)/c. */
    @Test
    void scaleInvariantRowsSatisfyTheThreeIdentities() {
        Network net = TestNetworks.network(exact);
        INDArray grad = net.params().zeros();
        double loss = net.gradient(batch, BatchNormMode.TRAIN, grad);
        assertEquals(2, net.params().scaleInvariantTensors().size());
        for (Params.Tensor t : net.params().scaleInvariantTensors()) {
            INDArray w = net.params().view(net.theta(), t);
            INDArray g = net.params().view(grad, t);
            for (int k = 0; k < t.rows(); k++) {
                INDArray row = w.getRow(k);
                INDArray gradRow = g.getRow(k).dup();
                double dot = row.mul(gradRow).sumNumber().doubleValue();
                assertClose(t.name() + "[" + k + "]·∇", Math.abs(dot) / (row.norm2Number().doubleValue()
                        * gradRow.norm2Number().doubleValue()), IDENTITY_TOLERANCE);
                for (double c : SCALES) {
                    INDArray original = row.dup();
                    row.muli(c);
                    INDArray scaledGrad = net.params().zeros();
                    double scaledLoss = net.gradient(batch, BatchNormMode.TRAIN, scaledGrad);
                    row.assign(original);
                    assertClose("L(" + c + "·" + t.name() + "[" + k + "])", Numerics.relativeError(scaledLoss, loss),
                            IDENTITY_TOLERANCE);
                    assertClose("∇L(" + c + "·w)", Numerics.relativeError(
                            net.params().view(scaledGrad, t).getRow(k).mul(c), gradRow.toDoubleVector()),
                            1e-10);
                }
            }
        }
    }

    @Test
    void theRegistryListsExactlyTheRowsThatFeedBatchNorm() {
        assertEquals(java.util.List.of("W0", "W1"), new Network(exact).params().scaleInvariantTensors().stream()
                .map(Params.Tensor::name).toList());
        assertEquals(0, new Network(exact.withNormalization(Normalization.NONE)).params().scaleInvariantTensors()
                .size());
        assertEquals(0, new Network(exact.withNormalization(Normalization.MIMIC_NORM)).params()
                .scaleInvariantTensors().size());
    }

    /** PyTorch's convention: μ_run ← 0.9 μ_run + 0.1 μ_B, σ²_run ← 0.9 σ²_run + 0.1 σ²_B·n/(n−1). */
    @Test
    void aTrainingStepMovesRunningStatisticsTowardTheBatch() {
        Network net = TestNetworks.network(exact);
        INDArray z = batch.x().mmul(net.params().view(net.theta(), net.params().tensor("W0")).transpose());
        INDArray mean = z.mean(0);
        INDArray variance = z.var(true, 0);
        net.lossAndGradient(batch, net.params().zeros());
        INDArray[] stats = net.runningStatistics("bn0");
        assertClose("running mean", Numerics.relativeError(stats[0], mean.mul(0.1).toDoubleVector()), 1e-14);
        assertClose("running var", Numerics.relativeError(stats[1],
                variance.mul(0.1).addi(0.9).toDoubleVector()), 1e-14);
    }

    /** Re-estimation averages the batch statistics plainly: two batches give the mean of their means. */
    @Test
    void reestimationAveragesTheBatchStatistics() {
        Network net = TestNetworks.network(exact);
        Batch other = TestNetworks.batch(16, 4, 3, 22);
        INDArray w0 = net.params().view(net.theta(), net.params().tensor("W0")).transpose();
        INDArray expected = batch.x().mmul(w0).mean(0).add(other.x().mmul(w0).mean(0)).divi(2);
        INDArray expectedVar = batch.x().mmul(w0).var(true, 0).add(other.x().mmul(w0).var(true, 0)).divi(2);
        INDArray theta = net.theta().dup();
        net.reestimateRunningStatistics(java.util.List.of(batch, other));
        assertClose("re-estimated mean", Numerics.relativeError(net.runningStatistics("bn0")[0],
                expected.toDoubleVector()), 1e-14);
        assertClose("re-estimated var", Numerics.relativeError(net.runningStatistics("bn0")[1],
                expectedVar.toDoubleVector()), 1e-14);
        assertEquals(theta, net.theta());
        net.lossAndGradient(batch, net.params().zeros());
        INDArray afterStep = expected.mul(0.9).addi(batch.x().mmul(w0).mean(0).mul(0.1));
        assertClose("momentum resumes", Numerics.relativeError(net.runningStatistics("bn0")[0],
                afterStep.toDoubleVector()), 1e-14);
    }

    /** The input each Linear layer saw is exposed for INSGD: the first layer's is the batch itself. */
    @Test
    void linearInputsAreTheLastForwardPassInputs() {
        Network net = TestNetworks.network(exact);
        net.lossAndGradient(batch, net.params().zeros());
        assertEquals(batch.x(), net.linearInput(0));
        assertEquals(6, net.linearInput(1).columns());
        assertEquals(5, net.linearInput(2).columns());
    }

    /** With ghost batches of G rows, the loss is the mean of the losses of the G-row chunks taken alone. */
    @Test
    void ghostBatchesNormalizeEachChunkSeparately() {
        int ghost = 4;
        NetworkSpec ghosted = new NetworkSpec(4, java.util.List.of(6, 5), 3, Activation.TANH,
                Normalization.BATCH_NORM, Initialization.HE, LossFunction.CROSS_ENTROPY, 1e-5, ghost, 11);
        Network withGhosts = TestNetworks.network(ghosted);
        Network whole = TestNetworks.network(ghosted.withGhostBatchSize(0));
        double mean = 0;
        for (int r = 0; r < batch.size(); r += ghost) {
            int[] rows = java.util.stream.IntStream.range(r, r + ghost).toArray();
            Batch chunk = new Batch(batch.x().get(NDArrayIndex.interval(r, r + ghost), NDArrayIndex.all()).dup(),
                    batch.y().get(NDArrayIndex.interval(r, r + ghost), NDArrayIndex.all()).dup(),
                    java.util.Arrays.stream(rows).map(i -> batch.labels()[i]).toArray());
            mean += whole.loss(chunk, BatchNormMode.TRAIN) / (batch.size() / ghost);
        }
        assertClose("ghost-batch loss", Numerics.relativeError(withGhosts.loss(batch, BatchNormMode.TRAIN), mean),
                IDENTITY_TOLERANCE);
    }

    @Test
    void evalModeUsesRunningStatisticsNotTheBatch() {
        Network net = TestNetworks.network(exact);
        INDArray single = batch.x().getRow(0).reshape(1, 4);
        INDArray alone = net.outputs(single, BatchNormMode.EVAL).dup();
        INDArray inBatch = net.outputs(batch.x(), BatchNormMode.EVAL).getRow(0).reshape(1, 3);
        assertClose("eval output independent of the batch", Numerics.relativeError(alone, inBatch.toDoubleVector()),
                IDENTITY_TOLERANCE);
        INDArray trainOutput = net.outputs(batch.x(), BatchNormMode.TRAIN).getRow(0);
        double difference = Numerics.relativeError(trainOutput, alone.toDoubleVector());
        assertTrue(difference > 1e-3, "train mode normalizes with the batch's statistics: " + difference);
        assertEquals(Nd4j.zeros(5), net.runningStatistics("bn1")[0]);
    }
}
