package org.normlab.sim.figure;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A standalone LaTeX document that typesets the same figure with pgfplots from the CSV written beside it
 * ({@link FigureCsv}): the same panels, axis ranges, scales, labels (symbols in math mode), colors, line styles,
 * error bars, guide lines and legends. Fonts are the document's.
 */
final class PgfplotsWriter {
    private PgfplotsWriter() {
    }

    static void write(Figure figure, String csvFile, OutputStream out) {
        Style style = figure.style();
        double fs = style.fontSize();
        double cellWidth = style.widthPoints() / figure.columns();
        double cellHeight = style.heightPoints() / figure.rows();
        double horizontalSep = 6 * fs;
        double verticalSep = 5 * fs;
        PrintWriter tex = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        tex.printf("%% NormLab figure %s, typeset from %s (full resolution).%n", figure.name(), csvFile);
        tex.println("% Very long runs exceed pdflatex's memory: compile with lualatex.");
        tex.println("\\documentclass{standalone}");
        tex.println("\\usepackage{pgfplots}");
        tex.println("\\usepgfplotslibrary{groupplots}");
        tex.println("\\pgfplotsset{compat=1.18}");
        tex.println("\\begin{document}");
        tex.printf(Locale.ROOT, "\\begin{tikzpicture}[font=\\fontsize{%s}{%s}\\selectfont]%n", fs, 1.2 * fs);
        tex.printf(Locale.ROOT, "\\begin{groupplot}[group style={group size=%d by %d, horizontal sep=%.1fpt, "
                + "vertical sep=%.1fpt},%n", figure.columns(), figure.rows(), horizontalSep, verticalSep);
        tex.printf(Locale.ROOT, "  scale only axis, width=%.1fpt, height=%.1fpt,%n", cellWidth - horizontalSep,
                cellHeight - verticalSep);
        tex.println("  grid=major, table/col sep=comma, unbounded coords=jump,");
        tex.println("  legend cell align=left, legend style={font=\\fontsize{" + 0.9 * fs + "}{" + 1.1 * fs
                + "}\\selectfont}]");
        List<List<String>> stems = FigureCsv.stems(figure);
        FigureLayout layout = FigureLayout.of(figure);
        for (int p = 0; p < figure.panels().size(); p++) {
            writePanel(tex, layout.panelLayouts().get(p), stems.get(p), csvFile);
        }
        tex.println("\\end{groupplot}");
        FigureLayout.Legend shared = layout.sharedLegend();
        if (shared != null) {
            // The shared legend, built in a hidden axis and set above the panels.
            tex.printf(Locale.ROOT, "\\begin{axis}[hide axis, scale only axis, width=1pt, height=1pt, xmin=0, xmax=1, "
                    + "ymin=0, ymax=1,%n  legend columns=%d, legend cell align=left, legend to name=normlab-legend, "
                    + "legend style={draw=none}]%n",
                    shared.columns());
            shared.samples().forEach(sample -> legendEntry(tex, sample.entry()));
            tex.println("\\end{axis}");
            tex.println("\\node [anchor=south] at (current bounding box.north) "
                    + "{\\pgfplotslegendfromname{normlab-legend}};");
        }
        tex.println("\\end{tikzpicture}");
        tex.println("\\end{document}");
        tex.flush();
    }

