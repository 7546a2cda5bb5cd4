package org.normlab.sim.curvature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.linalg.DenseSymmetric;
import org.normlab.sim.linalg.JacobiEigenvalues;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.GoldenCase;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;

/**
 * Per-layer curvature, landscape slices and batch sharpness (sim/docs/math.md §9) on the tiny golden networks,
 * against their definitions: the dense Hessian's blocks, direct loss evaluations and the dense Hessians of the
 * mini-batches, eigenvalues by the Jacobi reference.
 */
class CurvatureMeasurementsTest {
    static final double EIGEN_TOLERANCE = 1e-8;
    static final double SLICE_TOLERANCE = 1e-12;

    static Lanczos tight(long dimension) {
        return new Lanczos(Math.toIntExact(dimension), 1e-12);
    }

    static double[][] entries(DenseSymmetric d) {
        double[][] m = new double[d.dimension()][d.dimension()];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                m[i][j] = d.get(i, j);
            }
        }
        return m;
    }

    static double largest(DenseSymmetric d) {
        double[] spectrum = JacobiEigenvalues.of(entries(d));
        return spectrum[spectrum.length - 1];
    }

    /** Each tensor's λ_max is the top eigenvalue of the dense Hessian's block; its trace within 3 SE of the block's. */
    @ParameterizedTest
    @ValueSource(strings = {"bn-tanh-ce", "bn-relu-mse-ghost4"})
    void perLayerCurvatureMatchesTheDenseBlocks(String name) {
        GoldenCase c = GoldenCase.load(name);
        Params params = c.network().params();
        LinearOperator hessian = Curvature.HESSIAN.of(c.network(), c.batch(), BatchNormMode.TRAIN);
        DenseSymmetric dense = DenseSymmetric.of(hessian);
        List<LayerCurvature.Block> blocks = LayerCurvature.measure(hessian, params, tight(params.size()), 30, 3);
        assertEquals(params.tensors().size(), blocks.size());
        for (Params.Tensor t : params.tensors()) {
            LayerCurvature.Block b = blocks.get(t.index());
            DenseSymmetric block = dense.block((int) t.offset(), (int) (t.offset() + t.length()));
            double top = largest(block);
            assertEquals(t.name(), b.tensor());
            assertTrue(b.top().converged(), name + " " + t.name());
            assertEquals(top, b.top().value(), EIGEN_TOLERANCE * Math.max(Math.abs(top), largest(dense)),
                    name + " " + t.name() + " λ_max");
            double trace = block.trace();
            assertTrue(Math.abs(b.trace().mean() - trace) <= 3 * b.trace().standardError() + 1e-12 * Math.abs(trace),
                    name + " " + t.name() + ": " + b.trace() + " vs " + trace);
        }
    }

    /** Every weight row of a normalized direction has its weight row's norm; vectors (biases, γ, β) are zero. */
    @Test
    void filterNormalizationMatchesRowNorms() {
        Network network = GoldenCase.load("bn-tanh-ce").network();
        Params params = network.params();
        INDArray d = gaussian(params.size(), 4);
        FilterNormalization.apply(d, network.theta(), params);
        for (Params.Tensor t : params.tensors()) {
            INDArray view = params.view(d, t);
            if (t.isMatrix()) {
                INDArray w = params.view(network.theta(), t);
                for (int k = 0; k < t.rows(); k++) {
                    assertEquals(w.getRow(k).norm2Number().doubleValue(), view.getRow(k).norm2Number().doubleValue(),
                            1e-14, t.name() + " row " + k);
                }
            } else {
                assertEquals(0, view.norm2Number().doubleValue(), t.name());
            }
        }
    }

    /** Slices equal losses evaluated directly at θ + a d₁ + b d₂, and leave θ bit for bit as it was. */
    @ParameterizedTest
    @ValueSource(strings = {"bn-tanh-ce", "bn-relu-mse-ghost4", "plain-tanh-mse"})
    void slicesMatchDirectLossEvaluations(String name) {
        GoldenCase c = GoldenCase.load(name);
        Network network = c.network();
        long n = network.params().size();
        INDArray d1 = gaussian(n, 1);
        INDArray d2 = gaussian(n, 2);
        FilterNormalization.apply(d2, network.theta(), network.params());
        double[] a = LandscapeSlice.offsets(0.5, 5);
        double[] b = LandscapeSlice.offsets(0.3, 3);
        double[] before = network.theta().toDoubleVector();
        double[][] plane = LandscapeSlice.plane(network, c.batch(), BatchNormMode.TRAIN, d1, d2, a, b);
        double[] line = LandscapeSlice.line(network, c.batch(), BatchNormMode.TRAIN, d1, a);
        assertArrayEquals(before, network.theta().toDoubleVector(), "θ restored exactly");
        double[] x1 = d1.toDoubleVector();
        double[] x2 = d2.toDoubleVector();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double[] point = new double[before.length];
                for (int p = 0; p < point.length; p++) {
                    point[p] = before[p] + a[i] * x1[p] + b[j] * x2[p];
                }
                network.theta().assign(Nd4j.createFromArray(point));
                double direct = network.loss(c.batch(), BatchNormMode.TRAIN);
                network.theta().assign(Nd4j.createFromArray(before));
                assertEquals(direct, plane[i][j], SLICE_TOLERANCE * Math.abs(direct), name + " at " + i + "," + j);
                if (b[j] == 0) {
                    assertEquals(direct, line[i], SLICE_TOLERANCE * Math.abs(direct), name + " line at " + i);
                }
            }
        }
    }

    /** Batch sharpness is the mean of the dense λ_max(H_B) over the consecutive batches, each with its own BN. */
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void batchSharpnessIsTheMeanOfTheBatchesTopEigenvalues(int batchSize) {
        GoldenCase c = GoldenCase.load("bn-tanh-ce");
        Network network = c.network();
        BatchSharpness.Result result = BatchSharpness.measure(network, c.batch(), BatchNormMode.TRAIN, batchSize,
                tight(network.params().size()), 9);
        int count = c.batch().size() / batchSize;
        assertEquals(count, result.batches().length);
        assertTrue(result.converged());
        double sum = 0;
        double largestTop = 0;
        for (int k = 0; k < count; k++) {
            Batch batch = BatchSharpness.chunk(c.batch(), k * batchSize, batchSize);
            assertArrayEquals(java.util.Arrays.copyOfRange(c.batch().labels(), k * batchSize, (k + 1) * batchSize),
                    batch.labels());
            double top = largest(DenseSymmetric.of(Curvature.HESSIAN.of(network, batch, BatchNormMode.TRAIN)));
            largestTop = Math.max(largestTop, Math.abs(top));
            assertEquals(top, result.batches()[k].value(), EIGEN_TOLERANCE * Math.abs(top), "batch " + k);
            sum += top;
        }
        assertEquals(sum / count, result.mean().mean(), EIGEN_TOLERANCE * largestTop);
    }

    static INDArray gaussian(long n, long seed) {
        Random random = new Random(seed);
        double[] x = new double[Math.toIntExact(n)];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return Nd4j.createFromArray(x);
    }
}
