/**
 * Probes: measurements that only observe a run (sim/docs/math.md §4). A {@link org.normlab.sim.probe.Probe} declares
 * its series ids once, says on which steps it is due ({@link org.normlab.sim.probe.Schedule}) and measures from a
 * {@link org.normlab.sim.probe.ProbeContext}; {@link org.normlab.sim.probe.Probes} runs the due ones at a step
 * boundary on the run's thread and accounts their time. Probes never change the trajectory: parameters, BatchNorm
 * running statistics and random state are the same with and without them.
 */
package org.normlab.sim.probe;
