package org.normlab.sim.run;

/**
 * What a run's thread is told to do between two steps, in the order sent ({@link Race#send}). A paused run blocks
 * until the next command; a running one takes its next step once no command is waiting.
 */
public sealed interface Command {

    /** Stop stepping until {@link Resume} or {@link Step}. */
    record Pause() implements Command {
    }

    /** Step on until the last step. */
    record Resume() implements Command {
    }

    /** Take {@code count} more steps, then pause. */
    record Step(int count) implements Command {
        public Step {
            if (count < 1) {
                throw new IllegalArgumentException("count must be an integer >= 1, was " + count);
            }
        }
    }

    /** Step on until the run has taken {@code step} steps (or its last), then pause; past it already, pause now. */
    record RunTo(long step) implements Command {
        public RunTo {
            if (step < 0) {
                throw new IllegalArgumentException("step must be an integer >= 0, was " + step);
            }
        }
    }

    /**
     * Set hyperparameter {@code name} to {@code value} from the next step on; the value already in force changes
     * nothing (no change is told, the batch order goes on).
     */
    record Set(String name, double value) implements Command {
    }

    /** Back to step 0 with the same initial weights, batch order and the current hyperparameters. */
    record Reset() implements Command {
    }

    /** End the run's thread. */
    record Stop() implements Command {
    }
}
