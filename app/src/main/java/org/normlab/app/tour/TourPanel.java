package org.normlab.app.tour;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The tour's narration: where in the tour we are, the step's question (if it asks), its narration, and ← / → buttons.
 * Shown only while the race has a tour; presenter mode draws it large (style class {@code narration}).
 */
public final class TourPanel extends VBox {

    public TourPanel(TourPlayer player) {
        getStyleClass().add("narration");
        setId("narration");
        Label position = new Label();
        position.setId("tourPosition");
        position.getStyleClass().add("tour-position");
        position.textProperty().bind(player.positionProperty());
        Button back = new Button("←");
        back.setId("tourBack");
        back.setOnAction(event -> player.back());
        Button next = new Button("→");
        next.setId("tourNext");
        next.setOnAction(event -> player.next());
        // Keys drive the tour in presenter mode: the buttons must not keep the focus (space would press them).
        back.setFocusTraversable(false);
        next.setFocusTraversable(false);
        HBox header = new HBox(back, next, position);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("tour-header");

        Label question = new Label();
        question.setId("tourQuestion");
        question.getStyleClass().add("tour-question");
        question.setWrapText(true);
        question.textProperty().bind(player.questionProperty());
        question.managedProperty().bind(question.textProperty().isNotEmpty());
        question.visibleProperty().bind(question.managedProperty());
        Label narration = new Label();
        narration.setId("tourNarration");
        narration.getStyleClass().add("tour-say");
        narration.setWrapText(true);
        narration.setMaxWidth(Double.MAX_VALUE);
        narration.textProperty().bind(player.narrationProperty());
        // Wrapped over as many lines as it needs, never cut short with "…".
        narration.setMinHeight(Region.USE_PREF_SIZE);
        question.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(header, question, narration);

        managedProperty().bind(player.positionProperty().isNotEmpty());
        visibleProperty().bind(managedProperty());
    }
}
