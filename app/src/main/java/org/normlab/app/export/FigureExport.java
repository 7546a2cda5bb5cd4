package org.normlab.app.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.normlab.app.model.LabViewModel;
import org.normlab.sim.figure.ExportException;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureFiles;
import org.normlab.sim.report.FinalMetricsTable;

/**
 * The lab's export: asks for {@link ExportSettings}, takes the figure (a snapshot of the series, on the FX thread),
 * writes its files on a background thread so the window and the runs never wait, and reports in the tool bar's
 * notice what was written — or, naming the path, why not (each file is written to a temporary file and renamed, so
 * a failure leaves nothing half-written). The last settings are remembered for the next export.
 */
public final class FigureExport {
    private final LabViewModel model;
    private final Supplier<Scene> scene;
    private ExportSettings last = ExportSettings.defaults(Path.of(System.getProperty("user.home")));

    public FigureExport(LabViewModel model, Supplier<Scene> scene) {
        this.model = model;
        this.scene = scene;
    }

    /** Asks, then exports {@code what}, built by {@code figure} for the chosen settings. */
    public void ask(String what, Function<ExportSettings, Figure> figure) {
        ask(what, figure, null);
    }

    /**
     * Asks, then exports {@code what}, built by {@code figure} for the chosen settings, and, unless {@code table} is
     * null, the LaTeX table it gives beside it ({@link FinalMetricsTable#FILE}); both are taken now, on the FX thread.
     */
    public void ask(String what, Function<ExportSettings, Figure> figure, Supplier<String> table) {
        new ExportDialog(scene.get().getWindow(), what, last).showAndWait().ifPresent(settings -> {
            last = settings;
            Figure built = figure.apply(settings);
            Figure styled = built.withStyle(built.style().withFont(settings.font(), settings.fontSize()));
            String tableText = table == null ? null : table.get();
            model.notice("exporting " + what + " …");
            Runnable done = model.working("exporting " + what);
            Thread writer = new Thread(() -> {
                try {
                    List<Path> files = new ArrayList<>(FigureFiles.write(styled, settings.folder(),
                            settings.formats(), settings.dpi()));
                    if (tableText != null) {
                        Path file = settings.folder().resolve(FinalMetricsTable.FILE);
                        FigureFiles.writeText(file, tableText);
                        files.add(file);
                    }
                    finish(done, () -> model.notice("wrote " + files.size() + " files to " + settings.folder()
                            + ": " + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList())));
                } catch (ExportException e) {
                    finish(done, () -> model.problem(e.getMessage()));
                }
            }, "figure-export");
            writer.setDaemon(true);
            writer.start();
        });
    }

    /** On the FX thread: the export is over, then its outcome shows. */
    private static void finish(Runnable done, Runnable outcome) {
        Platform.runLater(() -> {
            done.run();
            outcome.run();
        });
    }
}
