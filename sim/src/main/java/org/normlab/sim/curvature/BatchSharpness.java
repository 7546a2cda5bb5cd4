package org.normlab.sim.curvature;

import java.util.Arrays;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.normlab.sim.data.Batch;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.SampleMean;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.Network;

/**
 * Batch sharpness (sim/docs/math.md §9): the mean of {@code λ_max(H_B)} over mini-batches B of the training batch
 * size, each Hessian on its own batch with BatchNorm in the given mode (train mode: the batch's own statistics, ghost
 * batches within it as in training) — the curvature a mini-batch SGD step actually meets, typically above the
 * full-batch sharpness ({@code λ_max} is convex in H; exactly so without BatchNorm). The batches are the probe set's consecutive
 * {@code ⌊n/B⌋} chunks of B examples (the probe set is itself a seeded random draw); a remainder is left out.
 */
public final class BatchSharpness {
    private BatchSharpness() {
    }

    /** The per-batch estimates and their mean with its standard error over the batches. */
    public record Result(SampleMean mean, EigenEstimate[] batches) {
        /** Whether every batch's estimate met its tolerance. */
        public boolean converged() {
            return Arrays.stream(batches).allMatch(EigenEstimate::converged);
        }
    }

    /** λ_max of the Hessian of each of {@code probeSet}'s chunks of {@code batchSize} ≤ its size. */
    public static Result measure(Network network, Batch probeSet, BatchNormMode mode, int batchSize, Lanczos lanczos,
                                 long seed) {
        int count = chunks(probeSet, batchSize);
        EigenEstimate[] estimates = new EigenEstimate[count];
        double[] values = new double[count];
        for (int c = 0; c < count; c++) {
            Batch batch = chunk(probeSet, c * batchSize, batchSize);
            estimates[c] = lanczos.largest(Curvature.HESSIAN.of(network, batch, mode), seed + c);
            values[c] = estimates[c].value();
        }
        return new Result(SampleMean.of(values), estimates);
    }

    /** How many whole batches of {@code batchSize} the probe set holds (at least one). */
    private static int chunks(Batch probeSet, int batchSize) {
        if (batchSize < 1 || batchSize > probeSet.size()) {
            throw new IllegalArgumentException("batch size must be in [1, " + probeSet.size() + "] (the probe set's "
                    + "size), got " + batchSize);
        }
        return probeSet.size() / batchSize;
    }

    /** Examples [from, from + size) of {@code batch}, copied. */
    public static Batch chunk(Batch batch, int from, int size) {
        return new Batch(batch.x().get(NDArrayIndex.interval(from, from + size), NDArrayIndex.all()).dup(),
                batch.y().get(NDArrayIndex.interval(from, from + size), NDArrayIndex.all()).dup(),
                Arrays.copyOfRange(batch.labels(), from, from + size));
    }
}
