package org.normlab.sim.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;

/**
 * The fixed subset of the training set that evaluations, diagnostics and checkpoints measure on: {@code indices}
 * into the training set in increasing order, and those rows as one batch in the same order.
 */
public record ProbeSet(int[] indices, Batch batch) {

    /**
     * {@code min(maxSize, train.size())} distinct training examples drawn with {@code seed}: the first batch of a
     * seeded {@link BatchOrder}, sorted.
     */
    public static ProbeSet draw(Dataset train, int maxSize, long seed) {
        int[] indices = new BatchOrder(train.size(), Math.min(maxSize, train.size()), seed).next();
        Arrays.sort(indices);
        return new ProbeSet(indices, Batch.of(train, indices));
    }

    /**
     * Writes the rows as CSV, {@code index,label,x0,…,x(d−1)}, one example per line in batch order; numbers in
     * Java's shortest exact form, so an independent program reads the very same doubles.
     */
    public void writeCsv(OutputStream file, Dataset train) throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8));
        out.write("index,label");
        for (int j = 0; j < train.dimension(); j++) {
            out.write(",x" + j);
        }
        out.newLine();
        for (int i : indices) {
            out.write(i + "," + train.labels()[i]);
            for (double x : train.features()[i]) {
                out.write("," + x);
            }
            out.newLine();
        }
        out.flush();
    }
}
