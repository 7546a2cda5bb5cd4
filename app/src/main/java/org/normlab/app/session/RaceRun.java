package org.normlab.app.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.normlab.sim.model.DecisionMap;
import org.normlab.sim.optim.Hyperparameter;
import org.normlab.sim.probe.StepRule;
import org.normlab.sim.run.Experiment;

/**
 * One run of a race as the window sees it. Every method is safe from any thread and returns at once; the run
 * itself steps on its own thread. A reset gives the race new {@code RaceRun}s with fresh, empty series.
 */
public interface RaceRun {

    /** Unique within its session; commands address the run by it. */
    String name();

    /** The optimizer's label, e.g. {@code momentum}. */
    String optimizer();

    /** Index into the window's fixed palette; stays with the run (and its name) through resets. */
    int color();

    /** The ids of the series this run writes (the engine catalogue's), declared when it starts. */
    Set<String> seriesIds();

    /** The series with this id, written by the run's thread only; empty if the run does not write it. */
    Optional<PointSeries> series(String id);

    RunStatus status();

    /**
     * Current hyperparameter values by name, in the optimizer's order, then the batch size ({@code batchSize}, 0 =
     * full batch): everything a user may change mid-race (a snapshot).
     */
    Map<String, Double> hyperparameters();

    /** The allowed values of the hyperparameter {@code name}, or empty if the optimizer has none of that name. */
    Optional<Hyperparameter.Domain> domain(String name);

    /**
     * The latest map of what the run's network decides over the data's plane (a few a second while it steps, and of
     * its current weights whenever it stops); empty when the data is not generated in the plane, or before the first.
     */
    Optional<DecisionMap> decisionMap();

    /** The formula of the threshold drawn beside this run's curvature, e.g. {@code 2(1+μ)/η}; empty if none applies. */
    default String thresholdLabel() {
        return StepRule.formula(setup().optimizer().stepKind());
    }

    /**
     * The run's network and probe set as of the last time it stopped (paused, after single steps), copied on its
     * thread for measurements on another; empty before it first stops, or when the run is not the engine's.
     */
    default Optional<NetworkSnapshot> snapshot() {
        return Optional.empty();
    }

    /** What happened so far, in order (a snapshot). */
    List<RunEvent> events();

    /**
     * The run as it would start now: its optimizer and scheduled changes, with the hyperparameters changed so far
     * set from step 0 on.
     */
    Experiment.RunSetup setup();

    /**
     * The run as it went so far, for an experiment file: its initial optimizer, every hyperparameter change made so
     * far as a change scheduled at the step it was made, then the changes still scheduled. Rerun, it retraces this
     * run's trajectory step for step.
     */
    Experiment.RunSetup recorded();
}
