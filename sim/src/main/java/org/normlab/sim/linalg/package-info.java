/**
 * Eigenvalues of curvature without forming matrices: {@link org.normlab.sim.linalg.LinearOperator}s for the Hessian,
 * the Gauss–Newton/Fisher and Adam's preconditioned Hessian, and {@link org.normlab.sim.linalg.Lanczos} with full
 * reorthogonalization and warm starts, whose {@link org.normlab.sim.linalg.EigenEstimate} reports its residual and
 * whether it converged (algorithms.md §4).
 */
package org.normlab.sim.linalg;
