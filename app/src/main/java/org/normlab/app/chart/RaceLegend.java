package org.normlab.app.chart;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Line;
import org.normlab.app.model.Ids;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.model.RunRow;

/**
 * The one legend of all charts (a run has the same color everywhere): a line in the run's color, its name and
 * optimizer; a diverged or failed run is struck through and says where it stopped.
 */
public final class RaceLegend extends FlowPane {
    private static final PseudoClass HALTED = PseudoClass.getPseudoClass("halted");
    private static final double SWATCH_LENGTH = 24;

    public RaceLegend(LabViewModel model) {
        getStyleClass().add("race-legend");
        setId("legend");
        model.runs().addListener((ListChangeListener<RunRow>) change -> rebuild(model));
        rebuild(model);
    }

    private void rebuild(LabViewModel model) {
        getChildren().setAll(model.runs().stream().map(RaceLegend::entry).toList());
    }

    private static Label entry(RunRow row) {
        Line swatch = new Line(0, 0, SWATCH_LENGTH, 0);
        swatch.setStyle("-fx-stroke: " + row.color() + "; -fx-stroke-width: 3;");
        Label label = new Label();
        label.setGraphic(swatch);
        label.getStyleClass().add("legend-entry");
        label.setId("legend-" + Ids.of(row.name()));
        label.textProperty().bind(Bindings.createStringBinding(() -> row.haltedProperty().get()
                ? row.label() + " ✕ " + row.summaryProperty().get()
                : row.label(), row.haltedProperty(), row.summaryProperty()));
        row.haltedProperty().addListener((p, was, halted) -> label.pseudoClassStateChanged(HALTED, halted));
        label.pseudoClassStateChanged(HALTED, row.haltedProperty().get());
        return label;
    }
}
