package org.normlab.sim.figure;

import java.util.Objects;

/**
 * A figure's page: width and height in inches, font family and size in points, colors. The widths of the usual
 * two-column paper layouts are {@link Width#SINGLE_COLUMN} and {@link Width#DOUBLE_COLUMN}.
 */
public record Style(double widthInches, double heightInches, String fontFamily, double fontSize, Theme theme) {
    /** Points per inch: the unit the renderer draws in. */
    public static final double POINTS_PER_INCH = 72;
    /** The font sizes accepted, in points. */
    public static final double MIN_FONT_SIZE = 4;
    public static final double MAX_FONT_SIZE = 72;

    /** Width presets. */
    public enum Width {
        SINGLE_COLUMN(3.25), DOUBLE_COLUMN(6.75);

        private final double inches;

        Width(double inches) {
            this.inches = inches;
        }

        public double inches() {
            return inches;
        }
    }

    public Style {
        requireRange("widthInches", widthInches, 0.5, 50);
        requireRange("heightInches", heightInches, 0.5, 50);
        requireRange("fontSize", fontSize, MIN_FONT_SIZE, MAX_FONT_SIZE);
        if (fontFamily == null || fontFamily.isBlank()) {
            throw new IllegalArgumentException("fontFamily must not be blank");
        }
        Objects.requireNonNull(theme, "theme");
    }

    /** The print style at a preset width: 8 pt sans-serif on white. */
    public static Style of(Width width, double heightInches) {
        return new Style(width.inches(), heightInches, "SansSerif", 8, Theme.PRINT);
    }

    public Style withFont(String family, double size) {
        return new Style(widthInches, heightInches, family, size, theme);
    }

    public double widthPoints() {
        return widthInches * POINTS_PER_INCH;
    }

    public double heightPoints() {
        return heightInches * POINTS_PER_INCH;
    }

    private static void requireRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
