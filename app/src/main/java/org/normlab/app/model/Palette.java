package org.normlab.app.model;

import java.awt.Color;
import java.util.Locale;
import org.normlab.sim.figure.Theme;

/**
 * The runs' colors: a run's color index picks the same color in every chart, the legend, the controls and the
 * exported figures — the figures' palette ({@link Theme#PRINT}, Okabe–Ito), as CSS hex for JavaFX.
 */
public final class Palette {
    private Palette() {
    }

    /** The CSS hex color of palette index {@code index} (≥ 0). */
    public static String color(int index) {
        Color color = Theme.PRINT.series(index);
        return String.format(Locale.ROOT, "#%06X", color.getRGB() & 0xFFFFFF);
    }
}
