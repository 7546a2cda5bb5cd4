package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.series.Quantity;

/**
 * Learning-rate schedules (sim/docs/math.md, "Learning-rate schedules"): each factor against its formula, strict
 * reading, a scheduled run against the same run driven by explicit per-step changes, and the threshold following η_t.
 */
class LearningRateScheduleTest {
    private static final double ETA = 0.3;

    private static LearningRateSchedule read(String json) throws Exception {
        return Json.mapper().readValue(json, LearningRateSchedule.class);
    }

    /** η_t = η·f(t) from each kind's formula written out independently (η = ETA), against the schedule's. */
    @Test
    void everyScheduleFollowsItsFormula() throws Exception {
        LearningRateSchedule step = read("{\"kind\": \"step\", \"every\": 7, \"gamma\": 0.5}");
        LearningRateSchedule cosine = read("{\"kind\": \"cosine\", \"steps\": 50, \"floor\": 0.1}");
        LearningRateSchedule exponential = read("{\"kind\": \"exponential\", \"rate\": 0.97}");
        LearningRateSchedule warmup = read("{\"kind\": \"warmup\", \"steps\": 10, \"then\": "
                + "{\"kind\": \"cosine\", \"steps\": 50}}");
        LearningRateSchedule constant = read("{\"kind\": \"constant\"}");
        double etaMin = 0.1 * ETA;
        double stepped = ETA;
        for (long t = 0; t < 120; t++) {
            if (t > 0 && t % 7 == 0) {
                stepped *= 0.5;
            }
            assertClose(stepped, ETA * step.factor(t), "step at t = " + t);
            double expectedCosine = t >= 50 ? etaMin
                    : etaMin + 0.5 * (ETA - etaMin) * (1 + Math.cos(Math.PI * t / 50));
            assertClose(expectedCosine, ETA * cosine.factor(t), "cosine at t = " + t);
            assertClose(ETA * Math.exp(t * Math.log(0.97)), ETA * exponential.factor(t), "exponential at t = " + t);
            double expectedWarmup = t < 10 ? ETA * (t + 1) / 10
                    : 0.5 * ETA * (1 + Math.cos(Math.PI * Math.min(t - 10, 50) / 50));
            assertClose(expectedWarmup, ETA * warmup.factor(t), "warm-up at t = " + t);
            assertEquals(1.0, constant.factor(t));
        }
        assertEquals(ETA, ETA * cosine.factor(0), "the cosine starts at η₀");
        assertEquals(1.0, warmup.factor(9), "the warm-up's last step uses the full base");
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-14 * Math.abs(expected) + 1e-300, what);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"kind\": \"linear\"} | runs[0].schedule.kind must be one of constant, step, cosine, exponential, "
                + "warmup, was 'linear'",
        "{\"every\": 3} | runs[0].schedule.kind is required: one of constant, step, cosine, exponential, warmup",
        "{\"kind\": \"step\", \"gamma\": 0.5} | runs[0].schedule.every must be an integer >= 1 (steps between "
                + "decays), is required",
        "{\"kind\": \"step\", \"every\": 0, \"gamma\": 0.5} | runs[0].schedule.every must be an integer >= 1 "
                + "(steps between decays), was 0",
        "{\"kind\": \"step\", \"every\": 2.5, \"gamma\": 0.5} | runs[0].schedule.every must be an integer, was 2.5",
        "{\"kind\": \"step\", \"every\": 3, \"gama\": 0.5} | runs[0].schedule.gama is not a known field of step; "
                + "did you mean gamma? allowed here: kind, every, gamma",
        "{\"kind\": \"cosine\", \"steps\": 10, \"floor\": 2} | runs[0].schedule.floor must be in [0, 1] (the final "
                + "fraction of the base learning rate), was 2.0",
        "{\"kind\": \"exponential\", \"rate\": -1} | runs[0].schedule.rate must be a finite number > 0 (the factor "
                + "per step), was -1.0",
        "{\"kind\": \"warmup\", \"steps\": 5, \"then\": {\"kind\": \"warmup\", \"steps\": 5}} | "
                + "runs[0].schedule.then must be constant, step, cosine or exponential, not another warmup",
        "{\"kind\": \"warmup\", \"steps\": 5, \"then\": {\"kind\": \"cos\"}} | runs[0].schedule.then.kind must be "
                + "one of constant, step, cosine, exponential, warmup, was 'cos'",
    })
    void aBadScheduleNamesItsFieldAndWhatIsAllowed(String schedule, String message) {
        String json = TinyExperiment.race("batch_norm", "[{\"name\": \"a\", \"optimizer\": {\"name\": \"sgd\"}, "
                + "\"schedule\": " + schedule + "}]");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentFile.parse(json, "test.json"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aScheduledExperimentReadsBackEqual() {
        Experiment e = ExperimentFile.parse(TinyExperiment.race("batch_norm", "[{\"name\": \"a\", \"optimizer\": "
                + "{\"name\": \"momentum\"}, \"schedule\": {\"kind\": \"warmup\", \"steps\": 3, \"then\": "
                + "{\"kind\": \"step\", \"every\": 4, \"gamma\": 0.5}}}, {\"name\": \"b\", \"optimizer\": "
                + "{\"name\": \"sgd\"}, \"schedule\": {\"kind\": \"constant\"}}]"), "test.json");
        assertEquals(e, ExperimentFile.parse(ExperimentFile.toJson(e), "resolved.json"));
        assertFalse(ExperimentFile.toJson(TinyExperiment.experiment()).contains("schedule"),
                "a run without a schedule writes none");
    }

    /**
     * A run with a warm-up-then-cosine schedule against the same run whose learning rate is set to η_t by an explicit
     * change after every step: the same losses and parameters bit for bit. A scheduled change of the learning rate
     * sets the base, which the schedule keeps shaping.
     */
    @Test
    void aScheduleEqualsTheExplicitPerStepChangesBitForBit() {
        String schedule = "{\"kind\": \"warmup\", \"steps\": 4, \"then\": {\"kind\": \"cosine\", \"steps\": 10, "
                + "\"floor\": 0.2}}";
        Experiment e = ExperimentFile.parse(TinyExperiment.race("batch_norm", "[{\"name\": \"s\", \"optimizer\": "
                + "{\"name\": \"momentum\", \"learningRate\": 0.2}, \"schedule\": " + schedule + ", \"changes\": "
                + "[{\"step\": 8, \"name\": \"learningRate\", \"value\": 0.1}]}]"), "test.json");
        LearningRateSchedule f = e.run("s").schedule();
        List<Experiment.Change> explicit = new ArrayList<>();
        for (long t = 0; t < TinyExperiment.STEPS; t++) {
            explicit.add(new Experiment.Change(t, "learningRate", (t < 8 ? 0.2 : 0.1) * f.factor(t)));
        }
        Experiment.RunSetup changed = new Experiment.RunSetup("c", e.run("s").optimizer(), explicit);
        Experiment both = new Experiment(e.name(), e.description(), e.data(), e.network(), e.training(),
                List.of(e.run("s"), changed), e.probe(), e.probes(), e.logging());
        Race race = race(both);
        Run scheduled = race.runs().get(0);
        Run stepped = race.runs().get(1);
        assertEquals(TinyExperiment.STEPS, scheduled.steps());
        assertArrayEquals(stepped.network().theta().toDoubleVector(), scheduled.network().theta().toDoubleVector());
        assertEquals(losses.get("c"), losses.get("s"));
        assertNotEquals(losses.get("s").get(5L), losses.get("s").get(6L));
        assertEquals(0.1 * f.factor(TinyExperiment.STEPS), scheduled.stepRule().learningRate(),
                "the η in force at the end: the base set by the change, shaped by the schedule");
        assertEquals(0.1, scheduled.value("learningRate"), "the run reports the base");
    }

    private final Map<String, NavigableMap<Long, Double>> losses = new ConcurrentHashMap<>();
    private final Map<String, Map<String, NavigableMap<Long, Double>>> series = new ConcurrentHashMap<>();

    private Race race(Experiment e) {
        Dataset train = e.data().load(Path.of("..", "assets")).train();
        Race race = new Race(e, train);
        for (Run run : race.runs()) {
            race.listen(run.name(), new RunListener() {
                @Override
                public void stepped(Run r, long step) {
                    losses.computeIfAbsent(r.name(), k -> new TreeMap<>()).put(step, r.loss());
                }

                @Override
                public void probed(Run r, String id, long step, double value) {
                    series.computeIfAbsent(r.name(), k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(id, k -> new TreeMap<>()).put(step, value);
                }
            });
        }
        race.start();
        try {
            race.awaitIdle();
            race.close();
        } catch (InterruptedException ex) {
            throw new AssertionError(ex);
        }
        return race;
    }

    /**
     * The learning rate is recorded at every step as the η in force (η_t for the step after t), and the sharpness
     * probe's threshold at step t is 2/η_t, for a step schedule and plain SGD.
     */
    @Test
    void theThresholdFollowsTheScheduledLearningRate() {
        Experiment e = ExperimentFile.parse(TinyExperiment.race("batch_norm", "[{\"name\": \"s\", \"optimizer\": "
                + "{\"name\": \"sgd\", \"learningRate\": 0.4}, \"schedule\": {\"kind\": \"step\", \"every\": 3, "
                + "\"gamma\": 0.5}}]").replace("\"logging\"", "\"probes\": {\"families\": [\"sharpness\"], "
                + "\"curvatureEvery\": 1}, \"logging\""), "test.json");
        race(e);
        NavigableMap<Long, Double> eta = series.get("s").get(Quantity.LEARNING_RATE.id());
        NavigableMap<Long, Double> threshold = series.get("s").get("hessian.threshold");
        assertEquals(TinyExperiment.STEPS + 1, eta.size(), "η at every step boundary, 0 included");
        assertTrue(threshold.size() > TinyExperiment.STEPS / 2, "thresholds recorded: " + threshold.size());
        for (long t = 0; t <= TinyExperiment.STEPS; t++) {
            double etaT = 0.4 * Math.pow(0.5, Math.floorDiv(t, 3));
            assertEquals(etaT, eta.get(t), 1e-15 * etaT, "η at step " + t);
            if (threshold.containsKey(t)) {
                assertEquals(2 / etaT, threshold.get(t), 1e-12 * 2 / etaT, "2/η_t at step " + t);
            }
        }
        assertFalse(series.get("s").isEmpty());
    }

    @Test
    void aLiveEditOfTheLearningRateSetsTheBase() {
        Experiment e = ExperimentFile.parse(TinyExperiment.race("batch_norm", "[{\"name\": \"s\", \"optimizer\": "
                + "{\"name\": \"sgd\", \"learningRate\": 0.4}, \"schedule\": {\"kind\": \"exponential\", "
                + "\"rate\": 0.9}}]"), "test.json");
        Run run = new Run(e, e.run("s"), e.data().load(Path.of("..", "assets")).train());
        run.step();
        run.step();
        assertEquals(0.4 * 0.9 * 0.9, run.stepRule().learningRate(), 1e-16);
        assertEquals(0.4, run.set("learningRate", 1.0), "the old base");
        assertEquals(0.9 * 0.9, run.stepRule().learningRate(), 1e-16, "the new base, shaped by the schedule");
        run.reset();
        assertEquals(1.0, run.stepRule().learningRate(), "after a reset: the base at f(0) = 1");
    }
}
