package org.normlab.app.session;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.normlab.sim.data.InputPlane;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ProbeSet;

/**
 * What every run of an {@link EngineSession} shares: the experiment (its evaluation cadence and last step), the
 * race's probe set, whether the session is playing, and the plane the data was generated in, if it was.
 */
record RaceData(Experiment experiment, ProbeSet probeSet, BooleanSupplier playing, Optional<InputPlane> plane) {
}
