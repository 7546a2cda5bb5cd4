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

    /** The format of an extension such as {@code svg} (any case). */
    public static Format of(String extension) {
        for (Format format : values()) {
            if (format.extension().equalsIgnoreCase(extension.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("format must be one of " + names() + ", was '" + extension + "'");
    }

    /** The extensions, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Format::extension).collect(Collectors.joining(","));
    }
}
