package org.normlab.sim.run;

import java.io.Closeable;
import java.io.IOException;

/**
 * What happened to a run besides its steps, {@code run,step,event,name,old,new}: {@code set} (hyperparameter
 * {@code name} changed from {@code old} to {@code new}, applying from step {@code step + 1}) and {@code reset} (back
 * to the initial weights after {@code step} steps; the other cells empty). Values in Java's shortest exact form;
 * written in whole lines.
 */
public final class EventsCsv implements Closeable {
    public static final String HEADER = "run,step,event,name,old,new";

    private final LineWriter out;

    EventsCsv(LineWriter out) throws IOException {
        this.out = out;
        out.line(HEADER);
    }

    public void set(String run, long step, String name, double old, double value) throws IOException {
        out.line(run + "," + step + ",set," + name + "," + old + "," + value);
    }

    public void reset(String run, long step) throws IOException {
        out.line(run + "," + step + ",reset,,,");
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
