package org.normlab.sim.run;

import java.io.IOException;

/**
 * Metrics in long format, {@code run,step,metric,value}: one row per measurement, at full resolution, written as a
 * {@link CsvFile}.
 */
public final class MetricsCsv extends CsvFile {
    public static final String HEADER = "run,step,metric,value";

    MetricsCsv(LineWriter out) throws IOException {
        super(out, HEADER);
    }

    public void write(String run, long step, Metric metric, double value) throws IOException {
        write(run, step, metric.id(), value);
    }

    /** A row of series {@code id}, e.g. a probe's. */
    public void write(String run, long step, String id, double value) throws IOException {
        row(run, step, id, value);
    }
}
