/**
 * Data: in-memory {@link org.normlab.sim.data.Dataset}s from seeded generators ({@link org.normlab.sim.data.ToyData})
 * or IDX files ({@link org.normlab.sim.data.Idx}), their preparation (embedding, downsampling, split,
 * standardization) as described by a {@link org.normlab.sim.data.DataSpec}, and the seeded
 * {@link org.normlab.sim.data.BatchOrder} in which training visits them.
 */
package org.normlab.sim.data;
