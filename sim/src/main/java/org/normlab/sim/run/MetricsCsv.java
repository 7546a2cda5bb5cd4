package org.normlab.sim.run;

import java.io.Closeable;
import java.io.IOException;

/**
 * Metrics in long format, {@code run,step,metric,value}: one row per measurement, at full resolution. Values in
 * Java's shortest exact form ({@code NaN} and {@code Infinity} as such). Written in whole lines: what is on disk
 * parses even if the process is killed.
 */
public final class MetricsCsv implements Closeable {
    public static final String HEADER = "run,step,metric,value";

    private final LineWriter out;

    MetricsCsv(LineWriter out) throws IOException {
        this.out = out;
        out.line(HEADER);
    }

    public void write(String run, long step, Metric metric, double value) throws IOException {
        write(run, step, metric.id(), value);
    }

    /** A row of series {@code id}, e.g. a probe's. */
    public void write(String run, long step, String id, double value) throws IOException {
        out.line(run + "," + step + "," + id + "," + value);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
