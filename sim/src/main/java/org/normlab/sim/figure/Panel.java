package org.normlab.sim.figure;

import java.util.List;
import java.util.Objects;

/** One plot of a figure: title, axes, curves, guide lines, and whether it shows a legend. */
public record Panel(Label title, Axis x, Axis y, List<Curve> curves, List<Guide> guides, boolean legend) {
    public Panel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        curves = List.copyOf(curves);
        guides = List.copyOf(guides);
    }
}
