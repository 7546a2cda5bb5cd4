package org.normlab.sim.figure;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A figure: panels laid out row by row in a grid of {@code columns}, on a page of the given style. {@code name} is
 * the stem of the files it is written to.
 */
public record Figure(String name, List<Panel> panels, int columns, Style style) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public Figure {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("figure name must be letters, digits and . _ - (not starting with "
                    + "one of . _ -), was " + name);
        }
        panels = List.copyOf(panels);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("figure " + name + " must have at least one panel");
        }
        if (columns < 1 || columns > panels.size()) {
            throw new IllegalArgumentException("figure " + name + ": columns must be in [1, " + panels.size()
                    + "] (the number of panels), was " + columns);
        }
        Objects.requireNonNull(style, "style");
    }

    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }
}
