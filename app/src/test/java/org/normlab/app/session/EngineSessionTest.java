package org.normlab.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.normlab.app.Await;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.DecisionMap;
import org.normlab.sim.model.DecisionMapper;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.MemoryEstimate;
import org.normlab.sim.run.Metric;
import org.normlab.sim.run.OptimizerSetup.Recipe;
import org.normlab.sim.series.Estimate;
import org.normlab.sim.series.Quantity;

/** The session over the engine's races, trained for real on a tiny network; waits poll with timeouts. */
class EngineSessionTest {
    private static final int STEPS = 30;
    /** More steps than any test waits for: the runs never finish on their own. */
    private static final int ENDLESS = 1_000_000;
    /** Far beyond any stable step: the logits overflow within a few steps. */
    private static final double HUGE_LEARNING_RATE = 1e300;

    private EngineSession session;
    /** The lab's JVM: -Xmx1g, javacpp maxphysicalbytes 5G. */
    private static final MemoryEstimate.Limits LAB_LIMITS = new MemoryEstimate.Limits(1L << 30, 4L << 30, "the lab's");

    /** A 2→8→2 BN net on 200 spirals, batches of 20, probe-set evaluations every 5 steps. */
    static RaceSetup tiny(int steps, List<Experiment.RunSetup> runs) {
        return new RaceSetup("tiny", "", DataSpec.defaults(DataKind.SPIRALS).withSize(200).withSeed(3),
                RaceSetup.network(List.of(8), Activation.RELU, Normalization.BATCH_NORM),
                new Experiment.Training(steps, 20, 7), new Experiment.ProbeSetup(100, 2),
                RaceSetup.standardProbes(), 5, runs);
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void runsStartFromTheSameWeightsAndSeeTheSameBatches() throws Exception {
        session = start(RaceSetup.run("a", Recipe.SGD, 0.1), RaceSetup.run("b", Recipe.SGD, 0.1),
                RaceSetup.run("c", Recipe.MOMENTUM, 0.1));
        Await.until("every run takes " + STEPS + " steps", () -> session.runs().stream()
                .allMatch(r -> loss(r).size() >= STEPS));
        PointSeries a = loss(run("a"));
        PointSeries b = loss(run("b"));
        for (int i = 0; i < STEPS; i++) {
            assertEquals(i + 1, a.x(i), "the loss of step t is at x = t");
            assertEquals(a.y(i), b.y(i), "identical runs, loss of step " + (i + 1));
        }
        assertEquals(a.y(0), loss(run("c")).y(0), "the first loss depends only on the weights and the batch");
        assertNotEquals(a.y(STEPS - 1), loss(run("c")).y(STEPS - 1), "momentum must take another path");
        assertEquals(List.of(0, 1, 2), session.runs().stream().map(RaceRun::color).toList());
        PointSeries probe = run("a").series(Metric.PROBE_ACCURACY.id()).orElseThrow();
        assertEquals(List.of(0.0, 5.0), List.of(probe.x(0), probe.x(1)), "probe-set accuracy at 0 and every 5");
    }

    @Test
    void everyEngineOptimizerRaces() throws Exception {
        session = start(RaceSetup.run("psi", Recipe.PSI_SGD, 0.1), RaceSetup.run("wrs", Recipe.WRS, 0.1),
                RaceSetup.run("insgd", Recipe.INSGD, 0.1), RaceSetup.run("pswa", Recipe.PSWA, 0.1),
                RaceSetup.run("adamw", Recipe.ADAMW, 0.01));
        Await.until("every run steps", () -> session.runs().stream().allMatch(r -> r.status().steps() >= STEPS));
        assertEquals("pswa(sgd)", run("pswa").optimizer());
        assertTrue(run("pswa").hyperparameters().containsKey("period"), run("pswa").hyperparameters().toString());
        assertTrue(run("adamw").hyperparameters().containsKey("weightDecay"));
    }

    @Test
    void aHugeLearningRateDivergesWhileTheOthersGoOn() throws Exception {
        session = start(RaceSetup.run("calm", Recipe.SGD, 0.1), RaceSetup.run("wild", Recipe.SGD,
                HUGE_LEARNING_RATE));
        Await.until("wild diverges", () -> run("wild").status().state() == RunStatus.State.DIVERGED);
        RunStatus wild = run("wild").status();
        assertTrue(wild.divergedAt() >= 1, "diverged at " + wild.divergedAt());
        assertTrue(run("wild").events().stream().anyMatch(e -> e.text().startsWith("diverged")
                && e.step() == wild.divergedAt()));
        long calm = run("calm").status().steps();
        Await.until("calm keeps stepping", () -> run("calm").status().steps() > calm + STEPS);
        assertEquals(RunStatus.State.RUNNING, run("calm").status().state());
        assertEquals(wild.steps(), run("wild").status().steps(), "a diverged run takes no more steps");
    }

    @Test
    void aLearningRateChangeAppliesBetweenStepsAndIsRecorded() throws Exception {
        session = start(RaceSetup.run("a", Recipe.MOMENTUM, 0.1));
        assertEquals(Optional.empty(), session.setHyperparameter("a", "learningRate", 0.05));
        Await.until("the change is applied", () -> run("a").hyperparameters().get("learningRate") == 0.05);
        RunEvent event = run("a").events().get(0);
        assertEquals("learningRate 0.1000 → 0.05000", event.text());
        assertEquals(0.9, run("a").hyperparameters().get("momentum"), "other hyperparameters stay");
        assertEquals(List.of(new Experiment.Change(0, "learningRate", 0.05)), run("a").setup().changes(),
                "restarted, the run would take the new value from its first step");
    }

    /** The limit's pacing is {@link SpeedLimitTest}'s; here: a refused speed, and runs that go on under a limit. */
    @Test
    void aSpeedLimitIsCheckedAndZeroLiftsIt() throws Exception {
        session = start(RaceSetup.run("a", Recipe.SGD, 0.1), RaceSetup.run("b", Recipe.MOMENTUM, 0.1));
        assertMessage("speed must be a number of steps per second >= 0 (0 = as fast as it goes), was -1.0",
                session.setSpeed(-1));
        assertEquals(Optional.empty(), session.setSpeed(20));
        assertEquals(20.0, session.speed());
        Await.until("both runs step under the limit", () -> run("a").status().steps() > 0
                && run("b").status().steps() > 0);

        assertEquals(Optional.empty(), session.setSpeed(0));
        assertEquals(0.0, session.speed());
        long lifted = run("a").status().steps();
        Await.until("a goes on", () -> run("a").status().steps() > lifted + STEPS);
    }

    @Test
    void invalidCommandsGiveTheEnginesMessageAndChangeNothing() {
        session = start(RaceSetup.run("a", Recipe.SGD, 0.1));
        assertMessage("learningRate must be in [0, ∞), was -1.0", session.setHyperparameter("a", "learningRate", -1));
        assertMessage("no hyperparameter 'momentum'; this optimizer has learningRate",
                session.setHyperparameter("a", "momentum", 0.5));
        assertMessage("no run named 'b'", session.setHyperparameter("b", "learningRate", 0.2));
        assertMessage("'a' is taken by an earlier run", session.addRun(RaceSetup.run("a", Recipe.ADAM, 0.01)));
        assertMessage("mimic_norm(sgd) needs network.normalization mimic_norm",
                session.addRun(RaceSetup.run("m", Recipe.MIMIC_NORM, 0.1)));
        assertMessage("no run named 'b'", session.removeRun("b"));
        assertMessage("pause first", session.step());
        assertEquals(List.of("a"), session.runs().stream().map(RaceRun::name).toList());
        assertEquals(0.1, run("a").hyperparameters().get("learningRate"));
        assertTrue(run("a").events().isEmpty());
    }

    @Test
    void pauseHoldsEveryRunAndASingleStepAdvancesEachByOne() throws Exception {
        session = start(RaceSetup.run("a", Recipe.SGD, 0.1), RaceSetup.run("b", Recipe.ADAM, 0.01));
        session.pause();
        Await.until("both runs pause: the loss series hold still", () -> stillAfterPause("a") && stillAfterPause("b"));
        long a = loss(run("a")).size();
        long b = loss(run("b")).size();
        assertEquals(Optional.empty(), session.step());
        Await.until("one more step each", () -> loss(run("a")).size() == a + 1 && loss(run("b")).size() == b + 1);
        session.play();
        Await.until("training resumes", () -> loss(run("a")).size() > a + 1);
    }

    @Test
    void resetStartsFreshRunsWithTheSameNamesColorsAndHyperparameters() throws Exception {
        session = start(RaceSetup.run("a", Recipe.SGD, 0.1), RaceSetup.run("b", Recipe.SGD, 0.1));
        session.setHyperparameter("b", "learningRate", 0.2);
        Await.until("b is changed", () -> run("b").hyperparameters().get("learningRate") == 0.2);
        Await.until("a few steps", () -> loss(run("a")).size() >= STEPS);
        double firstLoss = loss(run("a")).y(0);
        RaceRun before = run("a");

        assertEquals(Optional.empty(), session.reset());
        assertNotSame(before, run("a"));
        assertEquals(List.of("a", "b"), session.runs().stream().map(RaceRun::name).toList());
        assertEquals(List.of(0, 1), session.runs().stream().map(RaceRun::color).toList());
        assertEquals(0.2, run("b").hyperparameters().get("learningRate"));
        Await.until("the fresh run steps", () -> loss(run("a")).size() > 0);
        assertEquals(1, loss(run("a")).x(0), "the fresh series starts at step 1");
        assertEquals(firstLoss, loss(run("a")).y(0), "back at the same initial weights and first batch");
    }

    @Test
    void aRunAddedMidRaceStartsFromTheSameWeightsAndRemovedRunsLeave() throws Exception {
        session = start(RaceSetup.run("a", Recipe.SGD, 0.1), RaceSetup.run("b", Recipe.SGD, 0.1));
        Await.until("a few steps", () -> loss(run("a")).size() >= STEPS);
        assertEquals(Optional.empty(), session.removeRun("a"));
        assertEquals(Optional.empty(), session.addRun(RaceSetup.run("c", Recipe.SGD, 0.1)));
        assertEquals(List.of("b", "c"), session.runs().stream().map(RaceRun::name).toList());
        assertEquals(List.of(1, 0), session.runs().stream().map(RaceRun::color).toList());
        // b may lag behind a (and c) on a busy machine: wait for both before comparing their first steps.
        Await.until("b and c step", () -> loss(run("b")).size() >= STEPS && loss(run("c")).size() >= STEPS);
        for (int i = 0; i < STEPS; i++) {
            assertEquals(loss(run("b")).y(i), loss(run("c")).y(i), "c retraces b, loss of step " + (i + 1));
        }
    }

    @Test
    void aRaceEndsAtItsLastStep() throws Exception {
        session = EngineSession.start(tiny(STEPS, List.of(RaceSetup.run("a", Recipe.SGD, 0.1))), Path.of("."));
        Await.until("a finishes", () -> run("a").status().state() == RunStatus.State.FINISHED);
        assertEquals(STEPS, run("a").status().steps());
        PointSeries probe = run("a").series(Metric.PROBE_LOSS.id()).orElseThrow();
        assertEquals(STEPS, probe.x(probe.size() - 1), "the probe set is measured at the last step");
        for (String id : List.of(Estimate.SHARPNESS.top(), Estimate.FISHER.top(), Quantity.WEIGHT_NORM_SQUARED.layer(0),
                Quantity.ORTHOGONAL_RATIO.layer(0))) {
            PointSeries series = run("a").series(id).orElseThrow(() -> new AssertionError("no series " + id));
            assertEquals(List.of(0.0, (double) STEPS), List.of(series.x(0), series.x(series.size() - 1)),
                    id + " is probed at the start and at the last step");
            assertTrue(Double.isFinite(series.y(series.size() - 1)), id);
        }
        assertTrue(run("a").status().probeSeconds() > 0);
    }

    /** A probe's measurement under way shows as a computation naming the run, the probe and the step. */
    @Test
    void measurementsUnderWayShowAsComputations() throws Exception {
        session = start(RaceSetup.run("a", Recipe.SGD, 0.1));
        List<Computation> seen = new ArrayList<>();
        Await.until("a measurement is caught under way", () -> {
            seen.addAll(session.computations());
            return !seen.isEmpty();
        });
        Computation c = seen.get(0);
        assertTrue(c.what().matches("a: [a-z ]+ at step \\d+"), c.what());
        assertTrue(c.elapsedSeconds() >= 0, c.toString());
        session.pause();
        Await.until("a pauses", () -> stillAfterPause("a"));
        assertEquals(List.of(), session.computations(), "nothing is measured while paused");
    }

    @Test
    void everyRunOfAPlanarRaceMapsItsDecisionsAndAStoppedRunMapsItsCurrentWeights() throws Exception {
        session = start(RaceSetup.run("a", Recipe.SGD, 0.1), RaceSetup.run("b", Recipe.ADAM, 0.01));
        Await.until("both runs map", () -> session.runs().stream().allMatch(r -> r.decisionMap().isPresent()));
        DecisionMap first = run("a").decisionMap().orElseThrow();
        assertEquals(DecisionMapper.GRID_SIZE, first.gridSize());
        assertEquals(2, first.classes());
        Await.until("maps of later steps", () -> run("a").decisionMap().orElseThrow().step() > first.step());

        session.pause();
        Await.until("the loss series hold still", () -> stillAfterPause("a") && stillAfterPause("b"));
        Await.until("paused runs show the map of their last step", () -> session.runs().stream()
                .allMatch(r -> r.decisionMap().orElseThrow().step() == loss(r).size()));
        long paused = loss(run("a")).size();
        assertEquals(Optional.empty(), session.step());
        Await.until("a single step maps its step", () -> run("a").decisionMap().orElseThrow().step() == paused + 1);

        assertEquals(Optional.empty(), session.reset());
        Await.until("a reset maps step 0", () -> session.runs().stream()
                .allMatch(r -> r.decisionMap().isPresent() && r.decisionMap().get().step() == 0));
    }

    @Test
    void dataOutsideThePlaneHasNoMaps() throws Exception {
        RaceSetup planar = tiny(ENDLESS, List.of(RaceSetup.run("a", Recipe.SGD, 0.1)));
        RaceSetup teacher = new RaceSetup("teacher", "", DataSpec.defaults(DataKind.TEACHER_STUDENT).withSize(200),
                planar.network(), planar.training(), planar.probe(), planar.probes(), planar.evaluateEvery(),
                planar.runs());
        session = EngineSession.start(teacher, Path.of("unused: no MNIST"));
        Await.until("a steps", () -> loss(run("a")).size() >= STEPS);
        session.pause();
        Await.until("a holds still", () -> stillAfterPause("a"));
        assertEquals(Optional.empty(), run("a").decisionMap(), "20-dimensional data has no plane to map");
    }

    /**
     * Adding a run a million units wide is refused by the memory estimate, with the estimate, the lab's limit and the
     * field, before anything is built; the race goes on.
     */
    @Test
    void aRunTooLargeForMemoryIsRefusedAndTheOthersGoOn() throws Exception {
        session = EngineSession.start(tiny(ENDLESS, List.of(RaceSetup.run("a", Recipe.SGD, 0.1))),
                Path.of("unused: no MNIST"), LAB_LIMITS);
        Experiment.RunSetup wide = new Experiment.RunSetup("wide", RaceSetup.run("wide", Recipe.SGD, 0.1).optimizer(),
                List.of(), RaceSetup.network(List.of(1_000_000), Activation.RELU, Normalization.BATCH_NORM),
                Experiment.Rescale.NONE);

        Optional<String> refusal = session.addRun(wide);

        assertMessage("the experiment needs about ", refusal);
        assertMessage("4.00 GB (the lab's) is the limit", refusal);
        assertMessage("sized by runs[1].network.hiddenWidths", refusal);
        assertEquals(List.of("a"), session.runs().stream().map(RaceRun::name).toList());
        int before = loss(run("a")).size();
        Await.until("a goes on", () -> loss(run("a")).size() > before);
    }

    /** A run whose set-up fails is left out and said so; the other runs of the race start. */
    @Test
    void aRunThatCannotBeSetUpLeavesTheOthersRunning() throws Exception {
        Experiment.RunSetup broken = new Experiment.RunSetup("b", RaceSetup.run("b", Recipe.SGD, 0.1).optimizer(),
                List.of(new Experiment.Change(5, "batchSize", 1_000_000)));

        session = start(RaceSetup.run("a", Recipe.SGD, 0.1), broken);

        assertEquals(List.of("a"), session.runs().stream().map(RaceRun::name).toList());
        assertEquals(1, session.setupProblems().size(), session.setupProblems().toString());
        assertTrue(session.setupProblems().get(0).startsWith("run b could not be set up: "),
                session.setupProblems().get(0));
        Await.until("a steps", () -> loss(run("a")).size() >= STEPS);
    }

    /** A batch size beyond the training set is the engine's one refusal of it, before any run starts. */
    @Test
    void aBatchSizeBeyondTheTrainingSetIsRefusedWithItsRange() {
        RaceSetup small = tiny(STEPS, List.of(RaceSetup.run("a", Recipe.SGD, 0.1)));
        RaceSetup tooLarge = new RaceSetup(small.name(), small.description(), small.data(), small.network(),
                new Experiment.Training(STEPS, 1_000, 7), small.probe(), small.probes(), small.evaluateEvery(),
                small.runs());

        InvalidInputException refusal = assertThrows(InvalidInputException.class,
                () -> EngineSession.start(tooLarge, Path.of("unused: no MNIST")));

        assertTrue(refusal.getMessage().startsWith("training.batchSize must be a whole number in [0, "),
                refusal.getMessage());
        assertTrue(refusal.getMessage().endsWith("(0 = full batch), was 1000.0"), refusal.getMessage());
    }

    private EngineSession start(Experiment.RunSetup... runs) {
        return EngineSession.start(tiny(ENDLESS, List.of(runs)), Path.of("unused: no MNIST"));
    }

    /** Whether the run says paused: its thread has finished the step in flight and waits, so its series hold still. */
    private boolean stillAfterPause(String name) {
        return run(name).status().state() == RunStatus.State.PAUSED;
    }

    private RaceRun run(String name) {
        return session.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static PointSeries loss(RaceRun run) {
        return run.series(Metric.TRAIN_LOSS.id()).orElseThrow();
    }

    private static void assertMessage(String expected, Optional<String> message) {
        assertTrue(message.isPresent() && message.get().contains(expected), "expected '" + expected + "' in "
                + message);
    }
}
