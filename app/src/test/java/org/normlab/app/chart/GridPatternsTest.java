package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.renderer.spi.utils.DashPatternStyle;
import java.lang.ref.WeakReference;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * ChartFX's grid-line pattern survives garbage collections once held (headless, on Monocle). A weakly held canary
 * proves that a collection which clears weak references did happen: without one the test would pass for nothing.
 */
class GridPatternsTest {
    /**
     * Requests for a collection before the test gives up. A request can be skipped while another thread holds a JNI
     * critical region (JavaFX's software renderer does, often), so each unanswered request is followed by garbage
     * enough to force young collections, which clear a young weak referent too. A count, never a clock.
     */
    private static final int MOST_COLLECTIONS = 200;
    private static final int GARBAGE_BYTES = 1 << 20;
    private static final int GARBAGE_ARRAYS = 64;
    /** Where the garbage goes: a field, so no compiler can elide the allocations. */
    private static volatile byte[] garbage;

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
        WeakReference<Object> canary = new WeakReference<>(new Object());
        for (int i = 0; i < MOST_COLLECTIONS && canary.get() != null; i++) {
            System.gc();
            makeGarbage();
        }
        assertNull(canary.get(), "no collection cleared weak references (System.gc() ignored?)");
        assertSame(first, onFx(() -> drawGridLine(canvas.getGraphicsContext2D())),
                "the cached pattern, not one rendered again");
    }

    /** Allocates and drops {@value #GARBAGE_ARRAYS} MB, so the young generation fills and is collected. */
    private static void makeGarbage() {
        for (int i = 0; i < GARBAGE_ARRAYS; i++) {
            garbage = new byte[GARBAGE_BYTES];
        }
        garbage = null;
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
