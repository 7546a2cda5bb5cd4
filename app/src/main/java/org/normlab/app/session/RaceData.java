package org.normlab.app.session;

import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * What every run of an {@link EngineSession} shares: the steps between probe-set evaluations, the last step,
 * whether the session is playing, and the speed limit in steps per second per run (0 = none).
 */
record RaceData(int probeEvery, long lastStep, BooleanSupplier playing, DoubleSupplier speed) {
}
