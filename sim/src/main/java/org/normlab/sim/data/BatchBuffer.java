package org.normlab.sim.data;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers minibatches of one size into the same float64 arrays every step, so a training step allocates nothing
 * off-heap (each ND4J allocation takes process-wide locks that stall the other runs of a race). The batch it returns
 * is overwritten by the next {@link #gather}.
 */
public final class BatchBuffer {
    private final Dataset data;
    private final double[] ys;
    private final int[] labels;
    private final Batch batch;

    public BatchBuffer(Dataset data, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + size);
        }
        this.data = data;
        this.ys = new double[size * data.numClasses()];
        this.labels = new int[size];
        INDArray x = Nd4j.create(DataType.DOUBLE, size, data.dimension());
        INDArray y = Nd4j.create(DataType.DOUBLE, size, data.numClasses());
        this.batch = new Batch(x, y, labels);
    }

    /** The examples {@code rows} of the data set, in this buffer's arrays. */
    public Batch gather(int[] rows) {
        if (rows.length != labels.length) {
            throw new IllegalArgumentException("this buffer holds batches of " + labels.length + ", not "
                    + rows.length);
        }
        int d = data.dimension();
        int k = data.numClasses();
        Arrays.fill(ys, 0.0);
        // Rows go straight into the batch's buffer in bulk: DataBuffer.setData writes element by element, which in a
        // JFR profile of the MNIST race (784 wide) held a third of the run threads' Java samples.
        DoubleBuffer x = batch.x().data().asNioDouble();
        for (int i = 0; i < rows.length; i++) {
            x.put(i * d, data.features()[rows[i]], 0, d);
            labels[i] = data.labels()[rows[i]];
            ys[i * k + labels[i]] = 1.0;
        }
        batch.y().data().asNioDouble().put(0, ys);
        // Written through the host's view: a backend with device memory must take the host copy as the current one.
        Nd4j.getAffinityManager().tagLocation(batch.x(), AffinityManager.Location.HOST);
        Nd4j.getAffinityManager().tagLocation(batch.y(), AffinityManager.Location.HOST);
        return batch;
    }
}
