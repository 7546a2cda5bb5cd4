package org.normlab.sim.figure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats a figure is written in; the lowercase name is the file extension. */
public enum Format {
    SVG, PDF, PNG, CSV, TEX;

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The extensions, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Format::extension).collect(Collectors.joining(","));
    }
}
