package org.normlab.app.session;

import java.util.function.BooleanSupplier;
import org.normlab.sim.run.ProbeSet;

/**
 * What every run of an {@link EngineSession} shares: the probe set and the steps between measurements on it, the
 * last step, and whether the session is playing.
 */
record RaceData(ProbeSet probe, int probeEvery, long lastStep, BooleanSupplier playing) {
}
