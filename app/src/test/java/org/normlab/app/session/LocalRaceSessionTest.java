package org.normlab.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.run.Experiment;
import org.testfx.util.WaitForAsyncUtils;

/** The stand-in race trained for real on a tiny network, each run on its own thread; waits poll with timeouts. */
class LocalRaceSessionTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static final int STEPS = 30;
    /** Far beyond any stable step: the logits overflow within a few steps. */
    private static final double HUGE_LEARNING_RATE = 1e300;

    private LocalRaceSession session;

    /** A 2→8→2 BN net on 200 spirals, batches of 20, diagnostics every 5 steps. */
    static RaceSetup tiny(List<RunSetup> runs) {
        return new RaceSetup(DataSpec.defaults(DataKind.SPIRALS).withSize(200).withSeed(3),
                RaceSetup.network(List.of(8), Activation.RELU, Normalization.BATCH_NORM), 20, 7,
                new Experiment.ProbeSetup(100, 2), 5, runs);
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void runsStartFromTheSameWeightsAndSeeTheSameBatches() throws Exception {
        session = start(RunSetup.of("a", Optimizer.SGD, 0.1), RunSetup.of("b", Optimizer.SGD, 0.1),
                RunSetup.of("c", Optimizer.MOMENTUM, 0.1));
        awaitTrue("every run takes " + STEPS + " steps", () -> session.runs().stream()
                .allMatch(r -> loss(r).size() >= STEPS));
        PointSeries a = loss(run("a"));
        PointSeries b = loss(run("b"));
        for (int i = 0; i < STEPS; i++) {
            assertEquals(a.y(i), b.y(i), "identical runs, loss of step " + i);
        }
        assertEquals(a.y(0), loss(run("c")).y(0), "the first loss depends only on the weights and the batch");
        assertTrue(loss(run("c")).y(STEPS - 1) != a.y(STEPS - 1), "momentum must take another path");
        assertEquals(List.of(0, 1, 2), session.runs().stream().map(RaceRun::color).toList());
    }

    @Test
    void aHugeLearningRateDivergesWhileTheOthersGoOn() throws Exception {
        session = start(RunSetup.of("calm", Optimizer.SGD, 0.1), RunSetup.of("wild", Optimizer.SGD,
                HUGE_LEARNING_RATE));
        awaitTrue("wild diverges", () -> run("wild").status().state() == RunStatus.State.DIVERGED);
        RunStatus wild = run("wild").status();
        assertTrue(wild.divergedAt() >= 1, "diverged at " + wild.divergedAt());
        assertTrue(run("wild").events().stream().anyMatch(e -> e.text().startsWith("diverged")));
        long calm = run("calm").status().steps();
        awaitTrue("calm keeps stepping", () -> run("calm").status().steps() > calm + STEPS);
        assertEquals(RunStatus.State.RUNNING, run("calm").status().state());
        assertEquals(wild.steps(), run("wild").status().steps(), "a diverged run takes no more steps");
    }

    @Test
    void aLearningRateChangeAppliesBetweenStepsAndIsRecorded() throws Exception {
        session = start(RunSetup.of("a", Optimizer.MOMENTUM, 0.1));
        assertEquals(Optional.empty(), session.setHyperparameter("a", "learningRate", 0.05));
        awaitTrue("the change is applied and recorded", () -> run("a").hyperparameters().get("learningRate") == 0.05
                && !run("a").events().isEmpty());
        RunEvent event = run("a").events().get(0);
        assertTrue(event.text().contains("learningRate") && event.text().contains("0.05"), event.text());
        assertEquals(0.9, run("a").hyperparameters().get("momentum"), "other hyperparameters stay");
    }

    @Test
    void invalidCommandsSayWhatIsAllowedAndChangeNothing() {
        session = start(RunSetup.of("a", Optimizer.SGD, 0.1));
        assertMessage("learningRate must be in [0, ∞)", session.setHyperparameter("a", "learningRate", -1));
        assertMessage("no hyperparameter 'momentum'; a has learningRate",
                session.setHyperparameter("a", "momentum", 0.5));
        assertMessage("no run named 'b'", session.setHyperparameter("b", "learningRate", 0.2));
        assertMessage("a run named 'a' is racing", session.addRun(RunSetup.of("a", Optimizer.ADAM, 0.01)));
        assertMessage("no run named 'b'", session.removeRun("b"));
        assertMessage("pause first", session.step());
        assertEquals(0.1, run("a").hyperparameters().get("learningRate"));
        assertTrue(run("a").events().isEmpty());
    }

    @Test
    void pauseHoldsEveryRunAndASingleStepAdvancesEachByOne() throws Exception {
        session = start(RunSetup.of("a", Optimizer.SGD, 0.1), RunSetup.of("b", Optimizer.ADAM, 0.01));
        session.pause();
        awaitTrue("both runs pause", () -> session.runs().stream()
                .allMatch(r -> r.status().state() == RunStatus.State.PAUSED));
        long a = run("a").status().steps();
        long b = run("b").status().steps();
        assertEquals(Optional.empty(), session.step());
        awaitTrue("one more step each", () -> run("a").status().steps() == a + 1
                && run("b").status().steps() == b + 1);
        session.play();
        awaitTrue("training resumes", () -> run("a").status().steps() > a + 1);
    }

    @Test
    void resetStartsFreshRunsWithTheSameNamesColorsAndHyperparameters() throws Exception {
        session = start(RunSetup.of("a", Optimizer.SGD, 0.1), RunSetup.of("b", Optimizer.SGD, 0.1));
        session.setHyperparameter("b", "learningRate", 0.2);
        awaitTrue("b is changed", () -> run("b").hyperparameters().get("learningRate") == 0.2);
        awaitTrue("a few steps", () -> loss(run("a")).size() >= STEPS);
        double firstLoss = loss(run("a")).y(0);
        RaceRun before = run("a");

        assertEquals(Optional.empty(), session.reset());
        assertNotSame(before, run("a"));
        assertEquals(List.of("a", "b"), session.runs().stream().map(RaceRun::name).toList());
        assertEquals(List.of(0, 1), session.runs().stream().map(RaceRun::color).toList());
        assertEquals(0.2, run("b").hyperparameters().get("learningRate"));
        awaitTrue("the fresh run steps", () -> loss(run("a")).size() > 0);
        assertEquals(firstLoss, loss(run("a")).y(0), "back at the same initial weights and first batch");
    }

    @Test
    void addedRunsTakeAFreeColorAndRemovedRunsLeave() {
        session = start(RunSetup.of("a", Optimizer.SGD, 0.1), RunSetup.of("b", Optimizer.SGD, 0.1));
        assertEquals(Optional.empty(), session.removeRun("a"));
        assertEquals(Optional.empty(), session.addRun(RunSetup.of("c", Optimizer.NESTEROV, 0.05)));
        assertEquals(List.of("b", "c"), session.runs().stream().map(RaceRun::name).toList());
        assertEquals(List.of(1, 0), session.runs().stream().map(RaceRun::color).toList());
    }

    private LocalRaceSession start(RunSetup... runs) {
        return LocalRaceSession.start(tiny(List.of(runs)), Path.of("unused: no MNIST"));
    }

    private RaceRun run(String name) {
        return session.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static PointSeries loss(RaceRun run) {
        return run.series(SeriesIds.TRAIN_LOSS).orElseThrow();
    }

    private static void assertMessage(String expected, Optional<String> message) {
        assertTrue(message.isPresent() && message.get().contains(expected), "expected '" + expected + "' in "
                + message);
    }

    private static void awaitTrue(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + TIMEOUT_SECONDS + " s in vain: " + what, e);
        }
    }
}
