package org.normlab.app.control;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.normlab.app.model.LabViewModel;

/**
 * The window's bottom line: the race's status (step, steps/s per run, probe time), the longest computation under
 * way with its progress (shown only while there is one), and what the window itself costs (chart updates/s and
 * its share of the CPU).
 */
public final class StatusBar extends HBox {

    public StatusBar(LabViewModel model, ObservableValue<String> display) {
        getStyleClass().add("status-line");
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.progressProperty().bind(model.progressProperty());
        Label what = new Label();
        what.setId("progressText");
        what.textProperty().bind(model.progressTextProperty());
        HBox progress = new HBox(bar, what);
        progress.getStyleClass().add("progress");
        progress.visibleProperty().bind(what.textProperty().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());

        Label window = new Label();
        window.setId("display");
        window.textProperty().bind(display);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().setAll(status, progress, spacer, window);
    }
}
