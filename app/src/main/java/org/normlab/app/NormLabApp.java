package org.normlab.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.normlab.app.chart.ChartGrid;
import org.normlab.app.chart.GridPatterns;
import org.normlab.app.file.LabFiles;
import org.normlab.app.file.RecentFiles;
import org.normlab.app.live.ChartFeeder;
import org.normlab.app.live.ChartPacing;
import org.normlab.app.live.WindowLoad;
import org.normlab.app.map.DecisionMapStrip;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.model.Preset;
import org.normlab.app.session.EngineSession;
import org.normlab.app.session.LabSession;
import org.normlab.app.session.RaceSetup;
import org.normlab.app.sweep.SweepView;

/**
 * The NormLab window. It opens on a running race: by default {@link RaceSetup#spirals()}, or the experiment file
 * named as its first argument (a sweep's folder there opens its learning-rate figure beside the default race); {@value #PRESENTER_ARGUMENT} opens it in presenter mode. It fits the screen it opens
 * on.
 *
 * <p>Threads: every run steps on its own thread and appends to its series. The window's live tick runs on a feeder
 * thread: it copies thinned series into the charts, then has the FX thread read run status, add markers and redraw
 * decision maps that changed, so that one tick costs one frame; ticks come as often as the window's share of the
 * machine allows ({@link ChartPacing}), at most 12 a second. The FX thread also handles input. Neither the FX thread
 * nor a run thread writes a chart's data. Nothing forces frames: JavaFX draws only when something changed.
 */
public final class NormLabApp extends Application {
    /** System property naming the folder that holds {@code presets/} and {@code data/}; default {@code assets}. */
    public static final String ASSETS_PROPERTY = "normlab.assets";
    /** System property naming the folder a relative experiment file argument is found from; default the current one. */
    public static final String WORKDIR_PROPERTY = "normlab.workdir";
    private static final int MAX_POINTS_PER_SERIES = 512;
    private static final int RECENT_FILES = 8;
    private static final double WIDTH = 1600;
    private static final double HEIGHT = 1000;
    /** The argument that opens the window in presenter mode. */
    public static final String PRESENTER_ARGUMENT = "--presenter";

    private final RaceSetup opening;
    private final BiFunction<RaceSetup, Path, LabSession> starter;
    private LabViewModel model;
    private ChartFeeder feeder;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile boolean stopped;
    private final StringProperty display = new SimpleStringProperty("");

    public NormLabApp() {
        this(RaceSetup.spirals());
    }

    /** A window that opens on {@code opening}. */
    public NormLabApp(RaceSetup opening) {
        this(opening, EngineSession::start);
    }

    /** A window whose races {@code starter} starts (from a setup and the assets folder), e.g. a synthetic one. */
    NormLabApp(RaceSetup opening, BiFunction<RaceSetup, Path, LabSession> starter) {
        this.opening = opening;
        this.starter = starter;
    }

