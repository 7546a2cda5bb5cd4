/**
 * Events detected in a run's series as they are written (sim/docs/math.md §7): the sharpness first crossing its
 * threshold, the angular update reaching its spherical-motion equilibrium, loss spikes, divergence. Each detector
 * reads the (series, step, value) stream of one run on the run's thread.
 */
package org.normlab.sim.event;
