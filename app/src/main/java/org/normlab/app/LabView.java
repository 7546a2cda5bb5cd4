package org.normlab.app;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.normlab.app.export.FigureExport;
import org.normlab.app.export.LabFigures;

/**
 * The lab window's content: transport controls on top, the controls on the left, the legend and chart grid in the
 * middle, a status line at the bottom.
 */
public final class LabView extends BorderPane {

    public LabView(LabViewModel model, ChartGrid charts) {
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
        notice.getStyleClass().add("message");
        notice.textProperty().bind(model.noticeProperty());

        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status-line");
        status.textProperty().bind(model.statusProperty());

        ScrollPane controls = new ScrollPane(new ControlPanel(model));
        controls.setFitToWidth(true);
        controls.getStyleClass().add("controls");

        Button exportAll = new Button("Export all…");
        exportAll.setId("exportAll");
        FigureExport export = new FigureExport(model, this::getScene);
        exportAll.setOnAction(event -> export.ask("the dashboard", settings -> LabFigures.dashboard(
                charts.charts().stream().map(DiagnosticChart::spec).toList(),
                charts.charts().stream().map(DiagnosticChart::logScale).toList(),
                model.raceProperty().get(), settings.width())));
        charts.charts().forEach(chart -> chart.onExport(() -> export.ask(chart.spec().title(),
                settings -> LabFigures.chart(chart.spec(), chart.logScale(), model.raceProperty().get(),
                        settings.width()))));

        setTop(new ToolBar(playPause, step, reset, exportAll, notice));
        setLeft(controls);
        setCenter(new VBox(new RaceLegend(model), charts));
        VBox.setVgrow(charts, Priority.ALWAYS);
        setBottom(status);
    }
}
