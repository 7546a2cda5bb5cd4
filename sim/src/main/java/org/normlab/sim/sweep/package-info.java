/**
 * Sweeps: one base experiment trained over a grid of settings — per-optimizer hyperparameter grids, batch sizes,
 * widths and seeds — each setting a trial with its own run folder, on a local pool of threads or on another
 * {@link org.normlab.sim.sweep.SweepEngine} (Apache Spark, in the {@code spark} module). {@link org.normlab.sim.sweep.Sweep}
 * reads the file and numbers the trials; {@link org.normlab.sim.sweep.TrialRunner} runs one; {@link
 * org.normlab.sim.sweep.SweepFolder} holds the results.
 */
package org.normlab.sim.sweep;
