package org.normlab.sim.event;

/**
 * Something a detector found in a run's series.
 *
 * @param step      the step it is marked at
 * @param kind      what it is
 * @param series    the series it was found in (its chart shows the mark)
 * @param value     the value judged: the series' value at {@code step}, for a loss spike the median of its last losses
 * @param reference what the value was held against: the threshold, the predicted equilibrium, the running median;
 *                  NaN for a divergence
 * @param text      one line for a chart's label, e.g. {@code sharpness above 2/η}
 */
public record Event(long step, Kind kind, String series, double value, double reference, String text) {

    /** The kinds of event, each with the word {@code events.csv} writes. */
    public enum Kind {
        /** {@link ThresholdCrossing}. */
        THRESHOLD_CROSSING("threshold_crossing"),
        /** {@link AngularEquilibrium}. */
        EQUILIBRIUM("equilibrium"),
        /** {@link LossSpike}. */
        LOSS_SPIKE("loss_spike"),
        /** The loss, gradient or parameters stopped being finite. */
        DIVERGED("diverged");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public Event {
        if (kind == null || series == null || text == null) {
            throw new IllegalArgumentException("an event needs a kind, a series and a text");
        }
    }
}
