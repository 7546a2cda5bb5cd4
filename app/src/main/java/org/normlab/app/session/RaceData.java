package org.normlab.app.session;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import org.normlab.sim.data.InputPlane;

/**
 * What every run of an {@link EngineSession} shares: the steps between probe-set evaluations, the last step,
 * whether the session is playing, the speed limit in steps per second per run (0 = none), and the plane the data
 * was generated in, if it was.
 */
record RaceData(int evaluateEvery, long lastStep, BooleanSupplier playing, DoubleSupplier speed,
                Optional<InputPlane> plane) {
}
