package org.normlab.app.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.optim.Hyperparameter;
import org.normlab.sim.run.ProbeSet;

/**
 * The stand-in race behind {@link LabSession} until the engine's {@code Race} lands: each run is a plain
 * {@link LocalRun} on its own thread, all from the same initial weights through the same batch order, measuring
 * train loss every step and probe-set loss and accuracy, weight norms and effective learning rates every
 * {@code probeEvery} steps. No curvature or orthogonal-noise diagnostics: those come with the engine's probes.
 */
public final class LocalRaceSession implements LabSession {
    private final RaceData race;
    private volatile List<LocalRun> runs = List.of();
    private volatile boolean playing = true;
    private boolean closed;

    private LocalRaceSession(RaceData race) {
        this.race = race;
    }

    /**
     * Loads the data and starts every run of {@code setup}, playing.
     *
     * @param assets the folder that holds {@code data/} (the MNIST subset)
     * @throws IllegalArgumentException if the data cannot be loaded or the batch size exceeds the training set,
     *                                  with a message naming the field and what is allowed
     */
    public static LocalRaceSession start(RaceSetup setup, Path assets) {
        DataSpec.Split split = setup.data().load(assets);
        Dataset train = split.train();
        if (setup.batchSize() > train.size()) {
            throw new IllegalArgumentException("batchSize must be in [0, " + train.size() + "] (the training set), was "
                    + setup.batchSize());
        }
        int[] probeRows = ProbeSet.draw(train, setup.probe().size(), setup.probe().seed()).indices();
        RaceData race = new RaceData(setup.network().toSpec(train.dimension(), train.numClasses()), train,
                probeRows, setup.batchSize(), setup.orderSeed(), setup.probeEvery());
        LocalRaceSession session = new LocalRaceSession(race);
        List<LocalRun> runs = new ArrayList<>();
        for (int i = 0; i < setup.runs().size(); i++) {
            runs.add(new LocalRun(setup.runs().get(i), i, race, false));
        }
        session.begin(runs);
        return session;
    }

    private void begin(List<LocalRun> newRuns) {
        runs = List.copyOf(newRuns);
        newRuns.forEach(LocalRun::start);
    }

    @Override
    public List<RaceRun> runs() {
        return List.copyOf(runs);
    }

    @Override
    public List<String> optimizers() {
        return Arrays.stream(Optimizer.values()).map(Optimizer::label).toList();
    }

    @Override
    public boolean playing() {
        return playing;
    }

    @Override
    public synchronized Optional<String> play() {
        return command(() -> {
            playing = true;
            runs.forEach(run -> run.setPaused(false));
        });
    }

    @Override
    public synchronized Optional<String> pause() {
        return command(() -> {
            playing = false;
            runs.forEach(run -> run.setPaused(true));
        });
    }

    @Override
    public synchronized Optional<String> step() {
        if (playing) {
            return Optional.of("single steps work while paused: pause first");
        }
        return command(() -> runs.forEach(LocalRun::stepOnce));
    }

    @Override
    public synchronized Optional<String> reset() {
        return command(() -> {
            List<LocalRun> old = runs;
            old.forEach(LocalRun::stop);
            List<LocalRun> fresh = new ArrayList<>();
            for (LocalRun run : old) {
                fresh.add(new LocalRun(run.currentSetup(), run.color(), race, !playing));
            }
            begin(fresh);
        });
    }

    @Override
    public synchronized Optional<String> setHyperparameter(String run, String name, double value) {
        Optional<LocalRun> target = find(run);
        if (target.isEmpty()) {
            return Optional.of("no run named '" + run + "'");
        }
        Optional<Hyperparameter.Domain> domain = target.get().domain(name);
        if (domain.isEmpty()) {
            return Optional.of("no hyperparameter '" + name + "'; " + run + " has "
                    + String.join(", ", target.get().hyperparameters().keySet()));
        }
        if (!domain.get().contains(value)) {
            return Optional.of(name + " must be " + domain.get() + ", was " + value);
        }
        return command(() -> target.get().submitHyperparameter(name, value));
    }

    @Override
    public synchronized Optional<String> addRun(RunSetup setup) {
        if (find(setup.name()).isPresent()) {
            return Optional.of("name must be new; a run named '" + setup.name() + "' is racing");
        }
        return command(() -> {
            LocalRun run = new LocalRun(setup, freeColor(), race, !playing);
            List<LocalRun> more = new ArrayList<>(runs);
            more.add(run);
            runs = List.copyOf(more);
            run.start();
        });
    }

    @Override
    public synchronized Optional<String> removeRun(String run) {
        Optional<LocalRun> target = find(run);
        if (target.isEmpty()) {
            return Optional.of("no run named '" + run + "'");
        }
        return command(() -> {
            target.get().stop();
            runs = runs.stream().filter(r -> r != target.get()).toList();
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        runs.forEach(LocalRun::stop);
    }

    private Optional<String> command(Runnable action) {
        if (closed) {
            return Optional.of("this race has ended");
        }
        action.run();
        return Optional.empty();
    }

    private Optional<LocalRun> find(String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst();
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
        return runs.stream().anyMatch(r -> r.color() == color);
    }
}
