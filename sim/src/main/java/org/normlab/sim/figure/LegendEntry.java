package org.normlab.sim.figure;

import java.awt.Color;
import java.util.Objects;

/**
 * One entry of a legend: a sample in a color — a short line in a line style, or a short error bar with caps — and its
 * text. A figure's shared legend
 * ({@link Figure#legend}) names what is the same in every panel (a run's color, "dashed: each run's 2/η"); a panel's
 * own entries ({@link Panel#entries}) what only that panel shows.
 */
public record LegendEntry(Label label, Color color, LineStyle style, Sample sample) {
    /** What the entry's sample shows: a line, or an error bar (vertical, with caps). */
    public enum Sample { LINE, BAR }

    public LegendEntry {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(sample, "sample");
    }

    /** An entry whose sample is a line. */
    public LegendEntry(Label label, Color color, LineStyle style) {
        this(label, color, style, Sample.LINE);
    }

    /** An entry whose sample is an error bar. */
    public static LegendEntry bars(String label, Color color) {
        return new LegendEntry(Label.of(label), color, LineStyle.SOLID, Sample.BAR);
    }

    public static LegendEntry of(String label, Color color, LineStyle style) {
        return new LegendEntry(Label.of(label), color, style);
    }

    /** The entry of a curve: its label, color and style. */
    public static LegendEntry of(Curve curve) {
        return of(curve.label(), curve.color(), curve.style());
    }
}
