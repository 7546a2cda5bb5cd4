package org.normlab.sim.figure;

import java.awt.Color;
import java.util.List;

/** Colors of a figure: background, ink (axes, text), grid, and the palette given to series in order. */
public record Theme(Color background, Color ink, Color grid, List<Color> palette) {
    /**
     * Light, for print: white paper, black ink, a faint grid, and the Okabe–Ito palette (distinguishable with the
     * common color-vision deficiencies and in grayscale by its dashes).
     */
    public static final Theme PRINT = new Theme(Color.WHITE, Color.BLACK, new Color(0xE3E3E3), List.of(
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)));

    public Theme {
        palette = List.copyOf(palette);
        if (palette.isEmpty()) {
            throw new IllegalArgumentException("theme palette must hold at least one color");
        }
    }

    /** The palette's color for series {@code index}, cycling. */
    public Color series(int index) {
        return palette.get(index % palette.size());
    }
}
