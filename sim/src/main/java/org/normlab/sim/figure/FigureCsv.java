package org.normlab.sim.figure;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A figure's data at full resolution, in the wide form pgfplots reads directly: two columns per curve,
 * {@code <panel>_<curve>_x} and {@code <panel>_<curve>_y}, then three per set of error bars, {@code <panel>_<bars>_x},
 * {@code _low} and {@code _high} (lowercase letters, digits and {@code -}; made unique), a header line, commas. Every
 * number is in its shortest form that reads back to the same double ({@code nan}, {@code inf}, {@code -inf} as
 * pgfplots and most readers spell them); a column shorter than the longest is padded with {@code nan}, which pgfplots
 * skips.
 */
final class FigureCsv {
    private FigureCsv() {
    }

    /**
     * The column-name stem of every curve, then of every set of error bars: {@code stems(figure).get(panel).get(c)}
     * is curve c's for {@code c < curves}, else bars {@code c − curves}'.
     */
    static List<List<String>> stems(Figure figure) {
        Set<String> taken = new HashSet<>();
        List<List<String>> stems = new ArrayList<>();
        List<Panel> panels = figure.panels();
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            String panelSlug = slug(panel.title().plain(), "panel" + (p + 1));
            List<String> labels = new ArrayList<>(panel.curves().stream().map(Curve::label).toList());
            panel.bars().forEach(bars -> labels.add(bars.label()));
            List<String> columns = new ArrayList<>();
            for (int c = 0; c < labels.size(); c++) {
                String stem = panelSlug + "_" + slug(labels.get(c), "curve" + (c + 1));
                String unique = stem;
                for (int n = 2; !taken.add(unique); n++) {
                    unique = stem + "-" + n;
                }
                columns.add(unique);
            }
            stems.add(columns);
        }
        return stems;
    }

    static void write(Figure figure, OutputStream out) throws IOException {
        // Every column as the values of a row index: a curve's x and y, a set of bars' x, low and high.
        List<double[]> columns = new ArrayList<>();
        List<String> header = new ArrayList<>();
        List<List<String>> stems = stems(figure);
        for (int p = 0; p < figure.panels().size(); p++) {
            Panel panel = figure.panels().get(p);
            List<String> stem = stems.get(p);
            for (int c = 0; c < panel.curves().size(); c++) {
                Curve curve = panel.curves().get(c);
                header.addAll(List.of(stem.get(c) + "_x", stem.get(c) + "_y"));
                columns.addAll(List.of(curve.x(), curve.y()));
            }
            for (int b = 0; b < panel.bars().size(); b++) {
                ErrorBars bars = panel.bars().get(b);
                String name = stem.get(panel.curves().size() + b);
                header.addAll(List.of(name + "_x", name + "_low", name + "_high"));
                columns.addAll(List.of(bars.x(), bars.low(), bars.high()));
            }
        }
        int rows = columns.stream().mapToInt(c -> c.length).max().orElse(0);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write(String.join(",", header));
        writer.newLine();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            line.setLength(0);
            for (double[] column : columns) {
                if (!line.isEmpty()) {
                    line.append(',');
                }
                line.append(number(i < column.length ? column[i] : Double.NaN));
            }
            writer.append(line);
            writer.newLine();
        }
        writer.flush();
    }

    /** Shortest round-trip decimal, lowercase exponent; {@code nan}, {@code inf}, {@code -inf}. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return DoubleToDecimal.toString(value).toLowerCase(Locale.ROOT);
    }

    private static String slug(String text, String fallback) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? fallback : slug;
    }
}
