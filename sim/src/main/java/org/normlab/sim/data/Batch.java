package org.normlab.sim.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A minibatch as the network consumes it: inputs {@code x} [n, d], one-hot targets {@code y} [n, k] (float64),
 * and the class labels they encode.
 */
public record Batch(INDArray x, INDArray y, int[] labels) {

    /** Gathers the examples {@code rows} of {@code data} into a float64 batch. */
    public static Batch of(Dataset data, int[] rows) {
        int n = rows.length;
        int d = data.dimension();
        int k = data.numClasses();
        double[] xs = new double[n * d];
        double[] ys = new double[n * k];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.features()[rows[i]], 0, xs, i * d, d);
            labels[i] = data.labels()[rows[i]];
            ys[i * k + labels[i]] = 1.0;
        }
        INDArray x = Nd4j.create(xs, new long[] {n, d}, DataType.DOUBLE);
        INDArray y = Nd4j.create(ys, new long[] {n, k}, DataType.DOUBLE);
        return new Batch(x, y, labels);
    }

    /** The whole data set as one batch, in its stored order. */
    public static Batch all(Dataset data) {
        return of(data, IndexOrder.identity(data.size()));
    }

    public int size() {
        return labels.length;
    }
}
