package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** {@link Race#lockstep}: checked at every step boundary by listeners, never by the clock. */
class LockstepTest {
    private static final String RUNS = """
            [{"name": "a", "optimizer": {"name": "sgd", "learningRate": 0.1}},
             {"name": "b", "optimizer": {"name": "momentum", "learningRate": 0.05}},
             {"name": "wild", "optimizer": {"name": "sgd", "learningRate": 1e12}}]
            """;
    /** Twice the tiny experiment's steps: the wild run diverges within the first half (RunTest). */
    private static final long LAST = 2 * TinyExperiment.STEPS;

    private static Experiment experiment(boolean lockstep) {
        // No normalization: the wild run diverges within a few steps.
        return ExperimentFile.parse(TinyExperiment.race("none", RUNS).replace("\"steps\": " + TinyExperiment.STEPS,
                "\"steps\": " + LAST).replace("\"orderSeed\": 5", "\"orderSeed\": 5, \"lockstep\": " + lockstep),
                "lockstep.json");
    }

    private static Race race(Experiment e) {
        return new Race(e, e.data().load(Path.of("..", "assets")).train());
    }

    /**
     * Every run's step count as its listeners last heard it; a step that takes a run more than {@link Lockstep#LEAD}
     * steps past another run still in play is a violation.
     */
    private static final class Boundaries implements RunListener {
        final Map<String, Long> inPlay = new ConcurrentHashMap<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final Map<String, Long> steps = new ConcurrentHashMap<>();

        @Override
        public void started(Run run) {
            inPlay.put(run.name(), run.steps());
            steps.put(run.name(), run.steps());
        }

        @Override
        public void stepped(Run run, long step) {
            steps.put(run.name(), step);
            inPlay.forEach((other, at) -> {
                if (!other.equals(run.name()) && step > at + Lockstep.LEAD) {
                    violations.add(run.name() + " took step " + step + " while " + other + " was at " + at);
                }
            });
            inPlay.put(run.name(), step);
        }

        @Override
        public void diverged(Run run, long step) {
            inPlay.remove(run.name());
        }

        @Override
        public void stopped(Run run, long step) {
            inPlay.remove(run.name());
        }
    }

    /** Polls another thread's progress: no clock, no timeout (the race's own threads make it true). */
    private static void until(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            Thread.yield();
        }
    }

    @Test
    void noRunStepsMoreThanTheLeadAheadThroughPauseStepRunToResetAddAndRemove() throws InterruptedException {
        Experiment e = experiment(true);
        Boundaries boundaries = new Boundaries();
        try (Race race = race(e)) {
            assertTrue(race.lockstep());
            for (Run run : race.runs()) {
                race.listen(run.name(), boundaries);
            }
            race.sendAll(new Command.Pause());
            race.start();
            race.sendAll(new Command.RunTo(TinyExperiment.STEPS));
            race.awaitIdle();
            Run a = race.runs().get(0);
            Run b = race.runs().get(1);
            assertTrue(race.runs().get(2).diverged(), "the wild run diverged");
            assertEquals(List.of(20L, 20L), List.of(a.steps(), b.steps()), "a diverged run holds nobody back");

            race.sendAll(new Command.Step(1));
            race.awaitIdle();
            assertEquals(List.of(21L, 21L), List.of(a.steps(), b.steps()));

            // Reset alone, a starts over: b waits for it to catch up.
            race.send("a", new Command.Reset());
            race.awaitIdle();
            race.sendAll(new Command.RunTo(25));
            race.awaitIdle();
            assertEquals(List.of(25L, 25L), List.of(a.steps(), b.steps()));

            // A run that joins late and stops at step 3 holds the others at step 25 until it leaves.
            Experiment.RunSetup first = e.run("a");
            Run late = race.addRun(new Experiment.RunSetup("late", first.optimizer(), first.changes()));
            race.listen("late", boundaries);
            race.send("late", new Command.RunTo(3));
            race.start();
            race.send("a", new Command.Resume());
            race.send("b", new Command.Resume());
            until(() -> race.idle("late") && race.held("a") && race.held("b"));
            assertEquals(List.of(25L, 25L), List.of(a.steps(), b.steps()), "held by the late run");
            race.removeRun("late");
            race.awaitIdle();
            assertEquals(List.of(LAST, LAST),
                    List.of(a.steps(), b.steps()), "released when it left");
            assertEquals(3, late.steps(), "the late run stopped where it was told");
        }
        assertEquals(List.of(), boundaries.violations);
    }

    /** A run stuck in its step holds the others the lead ahead at most; off, they go on to the end without it. */
    @Test
    void aSlowRunHoldsTheOthersOnlyInLockstep() throws InterruptedException {
        for (boolean lockstep : List.of(true, false)) {
            Experiment e = experiment(lockstep).withRuns("a", "b");
            CountDownLatch release = new CountDownLatch(1);
            try (Race race = race(e)) {
                AtomicLong a = new AtomicLong();
                race.listen("a", (run, step) -> a.set(step));
                race.listen("b", (run, step) -> {
                    if (step == 3) {
                        try {
                            release.await();
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                race.start();
                try {
                    until(() -> race.held("a") && a.get() >= 2 + Lockstep.LEAD || race.idle("a"));
                    if (lockstep) {
                        assertFalse(race.idle("a"));
                        assertEquals(2 + Lockstep.LEAD, a.get(), "b's step 3 is not over until its listeners return");
                    } else {
                        assertEquals(LAST, a.get(), "not held when not in lockstep");
                    }
                } finally {
                    release.countDown();
                }
                race.awaitIdle();
                assertEquals(LAST, a.get());
            }
        }
    }

    @Test
    void lockstepCanBeTurnedOffMidRace() throws InterruptedException {
        Experiment e = experiment(true).withRuns("a", "b");
        try (Race race = race(e)) {
            race.send("b", new Command.Pause());
            race.start();
            until(() -> race.held("a"));
            assertEquals(Lockstep.LEAD, race.runs().get(0).steps(), "the lead ahead of b, paused at 0");
            race.lockstep(false);
            race.awaitIdle();
            assertEquals(LAST, race.runs().get(0).steps(), "off: a goes on alone");
            assertEquals(0, race.runs().get(1).steps());
        }
    }

    /**
     * A pause of every run stops them at one step: the furthest any had reached when it got the pause, here a run
     * stuck in its step 5 while another is stuck in its step 3 (each in a listener, so the step is under way).
     */
    @Test
    void aPauseOfAllStopsEveryRunAtTheStepTheLeaderReaches() throws InterruptedException {
        CountDownLatch stuck = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (Race race = race(experiment(true).withRuns("a", "b"))) {
            race.listen("a", blockAt(5, stuck, release));
            race.listen("b", blockAt(3, stuck, release));
            race.start();
            stuck.await();
            race.sendAll(new Command.Pause());
            release.countDown();
            race.awaitIdle();
            assertEquals(List.of(5L, 5L), steps(race),
                    "both stop at a's step under way");

            race.sendAll(new Command.Step(2));
            race.awaitIdle();
            assertEquals(List.of(7L, 7L), steps(race));
            race.sendAll(new Command.Resume());
            race.awaitIdle();
            assertEquals(List.of(LAST, LAST), steps(race), "resumed to the end");
        }
    }

    /** A pause of every run while one is held back far behind: it catches up to where the lead took the other. */
    @Test
    void aPauseOfAllWaitsForTheSlowRunToCatchUp() throws InterruptedException {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Race race = race(experiment(true).withRuns("a", "b"))) {
            AtomicLong a = new AtomicLong();
            race.listen("a", (run, step) -> a.set(step));
            race.listen("b", blockAt(3, stuck, release));
            race.start();
            stuck.await();
            until(() -> race.held("a") && a.get() >= 2 + Lockstep.LEAD);
            race.sendAll(new Command.Pause());
            release.countDown();
            race.awaitIdle();
            long a0 = race.runs().get(0).steps();
            assertEquals(List.of(a0, a0), steps(race),
                    "b caught up with a and stopped there");
            // a got the pause where b held it, or one step on if b's step ended first.
            assertTrue(a0 == 2 + Lockstep.LEAD || a0 == 3 + Lockstep.LEAD, "a stopped at " + a0);
        }
    }

    /**
     * A pause, a reset of each run, then a run-to of every run (a tour's start): the run-to's step is where they stop,
     * not where the runs had been before their resets.
     */
    @Test
    void aRunToOfAllAfterResetsStopsEveryRunAtItsStep() throws InterruptedException {
        try (Race race = race(experiment(true).withRuns("a", "b"))) {
            race.start();
            race.sendAll(new Command.Pause());
            race.runs().forEach(run -> race.send(run.name(), new Command.Reset()));
            race.sendAll(new Command.RunTo(3));
            race.awaitIdle();
            assertEquals(List.of(3L, 3L), steps(race));
        }
    }

    /** Lockstep is timing only: every run's loss at every step is the same, bit for bit, with it on or off. */
    @Test
    void lockstepChangesNothingARunComputes() throws InterruptedException {
        Map<Boolean, Map<String, List<Double>>> losses = new ConcurrentHashMap<>();
        for (boolean lockstep : List.of(true, false)) {
            Map<String, List<Double>> byRun = new ConcurrentHashMap<>();
            try (Race race = race(experiment(lockstep).withRuns("a", "b"))) {
                for (Run run : race.runs()) {
                    List<Double> loss = new CopyOnWriteArrayList<>();
                    byRun.put(run.name(), loss);
                    race.listen(run.name(), (r, step) -> loss.add(r.loss()));
                }
                race.start();
                race.awaitIdle();
            }
            losses.put(lockstep, byRun);
        }
        assertEquals(LAST, losses.get(true).get("a").size());
        assertEquals(losses.get(false), losses.get(true));
    }

    private static List<Long> steps(Race race) {
        return race.runs().stream().map(Run::steps).toList();
    }

    /** A listener that, at step {@code step}, counts {@code stuck} down and waits for {@code release}. */
    private static RunListener blockAt(long step, CountDownLatch stuck, CountDownLatch release) {
        return (run, at) -> {
            if (at == step) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
