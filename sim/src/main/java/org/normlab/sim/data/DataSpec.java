package org.normlab.sim.data;

import java.nio.file.Path;

/**
 * Which data set an experiment trains on and how it is prepared. Validated in the constructor (messages name the
 * field and the allowed range); {@link #load} builds the train/test split.
 *
 * @param kind           which generator, or MNIST
 * @param size           number of examples before the split (MNIST: first {@code size} of the file, 0 = all)
 * @param noise          generator noise (standard deviation); ignored for MNIST
 * @param classes        number of classes (blobs, teacher–student; others fix their own)
 * @param dimension      input dimension (blobs, teacher–student)
 * @param embedDimension 0 = none; otherwise a seeded low-rank embedding of the inputs into this many dimensions
 * @param downsample     1 = none; k = average-pool MNIST images k×k (2 gives 14×14)
 * @param standardize    standardize every feature with the training set's mean and standard deviation
 * @param testFraction   share of examples held out for testing, in [0, 1)
 * @param seed           seed of generation, embedding and split
 * @param images         IDX images file for MNIST (null = the shipped 10k subset in assets/data)
 * @param labels         IDX labels file for MNIST (null = the shipped 10k subset in assets/data)
 */
public record DataSpec(DataKind kind, int size, double noise, int classes, int dimension, int embedDimension,
                       int downsample, boolean standardize, double testFraction, long seed, String images,
                       String labels) {

    /** Builds the data set and splits it. {@code assets} is the folder that holds {@code data/}. */
    public Split load(Path assets) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Training and test data. */
    public record Split(Dataset train, Dataset test) {
    }
}
