package org.normlab.app.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.app.Await;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.model.RunRow;
import org.normlab.app.session.EngineSession;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;
import org.normlab.app.session.RunEvent;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.OptimizerSetup;

/** Save as, Open and the recent files over a real race, without a toolkit. */
class LabFilesTest {
    /** Far beyond any step the test reaches: still ahead when the race is saved. */
    private static final Experiment.Change PLANNED = new Experiment.Change(900_000, "learningRate", 0.02);
    private static final RaceSetup TINY = new RaceSetup("tiny", "Two runs.",
            DataSpec.defaults(DataKind.SPIRALS).withSize(200),
            RaceSetup.network(List.of(8), Activation.RELU, Normalization.BATCH_NORM),
            new Experiment.Training(1_000_000, 20, 1), new Experiment.ProbeSetup(100, 1),
            RaceSetup.standardProbes(), 5,
            List.of(new Experiment.RunSetup("sgd", OptimizerSetup.sgd(0.1), List.of(PLANNED)),
                    RaceSetup.run("fast", OptimizerSetup.Recipe.MOMENTUM, 0.05)));

    @TempDir
    Path folder;
    private final Preferences node = Preferences.userRoot().node("org/normlab/app/test-" + UUID.randomUUID());
    private final LabViewModel lab = new LabViewModel(TINY, setup -> EngineSession.start(setup, Path.of(".")),
            List.of());
    private final LabFiles files = new LabFiles(lab, new RecentFiles(node, 3));

    @AfterEach
    void close() throws BackingStoreException {
        lab.close();
        node.removeNode();
    }

    @Test
    void savesTheInitialOptimizerAndEveryChangeAtTheStepItWasMade() throws Exception {
        lab.setHyperparameter(row("sgd"), "learningRate", "0.05");
        RunEvent change = Await.found("the change applies", () -> run("sgd").events().stream()
                .filter(e -> e.text().startsWith("learningRate")).findFirst());
        Path file = folder.resolve("race.json");

        files.saveAs(file);

        assertEquals("saved " + file, lab.noticeProperty().get());
        assertFalse(lab.noticeIsProblemProperty().get(), "news, not a problem");
        Experiment saved = ExperimentFile.read(file);
        Experiment.RunSetup sgd = saved.run("sgd");
        assertEquals(0.1, sgd.optimizer().ownHyperparameters().get("learningRate"));
        assertEquals(List.of(new Experiment.Change(change.step(), "learningRate", 0.05), PLANNED), sgd.changes());
        assertEquals(List.of(), saved.run("fast").changes());
        assertEquals(List.of(file), files.recent());
    }

    @Test
    void aResetCarriesTheChangedValuesAsChangesAtStepZero() throws Exception {
        lab.setHyperparameter(row("sgd"), "learningRate", "0.05");
        Await.found("the change applies", () -> run("sgd").events().stream().filter(e -> e.text().startsWith("learningRate")).findFirst());
        lab.reset();
        // The new trajectory's record is complete once its run has started stepping.
        Await.found("the fresh run steps", () -> Optional.of(run("sgd")).filter(r -> r.status().steps() > 0));

        Experiment.RunSetup sgd = lab.recordedSetup().runs().get(0);

        assertEquals(List.of(new Experiment.Change(0, "learningRate", 0.05), PLANNED), sgd.changes());
        assertEquals(0.1, sgd.optimizer().ownHyperparameters().get("learningRate"));
    }

    @Test
    void aSavedRaceReadsBackAsTheSameSetupAndOpensAgain() {
        Path file = folder.resolve("race.json");
        files.saveAs(file);

        assertEquals(TINY, RaceSetup.of(ExperimentFile.read(file)));

        lab.removeRun(row("fast"));
        files.open(file);
        assertEquals("opened " + file, lab.noticeProperty().get());
        assertEquals(List.of("sgd", "fast"), lab.runs().stream().map(RunRow::name).toList());
        assertEquals(TINY, lab.recordedSetup());
    }

    @Test
    void anInvalidFileGivesAMessageNamingFileAndFieldAndLeavesTheRace() throws IOException {
        Path file = folder.resolve("bad.json");
        Files.writeString(file, """
                {"name": "bad", "data": {"kind": "spirals"}, "network": {"hiddenWidths": [8]},
                 "training": {"steps": 0}}
                """);
        List<RaceRun> before = lab.raceProperty().get();

        files.open(file);

        String notice = lab.noticeProperty().get();
        assertTrue(notice.startsWith("cannot open bad.json: ") && notice.contains("training.steps"), notice);
        assertEquals(before, lab.raceProperty().get());
        assertEquals(List.of(), files.recent());

        files.open(folder.resolve("absent.json"));
        assertTrue(lab.noticeProperty().get().contains("does not exist"), lab.noticeProperty().get());
        assertTrue(lab.noticeIsProblemProperty().get(), "shown as a problem");
    }

    @Test
    void recentFilesAreNewestFirstWithoutRepeatsUpToTheLimitAndPersist() {
        RecentFiles recent = new RecentFiles(node, 3);
        List<Path> paths = List.of("a", "b", "c", "d").stream().map(n -> folder.resolve(n + ".json")).toList();
        paths.forEach(recent::add);
        assertEquals(List.of(paths.get(3), paths.get(2), paths.get(1)), recent.list());

        recent.add(paths.get(1));

        List<Path> expected = List.of(paths.get(1), paths.get(3), paths.get(2));
        assertEquals(expected, recent.list());
        assertEquals(expected, new RecentFiles(node, 3).list());
    }

    @Test
    void aRecentFileThatNoLongerExistsIsDroppedWithAMessage() throws IOException {
        Path kept = folder.resolve("kept.json");
        Path gone = folder.resolve("gone.json");
        files.saveAs(kept);
        files.saveAs(gone);
        Files.delete(gone);

        files.openRecent(gone);

        assertEquals(gone + " no longer exists: removed from the recent files", lab.noticeProperty().get());
        assertEquals(List.of(kept), files.recent());
        assertEquals(List.of(kept), new RecentFiles(node, 3).list());
    }

    private RunRow row(String name) {
        return lab.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private RaceRun run(String name) {
        lab.refresh();
        return lab.raceProperty().get().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
