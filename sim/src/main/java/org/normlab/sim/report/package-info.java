/**
 * Reports of finished runs: {@link org.normlab.sim.report.RunFigures} reads a run's or a race's {@code metrics.csv}
 * files and builds their {@link org.normlab.sim.figure.Figure}s. It sits above both {@code run} (the files it reads)
 * and {@code figure} (the model it builds), so neither of those depends on the other.
 */
package org.normlab.sim.report;
