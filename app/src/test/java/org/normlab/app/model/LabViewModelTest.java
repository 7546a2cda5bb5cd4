package org.normlab.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.app.Await;
import org.normlab.app.session.Computation;
import org.normlab.app.session.EngineSession;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;
import org.normlab.app.session.RunEvent;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.OptimizerSetup.Recipe;

/** The view model over a real stand-in race, without a toolkit: commands, messages, and what invalid input leaves. */
class LabViewModelTest {
    private static final RaceSetup TINY = new RaceSetup("tiny", "Two runs.",
            DataSpec.defaults(DataKind.SPIRALS).withSize(200),
            RaceSetup.network(List.of(8), Activation.RELU, Normalization.BATCH_NORM),
            new Experiment.Training(1_000_000, 20, 1), new Experiment.ProbeSetup(100, 1),
            RaceSetup.standardProbes(), 5,
            List.of(RaceSetup.run("sgd", Recipe.SGD, 0.1), RaceSetup.run("fast", Recipe.MOMENTUM, 0.05)));

    private final LabViewModel model = new LabViewModel(TINY, setup -> EngineSession.start(setup, Path.of(".")),
            List.of());

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void opensPlayingWithOneRowPerRunAndTheSetupInTheForm() throws Exception {
        assertTrue(model.playingProperty().get());
        assertEquals("Pause", model.playLabel().get());
        assertEquals(List.of("sgd", "fast"), model.runs().stream().map(RunRow::name).toList());
        assertEquals(List.of("learningRate", "batchSize"), names(row("sgd")));
        assertEquals(List.of("momentum", "learningRate", "batchSize"), names(row("fast")));
        assertEquals("20", row("sgd").settings().get(1).textProperty().get(), "a whole number, no decimal point");
        assertEquals("8", model.form().widthsProperty().get());
        assertTrue(model.statusProperty().get().startsWith("step "), model.statusProperty().get());

        model.togglePlaying();
        assertFalse(model.playingProperty().get());
        assertEquals("Play", model.playLabel().get());
        // A run counts as paused once its thread has finished the step in flight: poll, refreshing like the view.
        Await.until("sgd says paused", () -> {
            model.refresh();
            return model.statusProperty().get().contains("sgd paused");
        });
    }

    /** Loading a race one of whose runs cannot be set up starts the others and says which run and why. */
    @Test
    void aRunThatCannotBeSetUpIsNamedAndTheOthersRun() {
        Experiment.RunSetup broken = new Experiment.RunSetup("broken", RaceSetup.run("b", Recipe.SGD, 0.1).optimizer(),
                List.of(new Experiment.Change(5, "batchSize", 1_000_000)));

        Optional<String> problem = model.load(TINY.withRuns(List.of(RaceSetup.run("sgd", Recipe.SGD, 0.1), broken)));

        assertTrue(problem.orElse("").startsWith("run broken could not be set up: "), problem.toString());
        assertEquals(List.of("sgd"), model.runs().stream().map(RunRow::name).toList());
    }

    /** Memory that runs out while another race is set up is a message; the race that runs goes on. */
    @Test
    void runningOutOfMemoryWhileSettingUpARaceLeavesTheRunningRace() {
        RaceSetup other = TINY.withRuns(List.of(RaceSetup.run("other", Recipe.SGD, 0.1)));
        LabViewModel lab = new LabViewModel(TINY, setup -> {
            if (setup == other) {
                throw new OutOfMemoryError("Java heap space");
            }
            return EngineSession.start(setup, Path.of("."));
        }, List.of());
        try {
            assertEquals(Optional.of("out of memory (Java heap space); the race goes on as it was"), lab.load(other));
            assertEquals(List.of("sgd", "fast"), lab.runs().stream().map(RunRow::name).toList());
            assertTrue(lab.playingProperty().get());
        } finally {
            lab.close();
        }
    }

    /** A refused entry is named in the message; the field shows the value the run goes on with. */
    @Test
    void aNegativeOrNonNumericLearningRateIsRefusedWithAMessage() {
        List<RaceRun> race = model.raceProperty().get();
        enter("sgd", "learningRate", "-0.5");
        assertEquals("learningRate must be in [0, ∞), was -0.5", row("sgd").messageProperty().get());
        assertEquals("0.1", field("sgd", "learningRate"), "the value in force, not the refused one");
        enter("sgd", "learningRate", "fast please");
        assertEquals("learningRate must be a number, was 'fast please'", row("sgd").messageProperty().get());
        assertEquals("0.1", field("sgd", "learningRate"));
        enter("sgd", "batchSize", "1.5");
        assertEquals("20", field("sgd", "batchSize"));

        assertSame(race, model.raceProperty().get(), "no run was replaced");
        assertEquals(0.1, race.get(0).hyperparameters().get("learningRate"));
        assertTrue(race.get(0).events().isEmpty());
    }

