package org.normlab.app.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.event.Event;
import org.normlab.sim.run.Command;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.MemoryEstimate;
import org.normlab.sim.run.Race;
import org.normlab.sim.run.Run;
import org.normlab.sim.run.RunListener;

/**
 * A {@link LabSession} over the engine: the runs race in one engine {@link Race}, each on its own thread, on one
 * probe set; runs join ({@link Race#addRun}) and leave ({@link Race#removeRun}) while the others go on. Commands
 * become the engine's {@link Command}s; a value the engine refuses comes back as its message and reaches no run.
 */
public final class EngineSession implements LabSession {
    private final RaceSetup setup;
    private final DataSpec.Shape shape;
    private final MemoryEstimate.Limits limits;
    private final Race race;
    private final RaceData shared;
    private final List<String> setupProblems = new ArrayList<>();
    private volatile List<Lane> lanes = List.of();
    private volatile boolean playing = true;
    private volatile double speed;
    private boolean closed;

    private EngineSession(RaceSetup setup, DataSpec.Shape shape, MemoryEstimate.Limits limits, Dataset train) {
        this.setup = setup;
        this.shape = shape;
        this.limits = limits;
        this.race = Race.withoutRuns(setup.experiment(), train);
        this.shared = new RaceData(setup.experiment(), race.probeSet(), () -> playing, setup.data().inputPlane());
    }

    /**
     * Checks that the race fits this JVM's memory ({@link MemoryEstimate}), loads the data and starts every run of
     * {@code setup}, playing. A run whose set-up fails (e.g. out of memory) is left out and said so in
     * {@link #setupProblems}; the others start.
     *
     * @param assets the folder that holds {@code data/} (the MNIST subset)
     * @throws IllegalArgumentException if the data cannot be loaded, with a message naming the field and what is
     *                                  allowed
     * @throws InvalidInputException    if the race would not fit in memory, with the estimate, the limit and the
     *                                  fields that drive it, or the batch size exceeds the training set
     */
    public static EngineSession start(RaceSetup setup, Path assets) {
        return start(setup, assets, MemoryEstimate.Limits.current());
    }

