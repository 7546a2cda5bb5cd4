package org.normlab.app.session;

/**
 * Something that happened to a run at a step, drawn as a marker on its curves: a hyperparameter change (it applies
 * from the next step on), the divergence, or an event the engine detected in one of its series.
 *
 * @param step   the step count when it happened, on the same axis as the run's series
 * @param text   what happened, e.g. {@code learningRate 0.1 → 0.5}
 * @param series the series it belongs to (marked only on that series' chart, see {@code ChartSpec#marks}), or null
 *               for something that concerns every chart
 */
public record RunEvent(long step, String text, String series) {

    /** An event of the whole run, marked on every chart. */
    public RunEvent(long step, String text) {
        this(step, text, null);
    }
}
