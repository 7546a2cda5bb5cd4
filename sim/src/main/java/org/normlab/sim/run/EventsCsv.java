package org.normlab.sim.run;

import java.io.IOException;

/**
 * What happened to a run besides its steps, {@code run,step,event,name,old,new}: {@code set} (hyperparameter
 * {@code name} changed from {@code old} to {@code new}, applying from step {@code step + 1}) and {@code reset} (back
 * to the initial weights after {@code step} steps; the other cells empty). Written as a {@link CsvFile}.
 */
public final class EventsCsv extends CsvFile {
    public static final String HEADER = "run,step,event,name,old,new";

    EventsCsv(LineWriter out) throws IOException {
        super(out, HEADER);
    }

    public void set(String run, long step, String name, double old, double value) throws IOException {
        row(run, step, "set", name, old, value);
    }

    public void reset(String run, long step) throws IOException {
        row(run, step, "reset", "", "", "");
    }
}
