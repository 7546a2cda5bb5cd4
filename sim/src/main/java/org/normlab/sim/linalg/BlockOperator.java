package org.normlab.sim.linalg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The diagonal block {@code A_BB} of a symmetric operator for the index range B = [from, to): {@code A_BB v_B =
 * (A [0; v_B; 0])_B}, one product of A each (sim/docs/math.md §9, per-layer curvature). Its eigenvalues interlace
 * A's, so {@code λ_max(A_BB) ≤ λ_max(A)}, and the blocks of a partition have traces summing to {@code tr(A)}.
 */
public final class BlockOperator implements LinearOperator {
    private final LinearOperator full;
    private final long from;
    private final long to;
    private final INDArray padded;
    private final INDArray product;
    private final INDArray paddedBlock;
    private final INDArray productBlock;

    public BlockOperator(LinearOperator full, long from, long to) {
        if (!(0 <= from && from < to && to <= full.dimension())) {
            throw new IllegalArgumentException("block [" + from + ", " + to + ") must be a nonempty range within [0, "
                    + full.dimension() + ")");
        }
        this.full = full;
        this.from = from;
        this.to = to;
        this.padded = Nd4j.zeros(DataType.DOUBLE, full.dimension());
        this.product = Nd4j.zeros(DataType.DOUBLE, full.dimension());
        this.paddedBlock = padded.get(NDArrayIndex.interval(from, to));
        this.productBlock = product.get(NDArrayIndex.interval(from, to));
    }

    @Override
    public long dimension() {
        return to - from;
    }

    @Override
    public void apply(INDArray v, INDArray out) {
        paddedBlock.assign(v);
        full.apply(padded, product);
        out.assign(productBlock);
    }
}
