/**
 * Eigenvalues of curvature without forming matrices: {@link org.normlab.sim.linalg.LinearOperator}s for the Hessian,
 * the Gauss–Newton/Fisher and Adam's preconditioned Hessian, and {@link org.normlab.sim.linalg.Lanczos} with full
 * reorthogonalization and warm starts, stopping on an error bound: its {@link org.normlab.sim.linalg.EigenEstimate}
 * carries the bound (the true residual; λ_max lies in [value, value + bound]) and whether it is within tolerance
 * (sim/docs/math.md §4).
 */
package org.normlab.sim.linalg;
