package org.normlab.app.session;

import java.util.List;
import java.util.Optional;
import org.normlab.sim.run.Experiment;

/**
 * The window's one view of a race and its one way to steer it: runs with live series to read, and commands. Every
 * method is safe from any thread and returns at once; a command takes effect on each run's thread between two
 * steps. A command never throws for bad input: it returns the problem, a sentence naming the field and what is
 * allowed, and changes nothing; an empty result means accepted.
 *
 * <p>Runs start from identical initial weights and see identical batches, in the order of {@link #runs()}.
 */
public interface LabSession extends AutoCloseable {

    /** The runs, in race order (a snapshot). Reset, add and remove change it. */
    List<RaceRun> runs();

    /** Whether the runs step on their own (as opposed to paused). */
    boolean playing();

    Optional<String> play();

    Optional<String> pause();

    /**
     * Caps every run at {@code stepsPerSecond} steps per second from its next step on (0 = as fast as it goes): a
     * slow race is easier to follow, and leaves the cores to the charts.
     */
    Optional<String> setSpeed(double stepsPerSecond);

    /** The speed limit in steps per second per run; 0 = none. */
    double speed();

    /**
     * Every run steps on until it has taken {@code step} steps (or its last), then pauses; a run past it pauses now.
     * The session is paused from then on.
     */
    Optional<String> runTo(long step);

    /**
     * Whether the runs advance together from their next step on, none more than a step ahead of the slowest
     * ({@code training.lockstep}); a finished or diverged run holds nobody back.
     */
    Optional<String> lockstep(boolean on);

    /** Whether the runs advance together. */
    boolean lockstep();

    /** One step of every run that has not diverged; only while paused. */
    Optional<String> step();

    /** Every run back to the same initial weights and batch order with fresh series; hyperparameters as they are. */
    Optional<String> reset();

    /** Sets hyperparameter {@code name} of run {@code run} from its next step on, and records a {@link RunEvent}. */
    Optional<String> setHyperparameter(String run, String name, double value);

    /** Adds a run that starts now from the race's initial weights; {@code run.name()} must be new. */
    Optional<String> addRun(Experiment.RunSetup run);

    Optional<String> removeRun(String run);

    /**
     * Runs of the race that could not be set up when it started (e.g. out of memory), each a sentence naming the
     * run; the other runs started. Empty when all did.
     */
    default List<String> setupProblems() {
        return List.of();
    }

    /** The runs' computations under way that take longer than a step, e.g. a curvature probe; none by default. */
    default List<Computation> computations() {
        return List.of();
    }

    /** Stops every run; the session takes no more commands. */
    @Override
    void close();
}
