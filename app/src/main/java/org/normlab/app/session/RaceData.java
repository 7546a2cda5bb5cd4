package org.normlab.app.session;

import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.NetworkSpec;

/**
 * What every run of a {@link LocalRaceSession} shares, all plain Java (no ND4J arrays, which never cross threads):
 * the network to build, the training set, the probe rows, the batch order's size and seed and the diagnostics'
 * cadence.
 */
record RaceData(NetworkSpec network, Dataset train, int[] probeRows, int batchSize, long orderSeed, int probeEvery) {
}
