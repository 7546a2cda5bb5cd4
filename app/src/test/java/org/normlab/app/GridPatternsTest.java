package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.renderer.spi.utils.DashPatternStyle;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** ChartFX's grid-line pattern survives garbage collections once held (headless, on Monocle). */
class GridPatternsTest {

    @Test
    void aHeldPatternIsDrawnAgainAfterCollectionsWithoutBeingRenderedAnew() throws Exception {
        FxToolkit.registerPrimaryStage();
        assertTrue(GridPatterns.reachable(), "ChartFX's pattern cache is where this ChartFX version keeps it");
        GridPatterns patterns = new GridPatterns();
        Canvas canvas = new Canvas(100, 100);
        Paint first = onFx(() -> {
            Paint pattern = drawGridLine(canvas.getGraphicsContext2D());
            patterns.holdCached();
            return pattern;
        });
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertSame(first, onFx(() -> drawGridLine(canvas.getGraphicsContext2D())),
                "the cached pattern, not one rendered again");
    }

    /** A horizontal grid line as ChartFX's GridRenderer draws it; returns the pattern it filled with. */
    private static Paint drawGridLine(GraphicsContext g) {
        g.setStroke(Color.web("#d4d4d4"));
        g.setLineWidth(0.5);
        g.setLineDashes(4.5, 2.5);
        DashPatternStyle.strokeDashedLine(g, 0, 50, 100, 50);
        return g.getFill();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get();
    }
}
