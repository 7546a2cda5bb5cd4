package org.normlab.app.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.session.RaceSetup;
import org.normlab.sim.run.ExperimentFile;

/**
 * The lab's experiment files: "Save as" writes the race as it went so far, "Open" starts the race a file describes,
 * and the recent files reopen either. Usable without a toolkit; what happened, or why not, goes to the lab's notice.
 * A saved file rerun headless ({@code normlab run FILE}) retraces the race's curves step for step.
 */
public final class LabFiles {
    private final LabViewModel lab;
    private final RecentFiles store;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();

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

    /** Starts the race {@code file} describes; a file that does not parse or start leaves the race as it is. */
    public void open(Path file) {
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

    /** Opens a recent file; one that no longer exists leaves the list. */
    public void openRecent(Path file) {
        if (!Files.isRegularFile(file)) {
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
