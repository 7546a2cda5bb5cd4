package org.normlab.sim.run;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import org.normlab.sim.event.Events;
import org.normlab.sim.series.Quantity;

/**
 * The thread of one run: steps until the last step, draining its command queue between steps, and tells its
 * listeners, measuring its probes at every step boundary and detecting events ({@link Events}) in what it records. With nothing to do (paused, finished or diverged) it blocks
 * on the queue. Scheduled hyperparameter changes apply like {@link Command.Set} commands, after the step they name;
 * a {@link Command.Stop} ends the thread at the next step boundary. After each step it keeps to the race's speed limit
 * ({@link SpeedLimit}), if one is set.
 */
final class RunLoop {
    private final Run run;
    private final RunProbes probes;
    private final long lastStep;
    private final List<Experiment.Change> schedule;
    private final DoubleSupplier stepsPerSecond;
    private final Lockstep lockstep;
    private final SpeedLimit speedLimit = new SpeedLimit(System::nanoTime, LockSupport::parkNanos);
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    /** Blocked on an empty queue, or ended; guarded by {@code lock}. */
    private boolean idle;
    private boolean ended;
    private Throwable failure;
    // The loop thread's own state.
    /** The step count at which the run pauses; {@link Long#MAX_VALUE} while it plays. */
    private long pauseAt = Long.MAX_VALUE;
    private int nextChange;
    private Events events;
    private Thread thread;

    /**
     * @param stepsPerSecond the speed limit, read after every step (0 = none)
     * @param lockstep       the race's step gate; the run is in play from now until its thread ends
     */
    RunLoop(Run run, RunProbes probes, long lastStep, List<Experiment.Change> schedule,
            DoubleSupplier stepsPerSecond, Lockstep lockstep) {
        this.run = run;
        this.probes = probes;
        this.lastStep = lastStep;
        this.schedule = schedule.stream().sorted(Comparator.comparingLong(Experiment.Change::step)).toList();
        this.stepsPerSecond = stepsPerSecond;
        this.lockstep = lockstep;
        lockstep.at(this, run.steps(), inPlay());
    }

