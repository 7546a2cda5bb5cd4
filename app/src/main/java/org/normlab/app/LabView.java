package org.normlab.app;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/** The lab window's content: a tool bar (Play/Pause, log scale), the loss chart and a status line. */
public final class LabView extends BorderPane {

    public LabView(LabViewModel model, LiveChart lossChart) {
        getStyleClass().add("lab");

        Button playPause = new Button();
        playPause.setId("playPause");
        playPause.textProperty().bind(model.playLabel());
        playPause.setOnAction(event -> model.togglePlaying());

        CheckBox logScale = new CheckBox("log scale");
        logScale.setId("logScale");
        logScale.selectedProperty().bindBidirectional(model.logScaleProperty());

        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status-line");
        status.textProperty().bind(model.statusProperty());

        setTop(new ToolBar(playPause, logScale));
        setCenter(lossChart.node());
        setBottom(status);
    }
}
