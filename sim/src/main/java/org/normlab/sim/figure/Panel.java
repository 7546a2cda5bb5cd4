package org.normlab.sim.figure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One plot of a figure: title, axes, curves, guide lines, and whether it shows a legend. {@code entries} are its
 * legend's entries when given; when empty, one per distinct curve and labelled guide. Entries the figure's shared
 * legend holds are not repeated; the rest are drawn between the panel's title and its plot, never over the curves.
 */
public record Panel(Label title, Axis x, Axis y, List<Curve> curves, List<Guide> guides, boolean legend,
                    List<LegendEntry> entries) {
    public Panel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        curves = List.copyOf(curves);
        guides = List.copyOf(guides);
        entries = List.copyOf(entries);
    }

    /** A panel whose legend entries are its curves and labelled guides. */
    public Panel(Label title, Axis x, Axis y, List<Curve> curves, List<Guide> guides, boolean legend) {
        this(title, x, y, curves, guides, legend, List.of());
    }

    /** The same panel with these legend entries. */
    public Panel withEntries(List<LegendEntry> legendEntries) {
        return new Panel(title, x, y, curves, guides, legend, legendEntries);
    }

    /** Its legend's entries: the given ones, or one per distinct curve and labelled guide; none without a legend. */
    public List<LegendEntry> legendEntries() {
        if (!legend) {
            return List.of();
        }
        if (!entries.isEmpty()) {
            return entries;
        }
        LinkedHashSet<LegendEntry> derived = new LinkedHashSet<>();
        curves.forEach(curve -> derived.add(LegendEntry.of(curve)));
        guides.stream().filter(guide -> !guide.label().markup().isBlank())
                .forEach(guide -> derived.add(new LegendEntry(guide.label(), guide.color(), guide.style())));
        return List.copyOf(derived);
    }
}
