package org.normlab.sim.figure;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A figure: panels laid out row by row in a grid of {@code columns}, on a page of the given style. {@code name} is
 * the stem of the files it is written to. {@code legend} is the one legend the panels share, drawn above them
 * (outside every plot); when empty, it holds the entries that two or more panels show (all of a single panel's).
 */
public record Figure(String name, List<Panel> panels, int columns, Style style, List<LegendEntry> legend) {
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
        legend = List.copyOf(legend);
    }

    /** A figure whose shared legend is derived from its panels. */
    public Figure(String name, List<Panel> panels, int columns, Style style) {
        this(name, panels, columns, style, List.of());
    }

    /** The same figure on another page. */
    public Figure withStyle(Style newStyle) {
        return new Figure(name, panels, columns, newStyle, legend);
    }

    /** The same figure with this shared legend. */
    public Figure withLegend(List<LegendEntry> entries) {
        return new Figure(name, panels, columns, style, entries);
    }

    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }
}
