/**
 * How the engine talks to ND4J: {@link org.normlab.sim.backend.Backend} (float64 and one compute thread, set once per
 * process) and {@link org.normlab.sim.backend.PreparedOps} (libnd4j operations with contexts built once for the
 * arrays they run on). The model's layers and the optimizer's stages both compute through it.
 */
package org.normlab.sim.backend;
