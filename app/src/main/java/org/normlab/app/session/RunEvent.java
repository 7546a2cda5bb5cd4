package org.normlab.app.session;

/**
 * Something that happened to a run at a step, drawn as a marker on its curves: a hyperparameter change (it applies
 * from the next step on) or the divergence.
 *
 * @param step the step count when it happened, on the same axis as the run's series
 * @param text what happened, e.g. {@code learningRate 0.1 → 0.5}
 */
public record RunEvent(long step, String text) {
}
