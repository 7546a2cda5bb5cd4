/**
 * The network and its exact derivatives: {@link org.normlab.sim.model.Network} built from a
 * {@link org.normlab.sim.model.NetworkSpec}, parameters in one flat float64 vector laid out by
 * {@link org.normlab.sim.model.Params}, and layers whose forward, backward, R-forward and R-backward passes sit side
 * by side (Linear, BatchNorm, activations). Gradient by backpropagation, Hessian-vector product by Pearlmutter's
 * R-operator, Gauss–Newton (= Fisher) product by an R-forward pass followed by a backward pass (sim/docs/math.md §1–2).
 */
package org.normlab.sim.model;
