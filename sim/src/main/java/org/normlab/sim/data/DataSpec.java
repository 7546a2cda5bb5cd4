package org.normlab.sim.data;

/**
 * Which data set an experiment trains on and how it is prepared. Validated in the constructor; {@link #load} builds
 * the train/test split.
 */
public record DataSpec(String kind) {

    /** Builds the data set and splits it. {@code assets} is the folder that holds {@code data/}. */
    public Split load(java.nio.file.Path assets) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Training and test data. */
    public record Split(Dataset train, Dataset test) {
    }
}
