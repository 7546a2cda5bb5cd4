package org.normlab.sim.run;

import org.normlab.sim.series.Quantity;

/** The quantities a run records itself (the probes write the rest), each a series of the catalogue. */
public enum Metric {
    /** Loss of the step's minibatch, before the update (train-mode BN). */
    TRAIN_LOSS(Quantity.TRAIN_LOSS),
    /** Euclidean norm of the step's minibatch gradient. */
    GRAD_NORM(Quantity.GRAD_NORM),
    /** Loss on the probe set, eval-mode BN. */
    PROBE_LOSS(Quantity.PROBE_LOSS),
    /** Accuracy on the probe set (a sample of the training set), eval-mode BN. */
    PROBE_ACCURACY(Quantity.PROBE_ACCURACY),
    /** Loss on the test set, eval-mode BN. */
    TEST_LOSS(Quantity.TEST_LOSS),
    /** Accuracy on the test set, eval-mode BN. */
    TEST_ACCURACY(Quantity.TEST_ACCURACY),
    /** An event: value 1 at the step where the loss, gradient or parameters stopped being finite. */
    DIVERGED(Quantity.DIVERGED);

    private final Quantity series;

    Metric(Quantity series) {
        this.series = series;
    }

    /** The dotted id as written in the metrics CSV. */
    public String id() {
        return series.id();
    }
}