    @Override
    public void start(Stage stage) {
        Path assets = Path.of(System.getProperty(ASSETS_PROPERTY, "assets"));
        model = new LabViewModel(opening, setup -> starter.apply(setup, assets),
                Preset.list(assets.resolve("presets")));
        LabFiles files = new LabFiles(model, new RecentFiles(Preferences.userRoot().node(RecentFiles.NODE),
                RECENT_FILES));
        // An experiment file named on the command line replaces the opening race (or says in the notice why not)
        // before the charts exist: ChartFX locks a chart's DataSets in the layout Stage.show() runs outside a pulse
        // and releases only those in the next pulse, so DataSets swapped in between would never redraw the chart.
        // (No parameters when a measurement starts the window without launching the application.)
        List<String> arguments = Optional.ofNullable(getParameters()).map(Parameters::getRaw).orElse(List.of());
        arguments.stream().filter(argument -> !argument.equals(PRESENTER_ARGUMENT)).findFirst()
                .ifPresent(file -> files.open(Path.of(System.getProperty(WORKDIR_PROPERTY, "")).resolve(file)));
        model.presenterProperty().set(arguments.contains(PRESENTER_ARGUMENT));
        feeder = new ChartFeeder(MAX_POINTS_PER_SERIES);
        ChartGrid charts = new ChartGrid(model, feeder);
        DecisionMapStrip maps = new DecisionMapStrip(model);
        GridPatterns gridPatterns = new GridPatterns();

        Runnable refresh = () -> {
            refreshQueued.set(false);
            if (stopped) {
                return;
            }
            model.refresh();
            charts.refresh();
            maps.refresh();
            gridPatterns.holdCached();
            double share = feeder.windowShare();
            display.set(Double.isNaN(share) ? "" : String.format(Locale.ROOT,
                    "charts updated %.0f×/s · window %.0f%% of CPU", feeder.updatesPerSecond(), 100 * share));
        };

        // The window fits the screen it opens on (e.g. a 1280×720 projector), never larger.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Rectangle2D window = fit(screen, WIDTH, HEIGHT);
        Scene scene = new Scene(new LabView(model, charts, maps, files, display), window.getWidth(),
                window.getHeight());
        scene.getStylesheets().add(NormLabApp.class.getResource("lab.css").toExternalForm());
        stage.setTitle("NormLab");
        stage.setScene(scene);
        stage.setX(window.getMinX());
        stage.setY(window.getMinY());
        stage.show();
        // Sweeps open in windows of their own beside the lab's, one named on the command line too.
        files.showSweepsWith((folder, sweep) -> SweepView.show(folder, sweep, files::openTrial, stage));

        // Presenter mode spends more of the machine on the charts: a class watches them move.
        ChartPacing pacing = ChartPacing.forWindow();
        Runnable budget = () -> pacing.budget(model.presenterProperty().get() ? ChartPacing.PRESENTER_BUDGET
                : ChartPacing.LAB_BUDGET);
        model.presenterProperty().addListener((property, was, on) -> budget.run());
        budget.run();
        // After each tick's chart writes, once: a refresh still queued covers this tick too.
        feeder.start(pacing, WindowLoad.ofThisWindow()::share, () -> {
            if (refreshQueued.compareAndSet(false, true)) {
                Platform.runLater(refresh);
            }
        });
    }

    /** A window of at most {@code width} × {@code height}, within {@code screen}: centred, or filling it. */
    static Rectangle2D fit(Rectangle2D screen, double width, double height) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        return new Rectangle2D(screen.getMinX() + (screen.getWidth() - w) / 2,
                screen.getMinY() + (screen.getHeight() - h) / 2, w, h);
    }

    /** The window's view model, once started; for measurements. */
    LabViewModel model() {
        return model;
    }

    /** The charts' current update rate; for measurements. */
    double chartUpdatesPerSecond() {
        return feeder.updatesPerSecond();
    }

    /** The window's live feeder (ticks done, thinning time); for measurements. */
    ChartFeeder feeder() {
        return feeder;
    }

    /** The window's share of the machine last measured; for measurements. */
    double windowShare() {
        return feeder.windowShare();
    }

    @Override
    public void stop() throws InterruptedException {
        stopped = true;
        feeder.close();
        model.close();
    }

    public static void main(String[] args) {
        tuneRasterizer();
        launch(args);
    }

    /**
     * Call before JavaFX starts. Where JavaFX draws in software (no GPU, e.g. under Xvfb), stroking the charts' curves
     * is most of the renderer's time (60–65% of its samples in presenter mode, in Marlin's scan conversion), and
     * Marlin, the rasterizer, samples 8 sub-rows per pixel row; 2 still smooth the edges at a quarter of those rows. A
     * value given on the command line is kept.
     */
    public static void tuneRasterizer() {
        System.getProperties().putIfAbsent("prism.marlin.subPixel_log2_Y", "1");
    }
}