    /** {@link #start(RaceSetup, Path)} within {@code limits}. */
    static EngineSession start(RaceSetup setup, Path assets, MemoryEstimate.Limits limits) {
        DataSpec.Shape shape = setup.data().shape(assets);
        MemoryEstimate.of(setup.experiment(), shape).check(limits);
        Dataset train = setup.data().load(assets).train();
        EngineSession session = new EngineSession(setup, shape, limits, train);
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < setup.runs().size(); i++) {
            try {
                lanes.add(session.launch(setup.runs().get(i), i));
            } catch (IllegalArgumentException e) {
                session.setupProblems.add(e.getMessage());
            }
        }
        session.lanes = List.copyOf(lanes);
        return session;
    }

    @Override
    public List<String> setupProblems() {
        return List.copyOf(setupProblems);
    }

    /**
     * Adds one run to the race, starts its thread and returns its lane. A failure to build it — an invalid setting,
     * or memory that ran out after all — touches no other run: what was built becomes garbage, and the problem comes
     * back as an {@link IllegalArgumentException} naming the run.
     */
    private Lane launch(Experiment.RunSetup run, int color) {
        try {
            return launchUnchecked(run, color);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("run " + run.name() + " could not be set up: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException("run " + run.name() + " could not be set up: out of memory ("
                    + e.getMessage() + "); the other runs go on", e);
        }
    }

    private Lane launchUnchecked(Experiment.RunSetup run, int color) {
        Run engineRun = race.addRun(run);
        try {
            Lane lane = new Lane(race, EngineRun.of(run, color, engineRun, race.probeSeries(run.name()), shared,
                    () -> race.idle(run.name())));
            race.listen(run.name(), lane);
            if (!playing) {
                race.send(run.name(), new Command.Pause());
            }
            race.start();
            return lane;
        } catch (RuntimeException | OutOfMemoryError e) {
            // Not started yet: out of the race, so no later start runs it unseen.
            removeFromRace(run.name());
            throw e;
        }
    }

    /** Stops run {@code run} (if it started), waits for its thread and takes it out of the race. */
    private void removeFromRace(String run) {
        try {
            race.removeRun(run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<String> setSpeed(double stepsPerSecond) {
        try {
            race.limitSpeed(stepsPerSecond);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        speed = stepsPerSecond;
        return Optional.empty();
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public List<RaceRun> runs() {
        return lanes.stream().map(l -> (RaceRun) l.shown).toList();
    }

    @Override
    public List<Computation> computations() {
        List<Computation> under = new ArrayList<>();
        for (Lane lane : lanes) {
            String run = lane.shown.name();
            // The clock is read once the measurement is seen, so never before it started.
            race.measuring(run).ifPresent(m -> under.add(new Computation(run + ": " + m.probe() + " at step "
                    + m.step(), m.elapsedSeconds(System.nanoTime()), m.longestSeconds())));
        }
        return under;
    }

    @Override
    public boolean playing() {
        return playing;
    }

    @Override
    public synchronized Optional<String> play() {
        return command(() -> {
            playing = true;
            race.sendAll(new Command.Resume());
        });
    }

    @Override
    public synchronized Optional<String> pause() {
        return command(() -> {
            playing = false;
            race.sendAll(new Command.Pause());
        });
    }

    @Override
    public synchronized Optional<String> runTo(long step) {
        return command(() -> {
            playing = false;
            race.sendAll(new Command.RunTo(step));
        });
    }

    @Override
    public synchronized Optional<String> lockstep(boolean on) {
        return command(() -> race.lockstep(on));
    }

    @Override
    public boolean lockstep() {
        return race.lockstep();
    }

    @Override
    public synchronized Optional<String> step() {
        if (playing) {
            return Optional.of("single steps work while paused: pause first");
        }
        return command(() -> race.sendAll(new Command.Step(1)));
    }

    /** The engine's reset: the same initial weights and batch order, current hyperparameters, fresh series. */
    @Override
    public synchronized Optional<String> reset() {
        return command(() -> lanes.forEach(Lane::reset));
    }

    @Override
    public synchronized Optional<String> setHyperparameter(String run, String name, double value) {
        Optional<Lane> lane = find(run);
        if (lane.isEmpty()) {
            return Optional.of("no run named '" + run + "'");
        }
        return command(() -> race.send(run, new Command.Set(name, value)));
    }

    /** The new run starts at step 0 from the race's initial weights and batch order while the others go on. */
    @Override
    public synchronized Optional<String> addRun(Experiment.RunSetup run) {
        return command(() -> {
            List<Experiment.RunSetup> all = new ArrayList<>(lanes.stream().map(l -> l.shown.setup()).toList());
            all.add(run);
            MemoryEstimate.of(setup.withRuns(all).experiment(), shape).check(limits);
            List<Lane> more = new ArrayList<>(lanes);
            more.add(launch(run, freeColor()));
            lanes = List.copyOf(more);
        });
    }

    @Override
    public synchronized Optional<String> removeRun(String run) {
        Optional<Lane> lane = find(run);
        if (lane.isEmpty()) {
            return Optional.of("no run named '" + run + "'");
        }
        return command(() -> {
            lanes = lanes.stream().filter(l -> l != lane.get()).toList();
            removeFromRace(run);
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            race.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a command; the engine's refusal (an {@link IllegalArgumentException}, or an {@link InvalidInputException}
     * such as a race too large for memory) becomes the message.
     */
    private Optional<String> command(Runnable action) {
        if (closed) {
            return Optional.of("this race has ended");
        }
        try {
            action.run();
            return Optional.empty();
        } catch (IllegalArgumentException | InvalidInputException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Optional<Lane> find(String name) {
        return lanes.stream().filter(l -> l.shown.name().equals(name)).findFirst();
    }

    /** The smallest palette index no run uses, so a run keeps its color and a new one gets a distinct one. */
    private int freeColor() {
        int color = 0;
        while (colorTaken(color)) {
            color++;
        }
        return color;
    }

    private boolean colorTaken(int color) {
        return lanes.stream().anyMatch(l -> l.shown.color() == color);
    }

    /**
     * One run of the race and the {@link EngineRun}s that record it: a reset shows a fresh one at once, and the run's
     * thread switches to it when it applies the reset, so no point of the old trajectory lands in the new series.
     */
    private static final class Lane implements RunListener {
        private final Race race;
        private final Queue<EngineRun> afterReset = new ConcurrentLinkedQueue<>();
        private volatile EngineRun shown;
        /** The run's thread's own. */
        private EngineRun recording;

        Lane(Race race, EngineRun first) {
            this.race = race;
            this.shown = first;
            this.recording = first;
        }

        void reset() {
            EngineRun next = shown.fresh();
            afterReset.add(next);
            shown = next;
            race.send(next.name(), new Command.Reset());
        }

        @Override
        public void started(Run run) {
            recording.started(run);
        }

        @Override
        public void stepped(Run run, long step) {
            recording.stepped(run, step);
        }

        @Override
        public void probed(Run run, String series, long step, double value) {
            recording.probed(run, series, step, value);
        }

        @Override
        public void changed(Run run, long step, String name, double old, double value) {
            recording.changed(run, step, name, old, value);
        }

        @Override
        public void reset(Run run, long step) {
            recording = afterReset.remove();
        }

        @Override
        public void diverged(Run run, long step) {
            recording.diverged(run, step);
        }

        @Override
        public void marked(Run run, Event event) {
            recording.marked(run, event);
        }

        @Override
        public void failed(Run run, Throwable cause) {
            recording.failed(run, cause);
        }

        @Override
        public void finished(Run run, long step) {
            recording.finished(run, step);
        }

        @Override
        public void waiting(Run run) {
            recording.waiting(run);
        }
    }
}
