package org.normlab.sim.curvature;

import java.util.ArrayList;
import java.util.List;
import org.normlab.sim.linalg.BlockOperator;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.HutchinsonTrace;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.linalg.SampleMean;
import org.normlab.sim.model.Params;

/**
 * Per-layer curvature (sim/docs/math.md §9): for each parameter tensor B (a Linear layer's weights W or bias b, a
 * BatchNorm's γ or β), the top eigenvalue and the trace of the diagonal block {@code A_BB}, {@code A_BB v_B =
 * (A [0; v_B; 0])_B} ({@link BlockOperator}): how sharp the loss is along that tensor's coordinates alone. By
 * interlacing each block's λ_max is at most the whole network's, and the block traces sum to the whole trace.
 * Costs per tensor one Lanczos run plus {@code probes} products, each a full product of A.
 */
public final class LayerCurvature {
    private LayerCurvature() {
    }

    /** One tensor's block: λ_max with its §4 bound, and Hutchinson's trace with its standard error. */
    public record Block(String tensor, long size, EigenEstimate top, SampleMean trace) {
    }

    /**
     * The blocks of {@code a} (an operator on {@code params}' flat vector), in layout order; seeds derive from
     * {@code seed} and the tensor index.
     */
    public static List<Block> measure(LinearOperator a, Params params, Lanczos lanczos, int probes, long seed) {
        List<Block> blocks = new ArrayList<>();
        for (Params.Tensor t : params.tensors()) {
            LinearOperator block = new BlockOperator(a, t.offset(), t.offset() + t.length());
            long tensorSeed = seed + 31L * t.index();
            blocks.add(new Block(t.name(), t.length(), lanczos.largest(block, tensorSeed),
                    HutchinsonTrace.of(block, probes, tensorSeed + 1)));
        }
        return blocks;
    }
}
