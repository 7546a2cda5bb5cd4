package org.normlab.app.session;

import java.util.function.BooleanSupplier;

/**
 * What every run of an {@link EngineSession} shares: the steps between probe-set evaluations, the last step, and
 * whether the session is playing.
 */
record RaceData(int probeEvery, long lastStep, BooleanSupplier playing) {
}
