package org.normlab.sim.figure;

/** How a line is stroked; dash lengths are multiples of the line width, so they scale with it. */
public enum LineStyle {
    SOLID(null, "solid"),
    DASHED(new float[] {4, 2.5f}, "dashed"),
    DOTTED(new float[] {1, 2}, "dotted"),
    DASH_DOT(new float[] {4, 2, 1, 2}, "dashdotted");

    private final float[] pattern;
    private final String tikz;

    LineStyle(float[] pattern, String tikz) {
        this.pattern = pattern;
        this.tikz = tikz;
    }

    /** The dash pattern in the units of a line {@code width} wide, or null for a solid line. */
    float[] dashes(float width) {
        if (pattern == null) {
            return null;
        }
        float[] scaled = pattern.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= Math.max(width, 0.5f);
        }
        return scaled;
    }

    /** The TikZ option of the same style. */
    String tikz() {
        return tikz;
    }
}
