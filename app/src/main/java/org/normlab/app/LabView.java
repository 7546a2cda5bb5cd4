package org.normlab.app;

import java.io.File;
import java.nio.file.Path;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.normlab.app.chart.ChartGrid;
import org.normlab.app.chart.DiagnosticChart;
import org.normlab.app.chart.RaceLegend;
import org.normlab.app.control.ControlPanel;
import org.normlab.app.control.StatusBar;
import org.normlab.app.curvature.CurvaturePanel;
import org.normlab.app.export.FigureExport;
import org.normlab.app.export.LabFigures;
import org.normlab.app.file.LabFiles;
import org.normlab.app.map.DecisionMapStrip;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.tour.TourPanel;
import org.normlab.app.tour.TourPlayer;

/**
 * The lab window's content: transport controls and experiment files on top, the controls on the left, the legend,
 * the tour's narration (if the race has a tour), the runs' decision maps (for data in the plane), the chart grid and the
 * collapsed curvature panel in the middle, a status bar at the bottom. In presenter mode ({@link PresenterMode}): its
 * tool bar on top, then only the tour's charts and its narration, in the projector theme (pseudo-class {@code :presenter}).
 */
public final class LabView extends BorderPane {
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private static final PseudoClass PRESENTER = PseudoClass.getPseudoClass("presenter");
    private final PresenterMode presenterMode;

    /** @param display what the window costs, for the status bar's right end (chart updates/s, its share of the CPU) */
    public LabView(LabViewModel model, ChartGrid charts, DecisionMapStrip maps, LabFiles files,
                   ObservableValue<String> display) {
        getStyleClass().add("lab");

        Button playPause = new Button();
        playPause.setId("playPause");
        playPause.textProperty().bind(model.playLabel());
        playPause.setOnAction(event -> model.togglePlaying());
        Button step = new Button("Step");
        step.setId("step");
        step.disableProperty().bind(model.playingProperty());
        step.setOnAction(event -> model.step());
        Button reset = new Button("Reset");
        reset.setId("reset");
        reset.setOnAction(event -> model.reset());
        Label notice = new Label();
        notice.setId("notice");
        notice.getStyleClass().add("notice");
        notice.textProperty().bind(model.noticeProperty());
        model.noticeIsProblemProperty().addListener((property, was, problem) ->
                notice.pseudoClassStateChanged(PROBLEM, problem));

        ScrollPane controls = new ScrollPane(new ControlPanel(model));
        controls.setFitToWidth(true);
        controls.getStyleClass().add("controls");

        ChoiceBox<Double> speed = new ChoiceBox<>();
        speed.setId("speed");
        speed.getItems().setAll(LabViewModel.SPEEDS);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double stepsPerSecond) {
                return stepsPerSecond == null ? "" : LabViewModel.speedLabel(stepsPerSecond);
            }

