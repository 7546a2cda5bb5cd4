package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tour of an experiment file: read strictly, kept by the experiment, checked against its runs and series. */
class TourFileTest {

    /** Two runs on a BatchNorm MLP, 100 steps, the default probes; {@code %s} is the tour's steps array. */
    private static final String EXPERIMENT = """
            {"name": "t", "data": {"kind": "moons"}, "network": {"hiddenWidths": [8]}, "training": {"steps": 100},
             "runs": [{"name": "gd", "optimizer": {"name": "sgd", "learningRate": 0.1}},
                      {"name": "mom", "optimizer": {"name": "momentum", "learningRate": 0.1, "momentum": 0.9}}],
             "probes": {"families": ["weight_norm", "sharpness"]},
             "tour": {"charts": %s, "steps": %s}}
            """;

    private static final String GOOD_STEPS = """
            [{"say": "Both runs start together.", "ask": "Which is faster?",
              "do": [{"action": "run_to", "step": 50}, {"action": "log_scale", "series": "probe.loss", "on": true}],
              "marks": [{"mark": "circle", "run": "gd", "series": "hessian.top_eig", "step": 50},
                        {"mark": "arrow", "run": "mom", "series": "probe.loss", "step": 50, "text": "here"},
                        {"mark": "highlight", "run": "gd", "series": "weight.norm_sq.layer0"},
                        {"mark": "band", "series": "hessian.top_eig", "low": 1, "high": 20},
                        {"mark": "band", "series": "probe.loss", "fromStep": 10, "toStep": 50}],
              "claims": [{"run": "gd", "series": "probe.loss", "step": 50, "below": 10},
                         {"run": "gd", "series": "probe.loss", "step": 50, "between": [0, 10]},
                         {"run": "gd", "series": "probe.loss", "step": 50, "near": 0.5, "within": 0.9},
                         {"run": "gd", "series": "hessian.top_eig", "step": 50, "above_series": "probe.loss"},
                         {"run": "gd", "series": "probe.loss", "step": 50, "below_run": "mom"},
                         {"run": "gd", "series": "weight.norm_sq.layer0", "from": 0, "to": 50, "rises": true},
                         {"run": "gd", "series": "probe.loss", "from": 0, "to": 50, "monotone": "decreasing"}]},
             {"say": "Adam joins, momentum leaves; gd slows down.",
              "do": [{"action": "add_run", "run": {"name": "adam", "optimizer": {"name": "adam", "learningRate": 0.01}}},
                     {"action": "remove_run", "run": "mom"}, {"action": "set", "run": "gd", "name": "learningRate",
                      "value": 0.05}, {"action": "pause"}, {"action": "run_to", "step": 100}],
              "claims": [{"run": "adam", "series": "preconditioned_hessian.top_eig", "step": 100, "above": 0}]}]
            """;

    private static String experiment(String charts, String steps) {
        return EXPERIMENT.formatted(charts, steps);
    }