    private static void writePanel(PrintWriter tex, FigureLayout.PanelLayout layout, List<String> stems,
                                   String csvFile) {
        Panel panel = layout.panel();
        Ticks x = layout.xTicks();
        Ticks y = layout.yTicks();
        FigureLayout.Legend own = layout.legend();
        tex.printf(Locale.ROOT, "\\nextgroupplot[title={%s}, xlabel={%s}, ylabel={%s},%n", panel.title().tex(),
                layout.xLabel().tex(), layout.yLabel().tex());
        tex.printf(Locale.ROOT, "  xmode=%s, ymode=%s, xmin=%s, xmax=%s, ymin=%s, ymax=%s,%n",
                mode(panel.x().scale()), mode(panel.y().scale()), bound(panel.x().scale(), x.low()),
                bound(panel.x().scale(), x.high()), bound(panel.y().scale(), y.low()),
                bound(panel.y().scale(), y.high()));
        // The ticks and labels the other formats show, chosen to fit the axis.
        tex.printf(Locale.ROOT, "  scaled ticks=false, xtick={%s}, xticklabels={%s},%n"
                + "  ytick={%s}, yticklabels={%s}%s]%n",
                tickValues(x), tickLabels(x), tickValues(y), tickLabels(y), own == null ? ""
                        : ",\n  title style={yshift=1.4em}, legend columns=-1, "
                        + "legend style={at={(0.5,1.01)}, anchor=south, draw=none, fill=none}");
        for (int c = 0; c < panel.curves().size(); c++) {
            Curve curve = panel.curves().get(c);
            tex.printf("\\addplot [%s, line width=1pt, mark=none, forget plot] table [x=%s_x, y=%s_y] {%s};%n",
                    ink(curve.color(), curve.style()), stems.get(c), stems.get(c), csvFile);
        }
        for (int b = 0; b < panel.bars().size(); b++) {
            ErrorBars bars = panel.bars().get(b);
            String stem = stems.get(panel.curves().size() + b);
            // Each bar from its low end up by high − low, no line through the low ends (on a log axis a bar whose
            // low end is not positive is left out: pgfplots drops the point).
            tex.printf(Locale.ROOT, "\\addplot [draw=none, mark=none, forget plot, error bars/.cd, y dir=plus, "
                    + "y explicit, error bar style={%s, line width=%.1fpt}, "
                    + "error mark options={%s, rotate=90, mark size=%.1fpt}] "
                    + "table [x=%s_x, y=%s_low, y error expr=\\thisrow{%s_high}-\\thisrow{%s_low}] {%s};%n",
                    ink(bars.color(), LineStyle.SOLID), FigureRenderer.BAR_WIDTH, ink(bars.color(), LineStyle.SOLID),
                    FigureLayout.CAP, stem, stem, stem, stem, csvFile);
        }
        for (Guide guide : panel.guides()) {
            String at = FigureCsv.number(guide.value());
            String line = guide.orientation() == Guide.Orientation.HORIZONTAL
                    ? "({rel axis cs:0,0} |- {axis cs:1," + at + "}) -- ({rel axis cs:1,0} |- {axis cs:1," + at + "})"
                    : "({axis cs:" + at + ",1} |- {rel axis cs:0,0}) -- ({axis cs:" + at + ",1} |- {rel axis cs:0,1})";
            tex.printf("\\draw [%s, line width=0.8pt] %s;%n", ink(guide.color(), guide.style()), line);
        }
        if (own != null) {
            own.samples().forEach(sample -> legendEntry(tex, sample.entry()));
        }
    }

    private static void legendEntry(PrintWriter tex, LegendEntry entry) {
        String image = entry.sample() == LegendEntry.Sample.BAR ? ", only marks, mark=|, mark size=3pt" : "";
        tex.printf("\\addlegendimage{%s, line width=1pt%s}%n\\addlegendentry{%s}%n", ink(entry.color(), entry.style()),
                image, entry.label().tex());
    }

    private static String tickValues(Ticks ticks) {
        return String.join(",", ticks.major().stream().map(t -> FigureCsv.number(t.value())).toList());
    }

    private static String tickLabels(Ticks ticks) {
        return String.join(",", ticks.major().stream().map(t -> "{" + t.label().tex() + "}").toList());
    }

    private static String mode(Scale scale) {
        return scale == Scale.LOG ? "log" : "normal";
    }

    private static String bound(Scale scale, double coordinate) {
        return FigureCsv.number(scale.unmap(coordinate));
    }

    private static String ink(Color color, LineStyle style) {
        return String.format(Locale.ROOT, "color={rgb,255:red,%d;green,%d;blue,%d}, %s", color.getRed(),
                color.getGreen(), color.getBlue(), style.tikz());
    }
}