            @Override
            public Double fromString(String text) {
                throw new UnsupportedOperationException("the speed is chosen, not typed");
            }
        });
        speed.setValue(model.speed());
        speed.valueProperty().addListener((property, old, value) -> model.setSpeed(value));

        Button exportAll = new Button("Export all…");
        exportAll.setId("exportAll");
        FigureExport export = new FigureExport(model, this::getScene);
        exportAll.setOnAction(event -> export.ask("the dashboard", settings -> LabFigures.dashboard(
                charts.charts().stream().map(DiagnosticChart::spec).toList(),
                charts.charts().stream().map(DiagnosticChart::logScale).toList(),
                model.raceProperty().get(), settings.width()), () -> LabFigures.table(model.raceProperty().get())));
        charts.forEveryChart(chart -> chart.onExport(() -> export.ask(chart.spec().title(),
                settings -> LabFigures.chart(chart.spec(), chart.logScale(), model.raceProperty().get(),
                        settings.width()))));

        CurvaturePanel curvature = new CurvaturePanel(model, (measured, figure) -> export.ask("the curvature of "
                + measured.snapshot().run() + " at step " + measured.snapshot().step(), figure));

        Button open = new Button("Open…");
        open.setId("open");
        open.setOnAction(event -> chooseFile(files, false));
        Button openSweep = new Button("Open sweep…");
        openSweep.setId("openSweep");
        openSweep.setTooltip(new Tooltip("A sweep's folder (normlab sweep --out): its learning-rate figure"));
        openSweep.setOnAction(event -> chooseSweep(files));
        Button saveAs = new Button("Save as…");
        saveAs.setId("saveAs");
        saveAs.setOnAction(event -> chooseFile(files, true));
        MenuButton recent = new MenuButton("Recent");
        recent.setId("recent");
        recent.setOnShowing(event -> recent.getItems().setAll(files.recent().stream().map(file -> {
            MenuItem item = new MenuItem(file.toString());
            item.setOnAction(chosen -> files.openRecent(file));
            return item;
        }).toList()));

        CheckBox lockstep = new CheckBox("Lockstep");
        lockstep.setId("lockstep");
        lockstep.setTooltip(new Tooltip("Advance all runs together, none more than a step ahead of the slowest"));
        lockstep.selectedProperty().bindBidirectional(model.lockstepProperty());
        ToggleButton presenter = new ToggleButton("Presenter");
        presenter.setId("presenter");
        presenter.setTooltip(new Tooltip("Projector view: the tour's charts, large type, keys ← → space R + −"));
        presenter.selectedProperty().bindBidirectional(model.presenterProperty());

        TourPlayer player = new TourPlayer(model, charts::showMarks, (series, on) -> charts.chart(series)
                .ifPresent(chart -> chart.setLogScale(on)));
        TourPanel narration = new TourPanel(player);
        presenterMode = new PresenterMode(model, player);
        sceneProperty().addListener((property, old, scene) -> {
            if (scene != null) {
                presenterMode.listen(scene);
            }
        });

        ToolBar toolBar = new ToolBar(playPause, step, reset, speed, lockstep, presenter, open, openSweep, saveAs,
                recent, exportAll, notice);
        RaceLegend legend = new RaceLegend(model);
        StatusBar status = new StatusBar(model, display);
        VBox.setVgrow(charts, Priority.ALWAYS);
        Runnable arrange = () -> {
            boolean on = model.presenterProperty().get();
            pseudoClassStateChanged(PRESENTER, on);
            setTop(on ? presenterMode.bar() : toolBar);
            setLeft(on ? null : controls);
            setCenter(on ? new VBox(charts, narration) : new VBox(legend, narration, maps, charts, curvature));
            setBottom(on ? null : status);
        };
        model.presenterProperty().addListener((property, was, on) -> arrange.run());
        arrange.run();
    }

    /** The run presenter mode's + and − act on; for tests. */
    StringProperty presenterRunProperty() {
        return presenterMode.selectedRunProperty();
    }

    /** Asks for a sweep's folder, starting in the parent of the newest recent one, and opens it. */
    private void chooseSweep(LabFiles files) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a sweep's folder");
        files.recent().stream().map(Path::getParent).filter(folder -> folder != null && folder.toFile().isDirectory())
                .findFirst().ifPresent(folder -> chooser.setInitialDirectory(folder.toFile()));
        File chosen = chooser.showDialog(getScene().getWindow());
        if (chosen != null) {
            files.openSweep(chosen.toPath());
        }
    }

    /** Asks for an experiment file, starting in the folder of the newest recent one, and opens or saves it. */
    private void chooseFile(LabFiles files, boolean save) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(save ? "Save the experiment as" : "Open an experiment");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment files (*.json)", "*.json"));
        files.recent().stream().map(Path::getParent).filter(folder -> folder != null && folder.toFile().isDirectory())
                .findFirst().ifPresent(folder -> chooser.setInitialDirectory(folder.toFile()));
        File chosen = save ? chooser.showSaveDialog(getScene().getWindow())
                : chooser.showOpenDialog(getScene().getWindow());
        if (chosen != null && save) {
            files.saveAs(chosen.toPath());
        } else if (chosen != null) {
            files.open(chosen.toPath());
        }
    }
}
