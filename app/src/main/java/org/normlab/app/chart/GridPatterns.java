package org.normlab.app.chart;

import io.fair_acc.chartfx.renderer.spi.utils.DashPatternStyle;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keeps ChartFX's grid-line patterns alive. ChartFX (11.3) caches the pattern of each grid line style in a
 * {@code WeakHashMap} keyed by a freshly boxed {@code Integer} that nothing else holds, so every garbage collection
 * empties the cache and the next redraw of every chart renders each pattern again through a {@code Node.snapshot}:
 * a quarter of the FX thread's time during a race. Holding the keys keeps the entries. Where the cache cannot be
 * reached (another ChartFX version), this does nothing.
 */
public final class GridPatterns {
    private static final Map<?, ?> CACHE = cache();

    private final Set<Object> held = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Holds every pattern cached so far; call it on the FX thread (which alone uses the cache) after charts drew. */
    public void holdCached() {
        if (CACHE != null) {
            held.addAll(CACHE.keySet());
        }
    }

    /** Whether the cache was found; for tests. */
    static boolean reachable() {
        return CACHE != null;
    }

    private static Map<?, ?> cache() {
        try {
            Field field = DashPatternStyle.class.getDeclaredField("dashHashMap");
            field.setAccessible(true);
            return field.get(null) instanceof Map<?, ?> map ? map : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
