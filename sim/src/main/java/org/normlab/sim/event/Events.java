package org.normlab.sim.event;

import java.util.List;
import java.util.function.Consumer;
import org.normlab.sim.series.Quantity;

/**
 * The detectors of one run, fed every value it records, on its thread; start a new one at step 0 (also after a
 * reset). A divergence is the value 1 of {@link Quantity#DIVERGED} at the step it happened.
 */
public final class Events {
    private static final String DIVERGED = Quantity.DIVERGED.id();

    private final List<Detector> detectors = List.of(new ThresholdCrossing(), new AngularEquilibrium(),
            new LossSpike());

    /** Series {@code series} has {@code value} at {@code step}; what the detectors find goes to {@code found}. */
    public void observe(String series, long step, double value, Consumer<Event> found) {
        if (series.equals(DIVERGED)) {
            found.accept(new Event(step, Event.Kind.DIVERGED, series, value, Double.NaN,
                    "diverged: the loss, gradient or weights stopped being finite"));
            return;
        }
        for (Detector detector : detectors) {
            detector.observe(series, step, value, found);
        }
    }
}
