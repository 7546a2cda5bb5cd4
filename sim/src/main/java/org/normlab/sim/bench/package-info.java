/**
 * {@code normlab bench}: how fast the engine's training step and Hessian-vector product are, beside a plain-Java
 * reference of the same arithmetic ({@link org.normlab.sim.bench.ReferenceMlp}) and PyTorch's figures, and whether
 * resident memory stays flat over many steps.
 */
package org.normlab.sim.bench;
