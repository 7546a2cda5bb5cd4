package org.normlab.sim.run;

import org.normlab.sim.optim.Hyperparameter;

/**
 * The one home of the batch size's own rules, for {@code training.batchSize} and every change of {@link Run#BATCH_SIZE}
 * (in a file's schedule or live): a whole number of examples per step, 0 for the full batch, and once the data is
 * known at most the training set's size. Whether a network's BatchNorm can normalize it is the network's rule
 * ({@link org.normlab.sim.model.NetworkSpec#normalizes}).
 */
final class BatchSize {
    private BatchSize() {
    }

    /** The batch sizes of a training set of {@code examples}: whole numbers from 0 (full batch) to its size. */
    static Hyperparameter.Domain domain(int examples) {
        return new Hyperparameter.Domain(0, true, examples, true, true);
    }

    /** Refuses, naming {@code field}, a batch size that is not a whole number >= 0 (the data not known yet). */
    static void requireWhole(double value, String field) {
        if (value != Math.rint(value) || value < 0) {
            throw new IllegalArgumentException(field + " must be a whole number >= 0 (0 = full batch), was " + value);
        }
    }

    /** Refuses, naming {@code field} and the range, a batch size outside {@link #domain} of {@code examples}. */
    static void requireWithin(double value, String field, int examples) {
        if (!domain(examples).contains(value)) {
            throw new IllegalArgumentException(field + " must be a whole number in [0, " + examples
                    + "] (0 = full batch), was " + value);
        }
    }
}
