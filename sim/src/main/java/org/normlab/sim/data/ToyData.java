package org.normlab.sim.data;

/** Seeded generators of small classification sets. */
public final class ToyData {
    private ToyData() {
    }

    /** Two interleaved spirals of n points in the plane, Gaussian noise of standard deviation {@code noise}. */
    public static Dataset spirals(int n, double noise, long seed) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
