/**
 * Experiments and runs: the {@link org.normlab.sim.run.Experiment} read strictly from JSON, a {@link
 * org.normlab.sim.run.Run} (one network, one optimizer, one batch stream), and the files a headless run writes:
 * metrics CSV, checkpoint and probe set.
 */
package org.normlab.sim.run;
