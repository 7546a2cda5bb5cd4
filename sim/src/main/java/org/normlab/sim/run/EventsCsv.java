package org.normlab.sim.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What happened to a run besides its steps, {@code run,step,event,name,old,new}: {@code set} (hyperparameter
 * {@code name} changed from {@code old} to {@code new}, applying from step {@code step + 1}) and {@code reset} (back
 * to the initial weights after {@code step} steps; the other cells empty). Values in Java's shortest exact form.
 */
public final class EventsCsv implements Closeable {
    public static final String HEADER = "run,step,event,name,old,new";

    private final BufferedWriter out;

    public EventsCsv(Path file) throws IOException {
        out = Files.newBufferedWriter(file);
        out.write(HEADER);
        out.newLine();
    }

    public void set(String run, long step, String name, double old, double value) throws IOException {
        out.write(run + "," + step + ",set," + name + "," + old + "," + value);
        out.newLine();
    }

    public void reset(String run, long step) throws IOException {
        out.write(run + "," + step + ",reset,,,");
        out.newLine();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
