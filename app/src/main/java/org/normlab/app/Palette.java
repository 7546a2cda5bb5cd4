package org.normlab.app;

import java.util.List;

/**
 * The runs' colors: a run's color index picks the same color in every chart, the legend and the controls. Eight
 * colors that stay apart for the common forms of color blindness (Okabe & Ito, 2008), then they repeat.
 */
public final class Palette {
    private static final List<String> COLORS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#000000", "#F0E442");

    private Palette() {
    }

    /** The CSS hex color of palette index {@code index} (≥ 0). */
    public static String color(int index) {
        return COLORS.get(index % COLORS.size());
    }
}