    private static String error(String charts, String steps) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentFile.parse(experiment(charts, steps), "test.json"));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    /** The message of a one-step tour whose step is {@code step}, run to 50 first. */
    private static String stepError(String step) {
        return error("[\"probe.loss\"]", "[{\"say\": \"s\", \"do\": [{\"action\": \"run_to\", \"step\": 50}]}, "
                + step + "]");
    }

    @Test
    void aTourIsReadKeptAndWrittenBack() {
        Experiment e = ExperimentFile.parse(experiment("[\"hessian.top_eig\", \"probe.loss\"]", GOOD_STEPS),
                "test.json");
        Tour tour = e.tour();
        assertEquals(List.of("hessian.top_eig", "probe.loss"), tour.charts());
        assertEquals(2, tour.steps().size());
        Tour.Step first = tour.steps().get(0);
        assertEquals("Which is faster?", first.ask());
        assertEquals(new Tour.Action.RunTo(50), first.actions().get(0));
        assertEquals(new Tour.Mark.Band("probe.loss", null, null, 10L, 50L), first.marks().get(4));
        assertEquals(new Tour.Claim.Near("gd", "probe.loss", 50, 0.5, 0.9), first.claims().get(2));
        assertEquals(new Tour.Claim.Monotone("gd", "probe.loss", 0, 50, Tour.Claim.Direction.DECREASING),
                first.claims().get(6));
        assertNull(tour.steps().get(1).ask());
        assertEquals(50, tour.reachedAt(0));
        assertEquals(100, tour.reachedAt(1));
        // The added run takes the defaults a runs[] entry takes.
        Tour.Action.AddRun add = (Tour.Action.AddRun) tour.steps().get(1).actions().get(0);
        assertEquals(Experiment.Rescale.NONE, add.run().rescale());
        assertEquals(e, ExperimentFile.parse(ExperimentFile.toJson(e), "saved.json"));
        assertTrue(ExperimentFile.toJson(e).contains("\"above_series\" : \"probe.loss\""));
        // A subset of the runs has no tour (it names the others).
        assertNull(e.withRuns("gd").tour());
    }

    @Test
    void anExperimentWithoutATourWritesNone() {
        Experiment e = ExperimentFile.parse("""
                {"name": "m", "data": {"kind": "moons"}, "network": {"hiddenWidths": [8]}, "training": {"steps": 10}}
                """, "test.json");
        assertNull(e.tour());
        assertFalse(ExperimentFile.toJson(e).contains("tour"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"sai\": \"s\"} | tour step 2: sai is not a known field; did you mean say? allowed here: ask, claims, do, "
                + "marks, say",
        "{\"say\": \"\"} | tour step 2: say is required (the narration, a non-empty string)",
        "{\"say\": \"s\", \"do\": [{\"action\": \"jump\"}]} | tour step 2: do[0].action must be one of run_to, pause, "
                + "set, add_run, remove_run, log_scale, was 'jump'",
        "{\"say\": \"s\", \"do\": [{\"action\": \"run_to\", \"stepp\": 60}]} | tour step 2: do[0].stepp is not a known "
                + "field of run_to; did you mean step? allowed here: action, step",
        "{\"say\": \"s\", \"do\": [{\"action\": \"run_to\", \"step\": 101}]} | tour step 2: do[0].step: must be at "
                + "most training.steps (100), was 101",
        "{\"say\": \"s\", \"do\": [{\"action\": \"run_to\", \"step\": 40}]} | tour step 2: do[0].step: run_to must go "
                + "forward: the runs are at step 50 here, was 40",
        "{\"say\": \"s\", \"do\": [{\"action\": \"set\", \"run\": \"gd\", \"name\": \"momentum\", \"value\": 0.9}]} "
                + "| tour step 2: do[0].name: run gd: no hyperparameter 'momentum'; this optimizer has learningRate",
        "{\"say\": \"s\", \"do\": [{\"action\": \"set\", \"run\": \"gd\", \"name\": \"learningRate\", \"value\": -1}]} "
                + "| tour step 2: do[0].name: run gd: learningRate must be",
        "{\"say\": \"s\", \"do\": [{\"action\": \"set\", \"run\": \"adam\", \"name\": \"learningRate\", "
                + "\"value\": 1}]} | tour step 2: do[0].run: 'adam' is not a run of the race at this step; allowed "
                + "here: gd, mom",
        "{\"say\": \"s\", \"do\": [{\"action\": \"add_run\", \"run\": {\"name\": \"gd\", \"optimizer\": "
                + "{\"name\": \"sgd\"}}}]} | tour step 2: do[0].run.name: 'gd' is a run of the race already",
        "{\"say\": \"s\", \"do\": [{\"action\": \"add_run\", \"run\": {\"name\": \"x\", \"optimzer\": "
                + "{\"name\": \"sgd\"}}}]} | tour step 2: do[0].run.optimzer is not a known field; did you mean "
                + "optimizer?",
        "{\"say\": \"s\", \"do\": [{\"action\": \"log_scale\", \"series\": \"probe.los\", \"on\": true}]} "
                + "| tour step 2: do[0].series: 'probe.los' is not a series any run of the race records at this step; "
                + "did you mean probe.loss?",
        "{\"say\": \"s\", \"marks\": [{\"mark\": \"cross\"}]} | tour step 2: marks[0].mark must be one of circle, "
                + "arrow, highlight, band, was 'cross'",
        "{\"say\": \"s\", \"marks\": [{\"mark\": \"circle\", \"run\": \"gd\", \"series\": \"fisher.top_eig\", "
                + "\"step\": 50}]} | tour step 2: marks[0].series: 'fisher.top_eig' is not a series run gd records;",
        "{\"say\": \"s\", \"marks\": [{\"mark\": \"circle\", \"run\": \"gd\", \"series\": \"probe.loss\", "
                + "\"step\": 60}]} | tour step 2: marks[0].step: the runs are at step 50 here",
        "{\"say\": \"s\", \"marks\": [{\"mark\": \"band\", \"series\": \"probe.loss\", \"low\": 1}]} "
                + "| tour step 2: marks[0].low and high must be finite numbers with low < high, was 1.0 and null",
        "{\"say\": \"s\", \"marks\": [{\"mark\": \"band\", \"series\": \"probe.loss\", \"fromStep\": 1, \"toStep\": "
                + "101}]} | tour step 2: marks[0].toStep: must be at most training.steps (100), was 101",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"step\": 50, \"abve\": 1}]} "
                + "| tour step 2: claims[0].abve is not a known field; did you mean above?",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"step\": 50}]} "
                + "| tour step 2: claims[0] must have exactly one of above, below, between, near, above_series, "
                + "below_series, above_run, below_run, rises, falls, monotone",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"step\": 50, \"above\": 1, "
                + "\"below\": 2}]} | tour step 2: claims[0] must have exactly one of above, below, between, near, "
                + "above_series, below_series, above_run, below_run, rises, falls, monotone, had above, below",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"step\": 50, \"near\": 1, "
                + "\"whithin\": 2}]} | tour step 2: claims[0].whithin is not a known field of near; did you mean "
                + "within?",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gdd\", \"series\": \"probe.loss\", \"step\": 50, \"above\": 1}]} "
                + "| tour step 2: claims[0].run: 'gdd' is not a run of the race at this step; did you mean gd?",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"step\": 51, \"above\": 1}]} "
                + "| tour step 2: claims[0].step: the runs are at step 50 here",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"from\": 0, \"to\": 51, "
                + "\"rises\": true}]} | tour step 2: claims[0].to: the runs are at step 50 here",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"from\": 0, \"to\": 50, "
                + "\"rises\": false}]} | tour step 2: claims[0].rises must be true",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"from\": 0, \"to\": 50, "
                + "\"monotone\": \"up\"}]} | tour step 2: claims[0].monotone must be one of increasing, decreasing",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"step\": 50, "
                + "\"below_run\": \"gd\"}]} | tour step 2: claims[0].below_run: must name another run",
        "{\"say\": \"s\", \"claims\": [{\"run\": \"gd\", \"series\": \"probe.loss\", \"step\": 50, "
                + "\"above_series\": \"preconditioned_hessian.top_eig\"}]} | tour step 2: claims[0].above_series: "
                + "'preconditioned_hessian.top_eig' is not a series run gd records;",
    })
    void aBadStepIsNamedWithItsFieldAndWhatIsAllowed(String step, String message) {
        String actual = stepError(step);
        assertTrue(actual.startsWith(message), () -> "expected '" + message + "…', was '" + actual + "'");
    }

    @Test
    void aRunCountsFromItsAddRunToItsRemoveRun() {
        String adam = "{\"name\": \"adam\", \"optimizer\": {\"name\": \"adam\"}}";
        String claim = "\"claims\": [{\"run\": \"adam\", \"series\": \"probe.loss\", \"step\": 50, \"above\": 0}]";
        assertTrue(stepError("{\"say\": \"s\", " + claim + "}")
                .startsWith("tour step 2: claims[0].run: 'adam' is not a run of the race at this step"));
        ExperimentFile.parse(experiment("[\"probe.loss\"]", "[{\"say\": \"s\", \"do\": [{\"action\": \"add_run\", "
                + "\"run\": " + adam + "}, {\"action\": \"run_to\", \"step\": 50}], " + claim + "}]"), "test.json");
        assertTrue(error("[\"probe.loss\"]", "[{\"say\": \"s\", \"do\": [{\"action\": \"add_run\", \"run\": " + adam
                + "}, {\"action\": \"run_to\", \"step\": 50}]}, {\"say\": \"s\", \"do\": [{\"action\": "
                + "\"remove_run\", \"run\": \"adam\"}], " + claim + "}]")
                .startsWith("tour step 2: claims[0].run: 'adam' is not a run of the race at this step"));
    }

    @Test
    void chartsAreOneToFourSeriesTheRunsRecord() {
        String steps = "[{\"say\": \"s\"}]";
        assertEquals("tour.charts must be an array of 1 to 4 series ids, had 0", error("[]", steps));
        assertEquals("tour.charts must be an array of 1 to 4 series ids, had 5", error("[\"probe.loss\", "
                + "\"train.loss\", \"test.loss\", \"grad.norm\", \"hessian.top_eig\"]", steps));
        assertTrue(error("[\"fisher.top_eig\"]", steps).startsWith("tour.charts[0] 'fisher.top_eig' is not a series "
                + "any run of the tour records;"));
        // The series of a network without BatchNorm have no scale-invariant rows: no weight norm.
        String plain = experiment("[\"weight.norm_sq.layer0\"]", steps).replace("\"hiddenWidths\": [8]",
                "\"hiddenWidths\": [8], \"normalization\": \"none\"");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentFile.parse(plain, "test.json"));
        assertTrue(e.getMessage().startsWith("tour.charts[0] 'weight.norm_sq.layer0' is not a series"),
                e.getMessage());
    }

    @Test
    void aMisspeltTourFieldIsNamed() {
        String json = experiment("[\"probe.loss\"]", "[{\"say\": \"s\"}]").replace("\"steps\": [{", "\"step\": [{");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentFile.parse(json, "test.json"));
        assertEquals("tour.step is not a known field; did you mean steps? allowed here: charts, steps",
                e.getMessage());
    }
}
