package org.normlab.app.map;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.FlowPane;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.model.RunRow;

/**
 * What every run's network decides over the plane, as in TensorFlow Playground: one small {@link DecisionMapTile}
 * per run, in the legend's order. Shown only while the race's data is generated in the plane; the tiles follow the
 * runs (reset, add, remove, a new race).
 */
public final class DecisionMapStrip extends FlowPane {
    /** Runs map a few times a second; drawing more often than this would show nothing new. */
    private static final long NANOS_BETWEEN_DRAWS = 200_000_000L;

    private List<DecisionMapTile> tiles = List.of();
    private long lastDrawNanos;

    public DecisionMapStrip(LabViewModel model) {
        getStyleClass().add("decision-maps");
        setId("decisionMaps");
        visibleProperty().bind(model.planarProperty());
        managedProperty().bind(model.planarProperty());
        model.runs().addListener((ListChangeListener<RunRow>) change -> rebuild(model));
        rebuild(model);
    }

    /**
     * Redraws the tiles whose run has a new map, at most 5 times a second and only while the strip is in the window
     * (presenter mode leaves it out); the window calls it after each refresh of the model, on the FX thread.
     */
    public void refresh() {
        long now = System.nanoTime();
        if (isVisible() && getScene() != null && now - lastDrawNanos >= NANOS_BETWEEN_DRAWS) {
            lastDrawNanos = now;
            tiles.forEach(DecisionMapTile::refresh);
        }
    }

    private void rebuild(LabViewModel model) {
        tiles = model.runs().stream().map(DecisionMapTile::new).toList();
        getChildren().setAll(tiles);
    }
}
