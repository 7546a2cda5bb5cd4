package org.normlab.sim.run;

import java.io.IOException;
import org.normlab.sim.event.Event;

/**
 * What happened to a run besides its steps, {@code run,step,event,name,old,new}: {@code set} (hyperparameter
 * {@code name} changed from {@code old} to {@code new}, applying from step {@code step + 1}) and {@code reset} (back
 * to the initial weights after {@code step} steps; the other cells empty), and the events detected in the run's
 * series ({@link Event.Kind#word}: {@code threshold_crossing}, {@code equilibrium}, {@code loss_spike},
 * {@code diverged}), where {@code name} is the series, {@code old} what its value was held against (threshold,
 * predicted equilibrium, running median; empty for a divergence) and {@code new} its value. Written as a
 * {@link CsvFile}.
 */
public final class EventsCsv extends CsvFile {
    public static final String HEADER = "run,step,event,name,old,new";

    EventsCsv(LineWriter out) throws IOException {
        super(out, HEADER);
    }

    public void set(String run, long step, String name, double old, double value) throws IOException {
        row(run, step, "set", name, old, value);
    }

    public void marked(String run, Event event) throws IOException {
        row(run, event.step(), event.kind().word(), event.series(),
                Double.isNaN(event.reference()) ? "" : event.reference(), event.value());
    }

    public void reset(String run, long step) throws IOException {
        row(run, step, "reset", "", "", "");
    }
}
