/**
 * Guided tours played and checked without a window: {@link org.normlab.sim.tour.TourPlayer} applies a tour's actions
 * to a {@link org.normlab.sim.run.Race} and checks each step's claims ({@link org.normlab.sim.tour.ClaimCheck}) against
 * the series the runs recorded. The tour's format is {@link org.normlab.sim.run.Tour}, part of the experiment.
 */
package org.normlab.sim.tour;
