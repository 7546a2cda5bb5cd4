package org.normlab.sim.figure;

import java.awt.Font;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where everything of a figure goes, computed once with the font metrics every writer draws with: the shared legend
 * in a strip at the top of the page, then the panels' cells; in each cell the title (wrapped), the panel's own
 * legend entries, the plot and its tick labels and axis labels. Ticks are chosen to fit their axis at the font size
 * ({@link Ticks#fitting}), the plot shrinks until its tick labels fit the cell, long titles and axis labels wrap (and,
 * past two lines, end in "…"). So no text leaves its cell, the cells and the legend strip do not meet, and no legend
 * lies over a plot. {@link FigureRenderer} draws this layout (SVG, PDF, PNG); {@link PgfplotsWriter} writes its ticks,
 * axis labels and legend; {@link #problems} checks it.
 */
public final class FigureLayout {
    /** Relative to the font size: space around a cell's contents, between text and plot, in the legend. */
    private static final double PAD = 0.35;
    private static final double TICK_GAP = 0.4;
    private static final double LABEL_GAP = 0.25;
    private static final double LEGEND_SCALE = 0.9;
    private static final double SAMPLE = 1.8;
    private static final double COLUMN_GAP = 1.2;
    private static final int MAX_LINES = 2;
    private static final double OWN_LEGEND_SHARE = 0.3;
    private static final String ELLIPSIS = "…";
    private static final double EPSILON = 1e-6;
    /** Half the width of an error bar's caps, in points. */
    static final double CAP = 1.5;

    /** A text as drawn: what it is (e.g. "panel 2 y tick"), its words, and the box it fills on the page in points. */
    public record Text(String role, String text, Rectangle2D bounds) {
    }

    /** A text and how to draw it: baseline anchor, alignment, whether turned a quarter counter-clockwise. */
    record Placed(String role, Label label, TextPainter painter, double x, double y, TextPainter.Align align,
                  boolean vertical, Rectangle2D bounds) {
    }

    /** A legend entry's line sample, from (x0, y) to (x1, y). */
    record Sample(LegendEntry entry, Line2D line) {
        /** An error bar in the middle of the line's span, as tall as a third of it, with caps. */
        List<Line2D> bar() {
            double x = line.getBounds2D().getCenterX();
            double y = line.getY1();
            double half = line.getBounds2D().getWidth() / 6;
            return List.of(new Line2D.Double(x, y + half, x, y - half),
                    new Line2D.Double(x - CAP, y + half, x + CAP, y + half),
                    new Line2D.Double(x - CAP, y - half, x + CAP, y - half));
        }
    }

    /** A legend: its entries' samples, how many share its first row, the box holding them and their texts. */
    record Legend(List<Sample> samples, int columns, Rectangle2D box) {
    }

    /** One panel: its plot area, ticks (the axis coordinate's extent and labels) and own legend, if any. */
    record PanelLayout(Panel panel, Rectangle2D cell, Rectangle2D plot, Ticks xTicks, Ticks yTicks, Label xLabel,
                       Label yLabel, Legend legend) {
        double x(double coordinate) {
            return plot.getX() + (coordinate - xTicks.low()) / (xTicks.high() - xTicks.low()) * plot.getWidth();
        }

        double y(double coordinate) {
            return plot.getMaxY() - (coordinate - yTicks.low()) / (yTicks.high() - yTicks.low()) * plot.getHeight();
        }

        Line2D vertical(double xCoordinate) {
            double x = x(xCoordinate);
            return new Line2D.Double(x, plot.getY(), x, plot.getMaxY());
        }

        Line2D horizontal(double yCoordinate) {
            double y = y(yCoordinate);
            return new Line2D.Double(plot.getX(), y, plot.getMaxX(), y);
        }

        /**
         * Bar {@code i} of {@code bars} as drawn: its stem from the low end down the page to the high end up it, then
         * its caps at the low and the high end (cut at the plot's sides); empty if it does not show. A low end the
         * log axis cannot show is the plot's lower edge.
         */
        List<Line2D> bar(ErrorBars bars, int i) {
            Scale xScale = panel.x().scale();
            Scale yScale = panel.y().scale();
            if (!bars.shows(i, xScale, yScale)) {
                return List.of();
            }
            double x = x(xScale.map(bars.x(i)));
            double low = yScale.map(bars.low(i));
            double bottom = Double.isFinite(low) ? y(low) : plot.getMaxY();
            double top = y(yScale.map(bars.high(i)));
            double left = Math.max(plot.getX(), x - CAP);
            double right = Math.min(plot.getMaxX(), x + CAP);
            return List.of(new Line2D.Double(x, bottom, x, top), new Line2D.Double(left, bottom, right, bottom),
                    new Line2D.Double(left, top, right, top));
        }
    }

    private final Figure figure;
    private final TextPainter text;
    private final TextPainter small;
    private final double fs;
    private final List<Placed> placed = new ArrayList<>();
    private final List<PanelLayout> panels = new ArrayList<>();
    private final List<LegendEntry> shared;
    private final Set<Panel> movedToShared = Collections.newSetFromMap(new IdentityHashMap<>());
    private Legend sharedLegend;

    private FigureLayout(Figure figure) {
        this.figure = figure;
        Style style = figure.style();
        this.fs = style.fontSize();
        this.text = new TextPainter(new Font(style.fontFamily(), Font.PLAIN, 1).deriveFont((float) fs));
        this.small = text.derive((float) (fs * LEGEND_SCALE), Font.PLAIN);
        this.shared = new ArrayList<>(sharedEntries(figure));
    }

    /** The layout of {@code figure} on its page. */
    public static FigureLayout of(Figure figure) {
        FigureLayout layout = new FigureLayout(figure);
        layout.layOut();
        return layout;
    }

    /** The entries of the legend the panels share: the figure's, else those two panels show (one panel: all). */
    static List<LegendEntry> sharedEntries(Figure figure) {
        if (!figure.legend().isEmpty()) {
            return figure.legend();
        }
        List<Panel> withLegend = figure.panels().stream().filter(Panel::legend).toList();
        if (withLegend.size() == 1) {
            return withLegend.get(0).legendEntries();
        }
        Map<LegendEntry, Integer> panelsShowing = new LinkedHashMap<>();
        withLegend.forEach(panel -> panel.legendEntries().forEach(entry -> panelsShowing.merge(entry, 1,
                Integer::sum)));
        return panelsShowing.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private void layOut() {
        Style style = figure.style();
        double pad = PAD * fs;
        Rectangle2D page = new Rectangle2D.Double(0, 0, style.widthPoints(), style.heightPoints());
        double cellWidth = page.getWidth() / figure.columns();
        // A panel's own legend taller than this share of its cell joins the shared legend, so the plot keeps room.
        for (int round = 0; round < 2; round++) {
            double top = shared.isEmpty() ? 0 : pad + legendHeight(shared, page.getWidth() - 2 * pad);
            double cellHeight = (page.getHeight() - top) / figure.rows();
            for (Panel panel : figure.panels()) {
                List<LegendEntry> own = ownEntries(panel);
                if (!own.isEmpty() && legendHeight(own, cellWidth - 2 * pad) > OWN_LEGEND_SHARE * cellHeight) {
                    own.stream().filter(e -> !shared.contains(e)).forEach(shared::add);
                    movedToShared.add(panel);
                }
            }
        }
        double top = 0;
        if (!shared.isEmpty()) {
            sharedLegend = legend("legend", shared, pad, pad, page.getWidth() - 2 * pad);
            top = sharedLegend.box().getMaxY();
        }
        double cellHeight = (page.getHeight() - top) / figure.rows();
        for (int i = 0; i < figure.panels().size(); i++) {
            int row = i / figure.columns();
            int column = i % figure.columns();
            Rectangle2D cell = new Rectangle2D.Double(column * cellWidth, top + row * cellHeight, cellWidth,
                    cellHeight);
            panels.add(panel(i, figure.panels().get(i), cell));
        }
    }

    /** The panel's legend entries the shared legend does not hold (none once they joined it). */
    private List<LegendEntry> ownEntries(Panel panel) {
        if (movedToShared.contains(panel)) {
            return List.of();
        }
        return panel.legendEntries().stream().filter(e -> !shared.contains(e)).toList();
    }

    /**
     * How entries flow into a width, left to right and wrapping like words: each entry's label (cut to fit the
     * width), its left edge and row, and the row height.
     */
    private record Flow(List<Label> labels, List<Double> lefts, List<Integer> rowOf, double rowHeight, int rows,
                        int firstRow, double width) {
    }

    private Flow flow(List<LegendEntry> entries, double width) {
        double sample = SAMPLE * small.size();
        double labelGap = 0.4 * small.size();
        double columnGap = COLUMN_GAP * small.size();
        double labelRoom = Math.max(width - sample - labelGap, small.size());
        List<Label> labels = entries.stream().map(e -> ellipsize(e.label(), small, labelRoom)).toList();
        List<Double> lefts = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        int row = 0;
        int firstRow = 0;
        double x = 0;
        double used = 0;
        for (Label label : labels) {
            double entryWidth = sample + labelGap + small.width(label);
            if (x > 0 && x + entryWidth > width) {
                row++;
                x = 0;
            }
            lefts.add(x);
            rowOf.add(row);
            firstRow += row == 0 ? 1 : 0;
            used = Math.max(used, x + entryWidth);
            x += entryWidth + columnGap;
        }
        double rowHeight = labels.stream().mapToDouble(l -> small.top(l) + small.bottom(l)).max().orElse(0)
                + 0.15 * fs;
        return new Flow(labels, lefts, rowOf, rowHeight, labels.isEmpty() ? 0 : row + 1, firstRow, used);
    }

    private double legendHeight(List<LegendEntry> entries, double width) {
        Flow flow = flow(entries, width);
        return flow.rows() * flow.rowHeight();
    }

    /** Entries flowing left to right, wrapping to rows no wider than {@code width}, from (x, y) down. */
    private Legend legend(String role, List<LegendEntry> entries, double x, double y, double width) {
        Flow flow = flow(entries, width);
        double sample = SAMPLE * small.size();
        double labelGap = 0.4 * small.size();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            double left = x + flow.lefts().get(i);
            double rowTop = y + flow.rowOf().get(i) * flow.rowHeight();
            Label label = flow.labels().get(i);
            double baseline = rowTop + (flow.rowHeight() - small.top(label) - small.bottom(label)) / 2
                    + small.top(label);
            double mid = baseline - 0.3 * small.size();
            samples.add(new Sample(entries.get(i), new Line2D.Double(left, mid, left + sample, mid)));
            place(role, label, small, left + sample + labelGap, baseline, TextPainter.Align.LEFT);
        }
        return new Legend(samples, flow.firstRow(), new Rectangle2D.Double(x, y, flow.width(),
                flow.rows() * flow.rowHeight()));
    }

    private PanelLayout panel(int index, Panel panel, Rectangle2D cell) {
        String role = "panel " + (index + 1);
        double pad = PAD * fs;
        double innerWidth = cell.getWidth() - 2 * pad;
        double y = cell.getY() + pad;
        if (!panel.title().markup().isBlank()) {
            for (Label line : wrap(panel.title(), text, innerWidth)) {
                y += text.top(line);
                place(role + " title", line, text, cell.getCenterX(), y, TextPainter.Align.CENTER);
                y += text.bottom(line);
            }
            y += LABEL_GAP * fs;
        }
        Legend own = null;
        List<LegendEntry> entries = ownEntries(panel);
        if (!entries.isEmpty()) {
            own = legend(role + " legend", entries, cell.getX() + pad, y, innerWidth);
            y = own.box().getMaxY() + LABEL_GAP * fs;
        }
        Rectangle2D area = new Rectangle2D.Double(cell.getX() + pad, y, innerWidth, cell.getMaxY() - pad - y);
        return plot(role, panel, cell, area, own);
    }

    /**
     * The plot in {@code area}, shrunk until its ticks — chosen for the plot's own length — and its axis labels fit
     * around it; then its texts placed.
     */
    private PanelLayout plot(String role, Panel panel, Rectangle2D cell, Rectangle2D area, Legend own) {
        Ticks xRange = Ticks.of(panel, true);
        Ticks yRange = Ticks.of(panel, false);
        Rectangle2D plot = area;
        Ticks.Fitted xTicks = null;
        Ticks.Fitted yTicks = null;
        Label xLabel = null;
        Label yLabel = null;
        for (int round = 0; round < 12; round++) {
            xTicks = Ticks.fitting(xRange, panel.x().scale(), Math.max(plot.getWidth(), 1), true, text);
            yTicks = Ticks.fitting(yRange, panel.y().scale(), Math.max(plot.getHeight(), 1), false, text);
            xLabel = withNote(panel.x().label(), xTicks.note());
            yLabel = withNote(panel.y().label(), yTicks.note());
            Rectangle2D needed = plotArea(area, plot, xTicks, yTicks, panel);
            if (needed.getX() <= plot.getX() + EPSILON && needed.getY() <= plot.getY() + EPSILON
                    && needed.getMaxX() >= plot.getMaxX() - EPSILON && needed.getMaxY() >= plot.getMaxY() - EPSILON) {
                break;
            }
            plot = plot.createIntersection(needed);
            if (plot.getWidth() < 1 || plot.getHeight() < 1) {
                plot = new Rectangle2D.Double(plot.getX(), plot.getY(), Math.max(plot.getWidth(), 1),
                        Math.max(plot.getHeight(), 1));
            }
        }
        PanelLayout layout = new PanelLayout(panel, cell, plot, xTicks.ticks(), yTicks.ticks(), xLabel, yLabel, own);
        placeAxes(role, layout, area, xTicks.note(), yTicks.note());
        return layout;
    }

    /** The largest plot inside {@code area} that leaves room for these tick labels and axis labels around it. */
    private Rectangle2D plotArea(Rectangle2D area, Rectangle2D plot, Ticks.Fitted xFitted, Ticks.Fitted yFitted,
                                 Panel panel) {
        Ticks xTicks = xFitted.ticks();
        Ticks yTicks = yFitted.ticks();
        double tickGap = TICK_GAP * fs;
        double yTickWidth = yTicks.major().stream().mapToDouble(t -> text.width(t.label())).max().orElse(0);
        double yLabelDepth = axisLines(panel.y().label(), yFitted.note(), plot.getHeight()).stream()
                .mapToDouble(l -> text.top(l) + text.bottom(l)).sum();
        double left = area.getX() + yLabelDepth + LABEL_GAP * fs + yTickWidth + tickGap;
        double right = area.getMaxX();
        double top = area.getY();
        for (Ticks.Tick t : xTicks.major()) {
            double x = plotX(plot, xTicks, t.position());
            double half = text.width(t.label()) / 2;
            left = Math.max(left, area.getX() + half - (x - plot.getX()));
            right = Math.min(right, area.getMaxX() - half - (x - plot.getMaxX()));
        }
        for (Ticks.Tick t : yTicks.major()) {
            double half = (text.top(t.label()) + text.bottom(t.label())) / 2;
            top = Math.max(top, area.getY() + half - (plotY(plot, yTicks, t.position()) - plot.getY()));
        }
        double xTickHeight = xTicks.major().stream().mapToDouble(t -> text.top(t.label()) + text.bottom(t.label()))
                .max().orElse(0);
        double xLabelHeight = axisLines(panel.x().label(), xFitted.note(), xLabelRoom(area, plot)).stream()
                .mapToDouble(l -> text.top(l) + text.bottom(l)).sum();
        double bottom = area.getMaxY() - xLabelHeight - LABEL_GAP * fs - xTickHeight - tickGap;
        for (Ticks.Tick t : yTicks.major()) {
            double half = (text.top(t.label()) + text.bottom(t.label())) / 2;
            double below = plotY(plot, yTicks, t.position()) + half - plot.getMaxY();
            bottom = Math.min(bottom, area.getMaxY() - below);
        }
        return new Rectangle2D.Double(left, top, Math.max(right - left, 0), Math.max(bottom - top, 0));
    }

    private static double plotX(Rectangle2D plot, Ticks ticks, double coordinate) {
        return plot.getX() + (coordinate - ticks.low()) / (ticks.high() - ticks.low()) * plot.getWidth();
    }

    private static double plotY(Rectangle2D plot, Ticks ticks, double coordinate) {
        return plot.getMaxY() - (coordinate - ticks.low()) / (ticks.high() - ticks.low()) * plot.getHeight();
    }

    private void placeAxes(String role, PanelLayout layout, Rectangle2D area, String xNote, String yNote) {
        Rectangle2D plot = layout.plot();
        double tickGap = TICK_GAP * fs;
        int first = placed.size();
        double xTickBottom = plot.getMaxY() + tickGap;
        for (Ticks.Tick t : layout.xTicks().major()) {
            double baseline = plot.getMaxY() + tickGap + text.top(t.label());
            place(role + " x tick", t.label(), text, layout.x(t.position()), baseline, TextPainter.Align.CENTER);
            xTickBottom = Math.max(xTickBottom, baseline + text.bottom(t.label()));
        }
        double y = xTickBottom + LABEL_GAP * fs;
        for (Label line : axisLines(layout.panel().x().label(), xNote, xLabelRoom(area, plot))) {
            y += text.top(line);
            place(role + " x label", line, text, plot.getCenterX(), y, TextPainter.Align.CENTER);
            y += text.bottom(line);
        }
        double x = area.getX();
        for (Label line : axisLines(layout.panel().y().label(), yNote, plot.getHeight())) {
            x += text.top(line);
            Rectangle2D box = text.verticalBounds(line, x, plot.getCenterY());
            placed.add(new Placed(role + " y label", line, text, x, plot.getCenterY(), TextPainter.Align.CENTER,
                    true, box));
            x += text.bottom(line);
        }
        List<Placed> below = List.copyOf(placed.subList(first, placed.size()));
        for (Ticks.Tick t : layout.yTicks().major()) {
            double baseline = layout.y(t.position()) + (text.top(t.label()) - text.bottom(t.label())) / 2;
            Rectangle2D box = text.bounds(t.label(), plot.getX() - tickGap, baseline, TextPainter.Align.RIGHT);
            // The lowest y tick's label can reach down beside the first x tick label: that tick then goes unlabelled.
            if (below.stream().noneMatch(p -> overlap(p.bounds(), box))) {
                place(role + " y tick", t.label(), text, plot.getX() - tickGap, baseline, TextPainter.Align.RIGHT);
            }
        }
    }

    /** How wide the x axis label may be: centered under the plot, inside the area. */
    private static double xLabelRoom(Rectangle2D area, Rectangle2D plot) {
        return 2 * Math.min(plot.getCenterX() - area.getX(), area.getMaxX() - plot.getCenterX());
    }

    private Placed place(String role, Label label, TextPainter painter, double x, double y, TextPainter.Align align) {
        Placed p = new Placed(role, label, painter, x, y, align, false, painter.bounds(label, x, y, align));
        placed.add(p);
        return p;
    }

    /**
     * An axis label's lines: wrapped, and the ticks' scale note ("(×10^{−3})") never cut: after the last line if it
     * fits there, else on a line of its own.
     */
    private List<Label> axisLines(Label label, String note, double width) {
        if (note == null) {
            return wrap(label, text, width);
        }
        Label full = withNote(label, note);
        List<Label> lines = wrap(full, text, width);
        if (!lines.get(lines.size() - 1).markup().endsWith("(" + note + ")")) {
            lines = new ArrayList<>(wrap(label, text, width));
            lines.add(ellipsize(Label.of("(" + note + ")"), text, width));
        }
        return lines;
    }

    private static Label withNote(Label label, String note) {
        return note == null ? label : Label.of(label.markup() + " (" + note + ")");
    }

    /**
     * {@code label} broken at spaces into lines no wider than {@code width}, at most two; what does not fit ends in
     * "…".
     */
    static List<Label> wrap(Label label, TextPainter painter, double width) {
        List<Label> lines = new ArrayList<>();
        List<String> words = words(label.markup());
        String line = "";
        for (int i = 0; i < words.size(); i++) {
            String candidate = line.isEmpty() ? words.get(i) : line + " " + words.get(i);
            if (line.isEmpty() || painter.width(Label.of(candidate)) <= width) {
                line = candidate;
            } else if (lines.size() == MAX_LINES - 1) {
                line = line + " " + String.join(" ", words.subList(i, words.size()));
                break;
            } else {
                lines.add(ellipsize(Label.of(line), painter, width));
                line = words.get(i);
            }
        }
        if (!line.isEmpty()) {
            lines.add(ellipsize(Label.of(line), painter, width));
        }
        return lines;
    }

    /** Words split at spaces outside braces, so a script group stays whole. */
    private static List<String> words(String markup) {
        List<String> words = new ArrayList<>();
        int depth = 0;
        StringBuilder word = new StringBuilder();
        for (char c : markup.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == ' ' && depth <= 0) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                }
                word.setLength(0);
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code label} cut short with "…" until it is no wider than {@code width}. */
    static Label ellipsize(Label label, TextPainter painter, double width) {
        if (painter.width(label) <= width) {
            return label;
        }
        String markup = label.markup().endsWith(ELLIPSIS)
                ? label.markup().substring(0, label.markup().length() - 1) : label.markup();
        for (int end = markup.length() - 1; end > 0; end--) {
            Label cut = Label.of(markup.substring(0, end).stripTrailing() + ELLIPSIS);
            if (painter.width(cut) <= width) {
                return cut;
            }
        }
        return Label.of(ELLIPSIS);
    }

    private static boolean overlap(Rectangle2D a, Rectangle2D b) {
        return Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getX(), b.getX()) > EPSILON
                && Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getY(), b.getY()) > EPSILON;
    }

    List<Placed> placed() {
        return placed;
    }

    List<PanelLayout> panelLayouts() {
        return panels;
    }

    /** The shared legend, or null. */
    Legend sharedLegend() {
        return sharedLegend;
    }

    /** Every text of the figure with the box it fills. */
    public List<Text> texts() {
        return placed.stream().map(p -> new Text(p.role(), p.label().plain(), p.bounds())).toList();
    }

    /** Each panel's plot area, in panel order. */
    public List<Rectangle2D> plots() {
        return panels.stream().map(PanelLayout::plot).toList();
    }

    /** The boxes of the legends: the shared one first (if any), then the panels' own. */
    public List<Rectangle2D> legends() {
        List<Rectangle2D> boxes = new ArrayList<>();
        if (sharedLegend != null) {
            boxes.add(sharedLegend.box());
        }
        panels.stream().filter(p -> p.legend() != null).forEach(p -> boxes.add(p.legend().box()));
        return boxes;
    }

    /** The texts of the shared legend's entries, in order (empty without one). */
    public List<String> sharedLegendTexts() {
        return placed.stream().filter(p -> p.role().equals("legend")).map(p -> p.label().plain()).toList();
    }

    /**
     * What a reader would call broken, one line each: two texts that overlap, a text not wholly on the page, a legend
     * over a plot, a plot with no room. Empty for a good layout.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Rectangle2D page = new Rectangle2D.Double(0, 0, figure.style().widthPoints(), figure.style().heightPoints());
        for (int i = 0; i < placed.size(); i++) {
            Placed a = placed.get(i);
            if (!contains(page, a.bounds())) {
                problems.add(describe(a) + " leaves the page " + box(page));
            }
            for (int j = i + 1; j < placed.size(); j++) {
                Placed b = placed.get(j);
                if (overlap(a.bounds(), b.bounds())) {
                    problems.add(describe(a) + " overlaps " + describe(b));
                }
            }
        }
        for (Rectangle2D legend : legends()) {
            for (int p = 0; p < panels.size(); p++) {
                if (overlap(legend, panels.get(p).plot())) {
                    problems.add("a legend " + box(legend) + " covers panel " + (p + 1) + "'s plot");
                }
            }
        }
        for (int p = 0; p < panels.size(); p++) {
            Rectangle2D plot = panels.get(p).plot();
            if (plot.getWidth() < 2 * fs || plot.getHeight() < 2 * fs) {
                problems.add("panel " + (p + 1) + "'s plot is only " + box(plot));
            }
        }
        return problems;
    }

    private static boolean contains(Rectangle2D outer, Rectangle2D inner) {
        return inner.getX() >= outer.getX() - EPSILON && inner.getY() >= outer.getY() - EPSILON
                && inner.getMaxX() <= outer.getMaxX() + EPSILON && inner.getMaxY() <= outer.getMaxY() + EPSILON;
    }

    private static String describe(Placed p) {
        return p.role() + " '" + p.label().plain() + "' " + box(p.bounds());
    }

    private static String box(Rectangle2D r) {
        return String.format(Locale.ROOT, "[%.1f, %.1f]×[%.1f, %.1f]", r.getX(), r.getMaxX(), r.getY(), r.getMaxY());
    }
}
