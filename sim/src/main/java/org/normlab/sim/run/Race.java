package org.normlab.sim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.probe.Probes;

/**
 * The runs of an experiment trained side by side, each on its own thread: bit-identical initial parameters,
 * identical batches, so every difference between them comes from the optimizer. The outside world talks to a run only
 * through {@link Command}s, applied between its steps, and hears from it through {@link RunListener}s on its thread.
 * ND4J computes with one thread per call (see {@link org.normlab.sim.backend.Backend}), so N runs use up to N cores.
 */
public final class Race implements AutoCloseable {
    private final List<RunLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ProbeSet probeSet;

    /**
     * Builds every run of {@code experiment} on {@code train} (networks, optimizers, probes on the experiment's
     * probe set); nothing runs yet.
     */
    public Race(Experiment experiment, Dataset train) {
        this.probeSet = ProbeSet.draw(train, experiment.probe().size(), experiment.probe().seed());
        int batchSize = experiment.training().batchSize() == 0 ? train.size() : experiment.training().batchSize();
        for (Experiment.RunSetup setup : experiment.runs()) {
            Run run = new Run(experiment, setup, train);
            try {
                // Curvature and the checkpoint measure the probe set as one train-mode batch.
                run.network().spec().requireBatch(probeSet.indices().length, "the probe set (probe.size "
                        + experiment.probe().size() + ", at most the " + train.size() + " training examples)",
                        "network");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("run " + run.name() + ", " + e.getMessage());
            }
            loops.add(new RunLoop(run, new RunProbes(run, experiment, probeSet, batchSize),
                    experiment.training().steps(), setup.changes()));
        }
    }

    /** The fixed, seeded subset of the training set that every run's probes measure on. */
    public ProbeSet probeSet() {
        return probeSet;
    }

    /** The measurement run {@code run}'s probes are taking now, if any; safe to call from any thread. */
    public Optional<Probes.Activity> measuring(String run) {
        return loop(run).probes().current();
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

    /** Adds {@code listener} to run {@code run}; call before {@link #start}. */
    public void listen(String run, RunListener listener) {
        loop(run).listen(listener);
    }

    /** Starts every run's thread. Commands sent before apply before the first step (e.g. start paused). */
    public void start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("the race has started already");
        }
        for (RunLoop loop : loops) {
            Thread thread = new Thread(loop::execute, "run-" + loop.run().name());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
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

    /** Queues {@code command} for every run (a refused value is refused before any run receives it). */
    public void sendAll(Command command) {
        if (command instanceof Command.Set set) {
            loops.forEach(l -> l.run().check(set.name(), set.value()));
        }
        loops.forEach(l -> l.send(command));
    }

    /** Whether run {@code run} has nothing to do now: finished, diverged, or paused with no command waiting. */
    public boolean idle(String run) {
        return loop(run).idle();
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
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private RunLoop loop(String run) {
        return loops.stream().filter(l -> l.run().name().equals(run)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run '" + run + "'; the runs are "
                        + String.join(", ", loops.stream().map(l -> l.run().name()).toList())));
    }
}
