package org.normlab.sim.run;

/** The quantities a run records, each with its dotted id as written in the metrics CSV. */
public enum Metric {
    /** Loss of the step's minibatch, before the update (train-mode BN). */
    TRAIN_LOSS("train.loss"),
    /** Euclidean norm of the step's minibatch gradient. */
    GRAD_NORM("grad.norm"),
    /** Loss on the probe set, eval-mode BN. */
    PROBE_LOSS("probe.loss"),
    /** Accuracy on the probe set (a sample of the training set), eval-mode BN. */
    PROBE_ACCURACY("probe.accuracy"),
    /** Loss on the test set, eval-mode BN. */
    TEST_LOSS("test.loss"),
    /** Accuracy on the test set, eval-mode BN. */
    TEST_ACCURACY("test.accuracy"),
    /** An event: value 1 at the step where the loss, gradient or parameters stopped being finite. */
    DIVERGED("diverged");

    private final String id;

    Metric(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
