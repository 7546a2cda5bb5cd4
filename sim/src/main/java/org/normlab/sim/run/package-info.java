/**
 * Experiments, runs and races: the {@link org.normlab.sim.run.Experiment} read strictly from JSON (its runs, each an
 * {@link org.normlab.sim.run.OptimizerSetup} with scheduled changes), a {@link org.normlab.sim.run.Run} (one network,
 * one optimizer, one batch stream), the {@link org.normlab.sim.run.Race} that trains runs side by side on their own
 * threads under {@link org.normlab.sim.run.Command}s and tells {@link org.normlab.sim.run.RunListener}s, and the
 * files a {@link org.normlab.sim.run.HeadlessRace} writes: metrics and events CSV, checkpoint and probe set.
 */
package org.normlab.sim.run;