    @Test
    void aPlanarRaceHasDecisionMapsAndOneOutsideThePlaneHasNone() throws Exception {
        assertTrue(model.planarProperty().get(), "spirals lie in the plane");
        Await.until("every run maps its decisions", () -> model.raceProperty().get().stream()
                .allMatch(r -> r.decisionMap().isPresent()));

        DataSpec teacher = DataSpec.defaults(DataKind.TEACHER_STUDENT).withSize(200);
        assertEquals(Optional.empty(), model.load(new RaceSetup("teacher", "", teacher, TINY.network(),
                TINY.training(), TINY.probe(), TINY.probes(), TINY.evaluateEvery(), TINY.runs())));
        assertFalse(model.planarProperty().get(), "teacher–student data has 20 dimensions");
        Await.until("every run takes 10 steps", () -> {
            model.refresh();
            return model.raceProperty().get().stream().allMatch(r -> r.status().steps() >= 10);
        });
        assertTrue(model.raceProperty().get().stream().allMatch(r -> r.decisionMap().isEmpty()),
                "no run maps a plane the data is not in");
    }

    /** The batch size changes mid-run like a hyperparameter: applied, recorded, refused outside its range. */
    @Test
    void aRunsBatchSizeChangesMidRunAndBadSizesAreRefused() throws Exception {
        model.setHyperparameter(row("sgd"), "batchSize", "1.5");
        assertEquals("batchSize must be a whole number in [0, 160] (0 = full batch), was 1.5",
                row("sgd").messageProperty().get());
        model.setHyperparameter(row("sgd"), "batchSize", "50");
        assertEquals("", row("sgd").messageProperty().get());
        RaceRun sgd = model.raceProperty().get().get(0);
        // Published after its event: once the value shows, so does the event.
        Await.until("the new batch size applies", () -> sgd.hyperparameters().get("batchSize") == 50.0);
        assertTrue(sgd.events().get(0).text().equals("batchSize 20.00 → 50.00"), sgd.events().toString());
        assertEquals(20.0, model.raceProperty().get().get(1).hyperparameters().get("batchSize"),
                "the other run keeps its batches");
    }

    /** A batch of one example has zero variance in train-mode BatchNorm: refused in the form and live, race untouched. */
    @Test
    void aBatchNormBatchOfOneIsRefusedInTheFormAndLive() {
        List<RaceRun> race = model.raceProperty().get();
        model.form().batchSizeProperty().set("1");
        model.applySetup();
        assertEquals("training.batchSize must be >= 2 with batch_norm (a batch of one example has zero variance), "
                + "was 1", model.setupMessageProperty().get());
        assertSame(race, model.raceProperty().get(), "the running race was not touched");
        model.setHyperparameter(row("sgd"), "batchSize", "1");
        assertEquals("batchSize must be >= 2 with batch_norm (a batch of one example has zero variance), was 1",
                row("sgd").messageProperty().get());
    }

    /** Entering the value in force again changes nothing: no event, so no marker on the charts. */
    @Test
    void reEnteringTheValueInForceRecordsNoChange() throws Exception {
        enter("sgd", "learningRate", "0.1");
        enter("sgd", "batchSize", "20");
        enter("sgd", "learningRate", "0.2");
        RaceRun sgd = model.raceProperty().get().get(0);
        // The commands apply in order: once the last has, the first two have too. The run publishes a new value
        // after its event, so whoever sees the value finds the event (not the other way round).
        Await.until("the change to 0.2 applies", () -> sgd.hyperparameters().get("learningRate") == 0.2);
        assertEquals(List.of("learningRate 0.1000 → 0.2000"), sgd.events().stream().map(RunEvent::text).toList());
        assertEquals(List.of(new Experiment.Change(0, "learningRate", 0.2)), sgd.setup().changes(),
                "the run's setup keeps the one real change");
    }

    @Test
    void anAcceptedValueClearsTheMessage() {
        model.setHyperparameter(row("sgd"), "learningRate", "-1");
        model.setHyperparameter(row("sgd"), "learningRate", "0.2");
        assertEquals("", row("sgd").messageProperty().get());
    }

    @Test
    void anEmptyWidthListIsRefusedAndTheRaceGoesOn() {
        List<RaceRun> race = model.raceProperty().get();
        model.form().widthsProperty().set("  ");
        model.applySetup();
        assertEquals("widths must list one or more hidden widths >= 1, e.g. 32, 32",
                model.setupMessageProperty().get());
        model.form().widthsProperty().set("8, 0");
        model.applySetup();
        assertEquals("widths must be integers >= 1, was 0", model.setupMessageProperty().get());
        assertSame(race, model.raceProperty().get(), "the running race was not touched");
    }

