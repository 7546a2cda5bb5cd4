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
 * {@code <panel>_<curve>_x} and {@code <panel>_<curve>_y} (lowercase letters, digits and {@code -}; made unique), a
 * header line, commas. Every number is in its shortest form that reads back to the same double ({@code nan},
 * {@code inf}, {@code -inf} as pgfplots and most readers spell them); a curve shorter than the longest is padded
 * with {@code nan}, which pgfplots skips.
 */
final class FigureCsv {
    private FigureCsv() {
    }

    /** The column-name stem of every curve: {@code stems(figure).get(panel).get(curve)}. */
    static List<List<String>> stems(Figure figure) {
        Set<String> taken = new HashSet<>();
        List<List<String>> stems = new ArrayList<>();
        List<Panel> panels = figure.panels();
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            String panelSlug = slug(panel.title().plain(), "panel" + (p + 1));
            List<String> curves = new ArrayList<>();
            for (int c = 0; c < panel.curves().size(); c++) {
                String stem = panelSlug + "_" + slug(panel.curves().get(c).label(), "curve" + (c + 1));
                String unique = stem;
                for (int n = 2; !taken.add(unique); n++) {
                    unique = stem + "-" + n;
                }
                curves.add(unique);
            }
            stems.add(curves);
        }
        return stems;
    }

    static void write(Figure figure, OutputStream out) throws IOException {
        List<Curve> curves = new ArrayList<>();
        List<String> header = new ArrayList<>();
        List<List<String>> stems = stems(figure);
        for (int p = 0; p < figure.panels().size(); p++) {
            curves.addAll(figure.panels().get(p).curves());
            for (String stem : stems.get(p)) {
                header.add(stem + "_x");
                header.add(stem + "_y");
            }
        }
        int rows = curves.stream().mapToInt(Curve::size).max().orElse(0);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write(String.join(",", header));
        writer.newLine();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            line.setLength(0);
            for (Curve curve : curves) {
                if (!line.isEmpty()) {
                    line.append(',');
                }
                boolean inside = i < curve.size();
                line.append(number(inside ? curve.x(i) : Double.NaN)).append(',')
                        .append(number(inside ? curve.y(i) : Double.NaN));
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
