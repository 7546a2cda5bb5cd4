package org.normlab.sim.probe;

/**
 * How often the standard probes run, in training steps ({@link Probes#standard}): the weight probes (norms,
 * effective learning rate, angular update), the evaluations on the probe and test sets (loss, accuracy, gradient
 * norm, orthogonal noise) and the curvature estimates (sharpness, Fisher). Every interval ≥ 1.
 */
public record Cadence(long weights, long evaluations, long curvature) {
    /** Weight probes every this many steps: a few vector operations, whatever the probe set. */
    public static final long WEIGHTS_EVERY = 20;
    /** Evaluations every this many probe-set passes' worth of training steps. */
    public static final long EVALUATIONS_EVERY = 50;
    /** Curvature estimates every this many probe-set passes' worth of training steps. */
    public static final long CURVATURE_EVERY = 200;

    public Cadence {
        if (weights < 1 || evaluations < 1 || curvature < 1) {
            throw new IllegalArgumentException("cadence intervals must be ≥ 1 step, were weights " + weights
                    + ", evaluations " + evaluations + ", curvature " + curvature);
        }
    }

    /**
     * The default: intervals in proportion to the probe set's size in minibatches, r = ⌈probe set / batch⌉, since a
     * pass over the probe set costs about r training steps; so the probes take about the same share of the training
     * time whatever the two sizes (full-batch GD: evaluations every 50 steps, curvature every 200).
     */
    public static Cadence standard(int batchSize, int probeSetSize) {
        if (batchSize < 1 || probeSetSize < 1) {
            throw new IllegalArgumentException("batchSize and probeSetSize must be ≥ 1, were " + batchSize + " and "
                    + probeSetSize);
        }
        long passes = (probeSetSize + batchSize - 1) / batchSize;
        return new Cadence(WEIGHTS_EVERY, EVALUATIONS_EVERY * passes, CURVATURE_EVERY * passes);
    }
}
