package org.normlab.sim.run;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.probe.Probes;

/**
 * The runs of an experiment trained side by side, each on its own thread: bit-identical initial parameters,
 * identical batches, so every difference between them comes from the optimizer. The outside world talks to a run only
 * through {@link Command}s, applied between its steps, and hears from it through {@link RunListener}s on its thread.
 * ND4J computes with one thread per call (see {@link org.normlab.sim.backend.Backend}), so N runs use up to N cores.
 * Runs may join ({@link #addRun}) and leave ({@link #removeRun}) while the others go on; all share one probe set.
 */
public final class Race implements AutoCloseable {
    private final List<RunLoop> loops = new CopyOnWriteArrayList<>();
    private final Experiment experiment;
    private final Dataset train;
    private final ProbeSet probeSet;
    private volatile double stepsPerSecond;
    private final Lockstep lockstep;

    /**
     * Builds every run of {@code experiment} on {@code train} (networks, optimizers, probes on the experiment's
     * probe set); nothing runs yet.
     *
     * @throws InvalidInputException if {@code training.batchSize} exceeds the training set, or a run does not fit
     *                               its network ({@link #addRun})
     */
    public Race(Experiment experiment, Dataset train) {
        this(experiment, train, experiment.runs());
    }

    private Race(Experiment experiment, Dataset train, List<Experiment.RunSetup> runs) {
        try {
            BatchSize.requireWithin(experiment.training().batchSize(), "training.batchSize", train.size());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        this.experiment = experiment;
        this.train = train;
        this.lockstep = new Lockstep(experiment.training().lockstep());
        this.probeSet = ProbeSet.draw(train, experiment.probe().size(), experiment.probe().seed());
        runs.forEach(this::addRun);
    }

    /** A race of {@code experiment}'s settings on {@code train} with no runs yet: add them with {@link #addRun}. */
    public static Race withoutRuns(Experiment experiment, Dataset train) {
        return new Race(experiment, train, List.of());
    }

    /**
     * Builds run {@code setup} on the experiment's data, network defaults, training and probes (its list of runs
     * aside); its thread starts with the next {@link #start}, so listeners can be added first.
     *
     * @throws InvalidInputException    naming the run, if its batch sizes or probe set do not fit its network
     * @throws IllegalArgumentException if a run of that name is in the race already
     */
    public Run addRun(Experiment.RunSetup setup) {
        if (find(setup.name()).isPresent()) {
            throw new IllegalArgumentException("run name '" + setup.name() + "' is taken; names must be distinct");
        }
        Run run = new Run(experiment, setup, train);
        try {
            // Curvature and the checkpoint measure the probe set as one train-mode batch.
            run.network().spec().requireBatch(probeSet.indices().length, "the probe set (probe.size "
                    + experiment.probe().size() + ", at most the " + train.size() + " training examples)",
                    "network");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("run " + run.name() + ", " + e.getMessage());
        }
        int batchSize = experiment.training().batchSize() == 0 ? train.size() : experiment.training().batchSize();
        loops.add(new RunLoop(run, new RunProbes(run, experiment, probeSet, batchSize),
                experiment.training().steps(), setup.changes(), () -> stepsPerSecond,
                lockstep));
        return run;
    }

    /** Stops run {@code run}, waits for its thread to end and takes it out of the race; the others go on. */
    public void removeRun(String run) throws InterruptedException {
        RunLoop loop = loop(run);
        loop.send(new Command.Stop());
        loop.join();
        loops.remove(loop);
        loop.leave();
    }

    /**
     * Holds every run to {@code stepsPerSecond} steps per second from its next step (0 = as fast as it goes): the
     * lab's speed control. Timing only: what a run computes does not depend on it.
     *
     * @throws IllegalArgumentException for a negative, infinite or NaN speed
     */
    public void limitSpeed(double stepsPerSecond) {
        if (!(stepsPerSecond >= 0) || Double.isInfinite(stepsPerSecond)) {
            throw new IllegalArgumentException("speed must be a number of steps per second >= 0 (0 = as fast as it "
                    + "goes), was " + stepsPerSecond);
        }
        this.stepsPerSecond = stepsPerSecond;
    }

    /**
     * Whether the runs advance together from now on ({@code training.lockstep}): none gets more than
     * {@value Lockstep#LEAD} steps ahead of the slowest still in play, and a pause or run-to of every run
     * ({@link #sendAll}) stops them all at one step; a finished or diverged run holds nobody back, and a run that joins
     * late or is reset alone is caught up to by the others waiting. Runs that play wait for one that is paused.
     */
    public void lockstep(boolean on) {
        lockstep.set(on);
    }

    public boolean lockstep() {
        return lockstep.on();
    }

    /** Whether run {@code run} waits in lockstep for a slower run now (false for a run no longer in the race). */
    public boolean held(String run) {
        return find(run).map(lockstep::held).orElse(false);
    }

    /** The fixed, seeded subset of the training set that every run's probes measure on. */
    public ProbeSet probeSet() {
        return probeSet;
    }

    /**
     * The measurement run {@code run}'s probes are taking now, if any (none for a run no longer in the race); safe to
     * call from any thread.
     */
    public Optional<Probes.Activity> measuring(String run) {
        return find(run).flatMap(l -> l.probes().current());
    }

    /** Every series id the probes of run {@code run} may write ({@link RunListener#probed}). */
    public List<String> probeSeries(String run) {
        return loop(run).probes().series();
    }

    /** The time each probe of run {@code run} has taken; read while the race is idle. */
    public List<Probes.Cost> probeCosts(String run) {
        return loop(run).probes().costs();
    }

    /**
     * The runs, in the experiment's order. Read one from another thread only while the race is idle
     * ({@link #awaitIdle}); otherwise through a listener, on its own thread.
     */
    public List<Run> runs() {
        return loops.stream().map(RunLoop::run).toList();
    }

    /** Adds {@code listener} to run {@code run}; call before the run's thread starts ({@link #start}). */
    public void listen(String run, RunListener listener) {
        loop(run).listen(listener);
    }

    /**
     * Starts the thread of every run not started yet (all of them at first; later, those added since). Commands sent
     * before apply before the first step (e.g. start paused).
     */
    public void start() {
        loops.forEach(RunLoop::launch);
    }

    /**
     * Queues {@code command} for run {@code run}.
     *
     * @throws IllegalArgumentException for an unknown run, or a {@link Command.Set} of an unknown hyperparameter or
     *                                  of a value outside its domain (naming it and the allowed range); the run
     *                                  goes on unchanged
     */
    public void send(String run, Command command) {
        loop(run).send(command);
    }

    /**
     * Queues {@code command} for every run (a refused value is refused before any run receives it). In lockstep, a
     * pause or a run-to stops every run in play at one step: the furthest any of them had reached, or the run-to's.
     */
    public void sendAll(Command command) {
        if (command instanceof Command.Set set) {
            loops.forEach(l -> l.run().check(set.name(), set.value()));
        }
        if (command instanceof Command.Pause || command instanceof Command.RunTo) {
            lockstep.together(command);
        }
        loops.forEach(l -> l.send(command));
    }

    /**
     * Whether run {@code run} has nothing to do now: finished, diverged, paused with no command waiting, or no longer
     * in the race ({@link #removeRun}: a window may still ask about it once).
     */
    public boolean idle(String run) {
        return find(run).map(RunLoop::idle).orElse(true);
    }

    /**
     * Waits until no run has anything to do: each has finished, diverged, or is paused with no command waiting.
     *
     * @throws IllegalStateException if a run's thread failed (e.g. a listener could not write its file)
     */
    public void awaitIdle() throws InterruptedException {
        for (RunLoop loop : loops) {
            loop.awaitIdle();
        }
    }

    /**
     * Asks every run to stop at its next step boundary (before it has started: at step 0); safe from any thread, e.g.
     * on Ctrl-C. A run told to stop before its last step tells its listeners {@link RunListener#stopped}.
     */
    public void stop() {
        loops.forEach(l -> l.send(new Command.Stop()));
    }

    /** Stops every run and waits for its thread to end. */
    @Override
    public void close() throws InterruptedException {
        stop();
        for (RunLoop loop : loops) {
            loop.join();
        }
    }

    private Optional<RunLoop> find(String run) {
        return loops.stream().filter(l -> l.run().name().equals(run)).findFirst();
    }

    private RunLoop loop(String run) {
        return find(run).orElseThrow(() -> new IllegalArgumentException("no run '" + run + "'; the runs are "
                        + String.join(", ", loops.stream().map(l -> l.run().name()).toList())));
    }
}
