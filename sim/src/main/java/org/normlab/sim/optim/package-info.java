/**
 * Optimizers as composable stages in the style of Optax: a {@link org.normlab.sim.optim.Transform} turns a gradient
 * into an update in place on the flat parameter vector, {@link org.normlab.sim.optim.Transforms} has the stages
 * (chain, masked, momentum, Adam, weight decay, row projections, PSI and INSGD scalings),
 * {@link org.normlab.sim.optim.Optimizers} the named recipes of sim/docs/math.md §3,
 * {@link org.normlab.sim.optim.PeriodicSampling} the PSWA/PWALKS/PSWM wrapper, and
 * {@link org.normlab.sim.optim.Stepper} binds one to a network's θ. Every hyperparameter is a live
 * {@link org.normlab.sim.optim.Hyperparameter} with a validated domain.
 */
package org.normlab.sim.optim;
