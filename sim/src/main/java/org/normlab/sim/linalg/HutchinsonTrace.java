package org.normlab.sim.linalg;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hutchinson's trace estimate (Hutchinson 1990; sim/docs/math.md §9): {@code tr(A) ≈ (1/m) Σ zᵀ A z} over m
 * Rademacher probes z, one operator product each, with the standard error {@code s/√m} of the m samples. Exact for a
 * diagonal A (every sample is the trace); its variance is {@code 2 Σ_{i≠j} A_ij²} per probe.
 */
public final class HutchinsonTrace {
    private HutchinsonTrace() {
    }

    /** The trace of {@code a} from {@code probes} ≥ 1 Rademacher vectors drawn from {@code new Random(seed)}. */
    public static SampleMean of(LinearOperator a, int probes, long seed) {
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be ≥ 1, got " + probes);
        }
        int n = Math.toIntExact(a.dimension());
        Random random = new Random(seed);
        INDArray az = Nd4j.zeros(DataType.DOUBLE, n);
        double[] samples = new double[probes];
        for (int i = 0; i < probes; i++) {
            INDArray z = Rademacher.vector(n, 1, random);
            a.apply(z, az);
            samples[i] = Nd4j.getBlasWrapper().dot(z, az);
        }
        return SampleMean.of(samples);
    }
}
