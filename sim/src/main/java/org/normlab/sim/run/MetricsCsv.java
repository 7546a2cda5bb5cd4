package org.normlab.sim.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Metrics in long format, {@code run,step,metric,value}: one row per measurement, at full resolution. Values in
 * Java's shortest exact form ({@code NaN} and {@code Infinity} as such).
 */
public final class MetricsCsv implements Closeable {
    public static final String HEADER = "run,step,metric,value";

    private final BufferedWriter out;

    public MetricsCsv(Path file) throws IOException {
        out = Files.newBufferedWriter(file);
        out.write(HEADER);
        out.newLine();
    }

    public void write(String run, long step, Metric metric, double value) throws IOException {
        write(run, step, metric.id(), value);
    }

    /** A row of series {@code id}, e.g. a probe's. */
    public void write(String run, long step, String id, double value) throws IOException {
        out.write(run + "," + step + "," + id + "," + value);
        out.newLine();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