    /** Starts the run's thread unless it was started before. */
    synchronized void launch() {
        if (thread == null) {
            thread = new Thread(this::execute, "run-" + run.name());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Waits for the run's thread to end, if it was started. */
    void join() throws InterruptedException {
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started != null) {
            started.join();
        }
    }

    Run run() {
        return run;
    }

    RunProbes probes() {
        return probes;
    }

    void listen(RunListener listener) {
        listeners.add(listener);
    }

    /** Queues {@code command}; a hyperparameter value is checked here, so a refused one never reaches the run. */
    void send(Command command) {
        if (command instanceof Command.Set set) {
            run.check(set.name(), set.value());
        }
        synchronized (lock) {
            if (!ended) {
                idle = false;
                commands.add(command);
            }
        }
        lockstep.wake();
    }

    /** Out of the race: holds no other run back in lockstep, even if its thread never started. */
    void leave() {
        lockstep.leave(this);
    }

    /** Whether the run has nothing to do now (blocked on an empty queue) or its thread ended. */
    boolean idle() {
        synchronized (lock) {
            return idle;
        }
    }

    /** Waits until the run has nothing to do or its thread ended; rethrows what ended it abnormally. */
    void awaitIdle() throws InterruptedException {
        synchronized (lock) {
            while (!idle) {
                lock.wait();
            }
            if (failure != null) {
                throw new IllegalStateException("run " + run.name() + " failed: " + failure, failure);
            }
        }
    }

    /** Tells the listeners why the thread ends; a listener that fails in turn cannot hide it from the others. */
    private void tellFailure(Throwable cause) {
        for (RunListener listener : listeners) {
            try {
                listener.failed(run, cause);
            } catch (RuntimeException | Error e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The thread's body: returns after a {@link Command.Stop}, or when a listener fails. */
    void execute() {
        try {
            start();
            for (Command c = next(); !(c instanceof Command.Stop); c = next()) {
                if (c == null) {
                    step();
                } else {
                    apply(c);
                }
            }
            if (!run.diverged() && run.steps() < lastStep) {
                listeners.forEach(l -> l.stopped(run, run.steps()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                failure = e;
            }
            tellFailure(e);
        } finally {
            lockstep.leave(this);
            synchronized (lock) {
                ended = true;
                idle = true;
                lock.notifyAll();
            }
        }
    }

    /**
     * The next command, or null to take a step; blocks while there is no step to take, and in lockstep while another
     * run is behind (a command still comes through).
     */
    private Command next() throws InterruptedException {
        if (inPlay() && run.steps() < pauseAt) {
            Command command = commands.poll();
            if (command != null || lockstep.awaitTurn(this, run.steps(), () -> !commands.isEmpty())) {
                return command;
            }
            return commands.poll();
        }
        if (commands.isEmpty()) {
            listeners.forEach(l -> l.waiting(run));
        }
        synchronized (lock) {
            if (commands.isEmpty()) {
                idle = true;
                lock.notifyAll();
            }
        }
        return commands.take();
    }

    private void step() {
        run.step();
        long step = run.steps();
        listeners.forEach(l -> l.stepped(run, step));
        detect(Quantity.TRAIN_LOSS.id(), step, run.loss());
        if (!run.diverged()) {
            probes.stepped(this::probed);
        }
        speedLimit.stepped(stepsPerSecond.getAsDouble());
        if (run.diverged()) {
            listeners.forEach(l -> l.diverged(run, step));
            detect(Quantity.DIVERGED.id(), step, 1);
        } else {
            if (step == lastStep) {
                listeners.forEach(l -> l.finished(run, step));
            }
            applyScheduledChanges();
        }
        // Last, after the listeners: a run held back in lockstep sees this step only once it is recorded.
        lockstep.at(this, step, inPlay());
    }

    /** Whether the run can take more steps: neither diverged nor at its last step. */
    private boolean inPlay() {
        return !run.diverged() && run.steps() < lastStep;
    }

    private void apply(Command command) throws InterruptedException {
        if (command instanceof Command.Set set) {
            if (!inForce(set.name(), set.value())) {
                set(set.name(), set.value());
            }
        } else if (command instanceof Command.Reset) {
            long step = run.steps();
            run.reset();
            nextChange = 0;
            // A pause keeps its place: paused stays paused, steps still to take before pausing stay to take.
            pauseAt = pauseAt == Long.MAX_VALUE ? pauseAt : Math.max(0, pauseAt - step);
            listeners.forEach(l -> l.reset(run, step));
            start();
            lockstep.at(this, run.steps(), inPlay());
        } else {
            if (command instanceof Command.Resume) {
                pauseAt = Long.MAX_VALUE;
            } else if (command instanceof Command.Step s) {
                pauseAt = run.steps() + s.count();
            } else {
                // Past a run-to's step already: pause now. A pause or run-to of every run in lockstep: all at one step.
                long wanted = command instanceof Command.RunTo to ? Math.max(to.step(), run.steps()) : run.steps();
                pauseAt = lockstep.pauseAt(this, command, wanted, () -> !commands.isEmpty());
            }
        }
    }

    /** At step 0: the listeners, the probes, then the changes scheduled for step 0. */
    private void start() {
        events = new Events();
        listeners.forEach(l -> l.started(run));
        probes.started(this::probed);
        applyScheduledChanges();
    }

    private void probed(String series, long step, double value) {
        for (RunListener l : listeners) {
            l.probed(run, series, step, value);
        }
        detect(series, step, value);
    }

    private void detect(String series, long step, double value) {
        events.observe(series, step, value, event -> listeners.forEach(l -> l.marked(run, event)));
    }

    private void applyScheduledChanges() {
        while (nextChange < schedule.size() && schedule.get(nextChange).step() <= run.steps()) {
            Experiment.Change change = schedule.get(nextChange++);
            if (change.step() == run.steps()) {
                set(change.name(), change.value());
            }
        }
    }

    private boolean inForce(String name, double value) {
        return Double.compare(run.value(name), value) == 0;
    }

    private void set(String name, double value) {
        double old = run.set(name, value);
        long step = run.steps();
        listeners.forEach(l -> l.changed(run, step, name, old, value));
    }
}
