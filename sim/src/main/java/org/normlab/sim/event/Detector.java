package org.normlab.sim.event;

import java.util.function.Consumer;

/** Reads one run's series as they are written, in order, and reports what it finds. */
interface Detector {

    /** Series {@code series} has {@code value} at {@code step}; events found go to {@code found}. */
    void observe(String series, long step, double value, Consumer<Event> found);
}
