/**
 * The curvature toolbox beyond the top eigenvalue (sim/docs/math.md §9), on a network's exact Hessian- and
 * Fisher-vector products ({@link org.normlab.sim.model.Curvature}) and the solvers of
 * {@link org.normlab.sim.linalg}: per-layer curvature, landscape slices along filter-normalized directions, and batch
 * sharpness. Each measurement leaves the network's parameters and running statistics as it found them.
 */
package org.normlab.sim.curvature;