    @Test
    void aValidSetupRestartsTheRaceWithTheRunsAsTheyAre() {
        model.form().widthsProperty().set("4 4");
        model.applySetup();
        assertEquals("", model.setupMessageProperty().get());
        assertEquals(List.of("sgd", "fast"), model.raceProperty().get().stream().map(RaceRun::name).toList());
    }

    @Test
    void addingARunChecksItsNameAndLearningRate() {
        model.newRunNameProperty().set("sgd");
        model.addRun();
        assertTrue(model.addRunMessageProperty().get().contains("'sgd' is taken by an earlier run"),
                model.addRunMessageProperty().get());
        model.newRunNameProperty().set("..");
        model.addRun();
        assertEquals("name must be one plain file name: letters, digits, '.', '_' and '-', not '.' or '..', "
                + "was '..'", model.addRunMessageProperty().get());
        model.newRunNameProperty().set("adam");
        model.newRunOptimizerProperty().set(Recipe.ADAM);
        model.newRunLearningRateProperty().set("-3");
        model.addRun();
        assertTrue(model.addRunMessageProperty().get().endsWith("learningRate must be in [0, ∞), was -3.0"),
                model.addRunMessageProperty().get());
        model.newRunLearningRateProperty().set("0.01");
        model.addRun();
        assertEquals("", model.addRunMessageProperty().get());
        assertEquals(List.of("sgd", "fast", "adam"), model.runs().stream().map(RunRow::name).toList());
    }

    @Test
    void aPresetThatDoesNotParseSaysWhyAndOneThatDoesStartsItsRace(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("broken.json"), "{\"name\": \"broken\", ");
        Files.writeString(folder.resolve("fine.json"), """
                {"name": "fine", "description": "A tiny race.", "data": {"kind": "moons", "size": 100},
                 "network": {"hiddenWidths": [4]}, "training": {"steps": 10, "batchSize": 10},
                 "runs": [{"name": "plain", "optimizer": {"name": "sgd"}},
                          {"name": "psi", "optimizer": {"name": "psi_sgd", "momentum": 0.5}}]}""");
        List<Preset> presets = Preset.list(folder);
        assertEquals(List.of("broken.json", "fine"), presets.stream().map(Preset::name).toList());
        List<RaceRun> race = model.raceProperty().get();

        String before = model.descriptionProperty().get();
        model.loadPreset(presets.get(0));
        assertTrue(model.setupMessageProperty().get().startsWith("broken.json: cannot load"));
        assertTrue(model.setupMessageProperty().get().contains("not valid JSON"), model.setupMessageProperty().get());
        assertEquals(before, model.descriptionProperty().get(), "the running race's text stays");
        assertSame(race, model.raceProperty().get());

        model.loadPreset(presets.get(1));
        assertEquals("A tiny race.", model.descriptionProperty().get());
        assertEquals("", model.setupMessageProperty().get());
        assertEquals(DataKind.MOONS, model.form().dataProperty().get());
        assertEquals("10", model.form().stepsProperty().get());
        assertEquals(List.of("plain", "psi"), model.runs().stream().map(RunRow::name).toList());
        assertEquals("psi_sgd", row("psi").optimizer());
        assertEquals(0.5, model.raceProperty().get().get(1).hyperparameters().get("momentum"));
    }

    private RunRow row(String name) {
        return model.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** Types {@code text} into a run's field and presses Enter, as the control panel does. */
    private void enter(String run, String name, String text) {
        setting(run, name).textProperty().set(text);
        model.setHyperparameter(row(run), name, text);
    }

    private String field(String run, String name) {
        return setting(run, name).textProperty().get();
    }

    private RunRow.Setting setting(String run, String name) {
        return row(run).settings().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(RunRow row) {
        return row.settings().stream().map(RunRow.Setting::name).toList();
    }

    @Test
    void aComputationsShareDoneComesFromItsTypicalTimeAndNeverReachesOne() {
        assertEquals(0.5, new Computation("a: sharpness at step 10", 1, 2).fraction(), 1e-12);
        assertEquals(0.99, new Computation("a: sharpness at step 10", 3, 2).fraction(), 1e-12);
        assertEquals(-1, new Computation("a: sharpness at step 0", 1, Double.NaN).fraction());
        assertEquals("a: sharpness at step 10 · 1.0 s (longest before: 2.0 s)",
                LongestComputation.describe(new Computation("a: sharpness at step 10", 1, 2)));
    }
}
