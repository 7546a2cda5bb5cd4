package org.normlab.sim.figure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One plot of a figure: title, axes, curves, error bars, guide lines, and whether it shows a legend. {@code entries}
 * are its legend's entries when given; when empty, one per distinct curve, set of error bars and labelled guide.
 * Entries the figure's shared legend holds are not repeated; the rest are drawn between the panel's title and its
 * plot, never over the curves.
 */
public record Panel(Label title, Axis x, Axis y, List<Curve> curves, List<ErrorBars> bars, List<Guide> guides,
                    boolean legend, List<LegendEntry> entries) {
    public Panel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        curves = List.copyOf(curves);
        bars = List.copyOf(bars);
        guides = List.copyOf(guides);
        entries = List.copyOf(entries);
    }

    /** A panel without error bars whose legend entries are its curves and labelled guides. */
    public Panel(Label title, Axis x, Axis y, List<Curve> curves, List<Guide> guides, boolean legend) {
        this(title, x, y, curves, List.of(), guides, legend, List.of());
    }

    /** The same panel with these legend entries. */
    public Panel withEntries(List<LegendEntry> legendEntries) {
        return new Panel(title, x, y, curves, bars, guides, legend, legendEntries);
    }

    /** The same panel with these error bars. */
    public Panel withBars(List<ErrorBars> errorBars) {
        return new Panel(title, x, y, curves, errorBars, guides, legend, entries);
    }

    /**
     * Its legend's entries: the given ones, or one per distinct curve, set of error bars and labelled guide; none
     * without a legend.
     */
    public List<LegendEntry> legendEntries() {
        if (!legend) {
            return List.of();
        }
        if (!entries.isEmpty()) {
            return entries;
        }
        LinkedHashSet<LegendEntry> derived = new LinkedHashSet<>();
        curves.forEach(curve -> derived.add(LegendEntry.of(curve)));
        bars.forEach(b -> derived.add(LegendEntry.bars(b.label(), b.color())));
        guides.stream().filter(guide -> !guide.label().markup().isBlank())
                .forEach(guide -> derived.add(new LegendEntry(guide.label(), guide.color(), guide.style())));
        return List.copyOf(derived);
    }
}
