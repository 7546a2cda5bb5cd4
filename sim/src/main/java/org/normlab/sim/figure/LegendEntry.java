package org.normlab.sim.figure;

import java.awt.Color;
import java.util.Objects;

/**
 * One entry of a legend: a short line sample in a color and line style, and its text. A figure's shared legend
 * ({@link Figure#legend}) names what is the same in every panel (a run's color, "dashed: each run's 2/η"); a panel's
 * own entries ({@link Panel#entries}) what only that panel shows.
 */
public record LegendEntry(Label label, Color color, LineStyle style) {
    public LegendEntry {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(style, "style");
    }

    public static LegendEntry of(String label, Color color, LineStyle style) {
        return new LegendEntry(Label.of(label), color, style);
    }

    /** The entry of a curve: its label, color and style. */
    public static LegendEntry of(Curve curve) {
        return of(curve.label(), curve.color(), curve.style());
    }
}
