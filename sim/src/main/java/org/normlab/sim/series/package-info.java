/**
 * The catalogue of series: every id a run writes to {@code metrics.csv}, with its symbol, axis label and scale, and
 * for each curvature estimate the companions written beside it (error bound, threshold). Probes, the run's recorder,
 * the lab's charts and the exported figures read ids and labels from here; nothing else spells them.
 */
package org.normlab.sim.series;
