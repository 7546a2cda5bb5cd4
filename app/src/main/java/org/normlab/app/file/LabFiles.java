package org.normlab.app.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.session.RaceSetup;
import org.normlab.sim.report.SweepFigures;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.HeadlessRace;
import org.normlab.sim.run.InvalidInputException;

/**
 * The lab's experiment files: "Save as" writes the race as it went so far, "Open" starts the race a file describes,
 * and the recent files reopen either. Usable without a toolkit; what happened, or why not, goes to the lab's notice.
 * A saved file rerun headless ({@code normlab run FILE}) retraces the race's curves step for step. A folder opens as a
 * sweep's ({@code normlab sweep}): its table is read here, and shown by whatever {@link #showSweepsWith} gave.
 */
public final class LabFiles {
    private final LabViewModel lab;
    private final RecentFiles store;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private BiConsumer<Path, SweepFigures> sweepViewer;
    /** A sweep opened before there was a viewer (named on the command line): shown once there is one. */
    private Runnable pendingSweep;

    public LabFiles(LabViewModel lab, RecentFiles store) {
        this.lab = lab;
        this.store = store;
        recent.setAll(store.list());
    }

    /**
     * Writes the race's set-up, with every hyperparameter change made so far as a schedule, to {@code file}: first to
     * a temporary file beside it, then renamed, so a failure leaves no half-written file.
     */
    public void saveAs(Path file) {
        Path temporary = null;
        try {
            String json = ExperimentFile.toJson(lab.recordedSetup().experiment());
            Path folder = file.toAbsolutePath().getParent();
            temporary = Files.createTempFile(folder, ".normlab-", ".json");
            Files.writeString(temporary, json);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            remember(file);
            lab.notice("saved " + file);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            lab.problem("cannot save " + file + ": " + (e instanceof IOException
                    ? "its folder does not exist or is not writable" : e.getMessage()));
        }
    }

    /**
     * Starts the race {@code file} describes, or opens the sweep a folder holds; a file that does not parse or start
     * leaves the race as it is.
     */
    public void open(Path file) {
        if (Files.isDirectory(file)) {
            openSweep(file);
            return;
        }
        RaceSetup setup;
        try {
            setup = RaceSetup.of(ExperimentFile.read(file));
        } catch (RuntimeException e) {
            lab.problem("cannot open " + file.getFileName() + ": " + e.getMessage());
            return;
        }
        lab.load(setup).ifPresentOrElse(problem -> lab.problem("cannot start " + file.getFileName() + ": " + problem),
                () -> {
                    remember(file);
                    lab.notice("opened " + file);
                });
    }

    /** Opens a sweep's folder: its learning-rate figure; a folder that is not a readable sweep's is named. */
    public void openSweep(Path folder) {
        SweepFigures sweep;
        try {
            sweep = SweepFigures.read(folder);
        } catch (InvalidInputException e) {
            lab.problem("cannot open sweep " + folder.getFileName() + ": " + e.getMessage());
            return;
        }
        pendingSweep = () -> sweepViewer.accept(folder, sweep);
        if (sweepViewer != null) {
            showPendingSweep();
        }
        remember(folder);
        lab.notice("opened sweep " + folder);
    }

    /** Shows sweeps opened from now on, and one opened before, with {@code viewer} (the folder and its table). */
    public void showSweepsWith(BiConsumer<Path, SweepFigures> viewer) {
        sweepViewer = viewer;
        if (pendingSweep != null) {
            showPendingSweep();
        }
    }

    private void showPendingSweep() {
        Runnable show = pendingSweep;
        pendingSweep = null;
        show.run();
    }

    /**
     * Opens a sweep's trial: the lab cannot show a finished run's folder, so it starts the trial's experiment (the
     * {@value HeadlessRace#EXPERIMENT} its folder holds) as a new race, which retraces the trial's curves.
     */
    public void openTrial(Path trialFolder) {
        open(trialFolder.resolve(HeadlessRace.EXPERIMENT));
    }

    /** Opens a recent file or sweep folder; one that no longer exists leaves the list. */
    public void openRecent(Path file) {
        if (!Files.exists(file)) {
            store.remove(file);
            recent.setAll(store.list());
            lab.problem(file + " no longer exists: removed from the recent files");
            return;
        }
        open(file);
    }

    /** The recent files, newest first. */
    public ObservableList<Path> recent() {
        return recent;
    }

    private void remember(Path file) {
        store.add(file);
        recent.setAll(store.list());
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Nothing more to do: the message already says the save failed.
            }
        }
    }
}
