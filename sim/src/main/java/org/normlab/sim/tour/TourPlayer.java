package org.normlab.sim.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.run.Command;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.Race;
import org.normlab.sim.run.Recorder;
import org.normlab.sim.run.Run;
import org.normlab.sim.run.Tour;

/**
 * Plays an experiment's tour without a window and checks its claims with numbers. The race starts paused; each tour
 * step's actions apply in order — {@code run_to t}: every run takes exactly the steps that bring it to step t, then
 * pauses; {@code set}, {@code add_run} (the new run starts at step 0, paused), {@code remove_run} as the lab does them;
 * {@code pause} and {@code log_scale} change nothing headless — then its claims are checked against what the runs
 * recorded so far ({@link Recorder}: the same series as the lab and the metrics CSV). The race ends at the tour's last
 * step, not at {@code training.steps}.
 */
public final class TourPlayer implements ClaimCheck.Recorded {
    private final Map<String, Map<String, NavigableMap<Long, Double>>> recorded = new ConcurrentHashMap<>();
    private final Experiment experiment;
    private final Batch test;
    private final Race race;

    /** A claim that did not hold, in tour step {@code tourStep} (1-based), and why ({@link ClaimCheck#failure}). */
    public record Failure(int tourStep, Tour.Claim claim, String message) {
        @Override
        public String toString() {
            return "tour step " + tourStep + ": " + message;
        }
    }

    private TourPlayer(Experiment experiment, DataSpec.Split data) {
        this.experiment = experiment;
        this.test = data.test().size() > 0 ? Batch.all(data.test()) : null;
        this.race = Race.withoutRuns(experiment, data.train());
    }

    /**
     * Plays the tour of {@code experiment} on {@code data} (its {@code data} section loaded) and returns the claims
     * that failed, in tour order; empty when every claim holds.
     *
     * @throws IllegalArgumentException if the experiment has no tour
     * @throws IllegalStateException    if a run's thread failed
     */
    public static List<Failure> play(Experiment experiment, DataSpec.Split data) throws InterruptedException {
        if (experiment.tour() == null) {
            throw new IllegalArgumentException("experiment " + experiment.name() + " has no tour");
        }
        TourPlayer player = new TourPlayer(experiment, data);
        try (Race race = player.race) {
            experiment.runs().forEach(player::join);
            race.start();
            List<Failure> failures = new ArrayList<>();
            List<Tour.Step> steps = experiment.tour().steps();
            for (int i = 0; i < steps.size(); i++) {
                for (Tour.Action action : steps.get(i).actions()) {
                    player.apply(action);
                }
                race.awaitIdle();
                for (Tour.Claim claim : steps.get(i).claims()) {
                    Optional<String> failure = ClaimCheck.failure(claim, player);
                    if (failure.isPresent()) {
                        failures.add(new Failure(i + 1, claim, failure.get()));
                    }
                }
            }
            return failures;
        }
    }

    @Override
    public NavigableMap<Long, Double> series(String run, String series) {
        return recorded.getOrDefault(run, Map.of()).getOrDefault(series, new TreeMap<>());
    }

    /** Adds run {@code setup} to the race, paused at step 0, recording into this player. */
    private void join(Experiment.RunSetup setup) {
        race.addRun(setup);
        Map<String, NavigableMap<Long, Double>> series = new ConcurrentHashMap<>();
        recorded.put(setup.name(), series);
        race.listen(setup.name(), new Recorder(experiment, race.probeSet(), test,
                (id, step, value) -> series.computeIfAbsent(id, k -> new TreeMap<>()).put(step, value)));
        race.send(setup.name(), new Command.Pause());
    }

    private void apply(Tour.Action action) throws InterruptedException {
        if (action instanceof Tour.Action.RunTo runTo) {
            // The runs are idle here (after the previous step or a join), so their step counts are settled.
            race.awaitIdle();
            for (Run run : race.runs()) {
                long missing = runTo.step() - run.steps();
                if (missing > 0) {
                    race.send(run.name(), new Command.Step(Math.toIntExact(missing)));
                }
            }
        } else if (action instanceof Tour.Action.Set set) {
            race.send(set.run(), new Command.Set(set.name(), set.value()));
        } else if (action instanceof Tour.Action.AddRun add) {
            join(add.run());
            race.start();
        } else if (action instanceof Tour.Action.RemoveRun remove) {
            race.removeRun(remove.run());
        }
    }
}
