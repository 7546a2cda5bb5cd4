package org.normlab.sim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.normlab.sim.curvature.SurveyFiles;
import org.normlab.sim.figure.Axis;
import org.normlab.sim.figure.Curve;
import org.normlab.sim.figure.ErrorBars;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.Label;
import org.normlab.sim.figure.LineStyle;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Style;
import org.normlab.sim.figure.Theme;
import org.normlab.sim.run.InvalidInputException;

/**
 * The figures of a curvature survey folder written by {@code normlab probe} ({@link SurveyFiles}; sim/docs/math.md
 * §7): the spectral densities of the Hessian and the Fisher on a log density axis, the loss along the top eigenvector
 * with the quadratic {@code L(θ) + ½λa²} and the stability threshold's {@code L(θ) + ½(2/η)a²} over it, the
 * per-tensor λ_max and trace as bars (λ_max's interval [θ, θ + b] and the trace ± one standard error as error bars on
 * them), and the plane slice as contour lines. A part the survey did not measure (no
 * file: the lab's curvature panel asks for the Hessian's density and the line only) has no curve or figure.
 */
public final class CurvatureFigures {
    /** Survey folders are named so inside a run folder. */
    public static final String FOLDER_PREFIX = "curvature-";
    /** A log density axis spans at most this factor below the peak (the Gaussians' far tails are ~0). */
    public static final double DENSITY_FLOOR = 1e-6;
    /** The names of the first two figures of {@link #of}, after its prefix: every survey has them. */
    public static final String SPECTRUM = "spectrum";
    public static final String SLICE = "slice";
    private static final int CONTOUR_LEVELS = 6;

    private CurvatureFigures() {
    }

    /** The survey folders in a run folder or, one level down, in a race folder's run folders, sorted. */
    public static List<Path> folders(Path runs) {
        List<Path> found = new ArrayList<>();
        for (Path run : Files.isRegularFile(runs.resolve(RunFigures.METRICS_FILE)) ? List.of(runs) : list(runs)) {
            list(run).stream().filter(f -> f.getFileName().toString().startsWith(FOLDER_PREFIX))
                    .filter(f -> Files.isRegularFile(f.resolve(SurveyFiles.LINE))).forEach(found::add);
        }
        return found.stream().sorted().toList();
    }

    /** The figures of one survey folder, named {@code <prefix><kind>}: spectrum, slice, then layers and plane if measured. */
    public static List<Figure> of(Path folder, String prefix, Style.Width width, String font, double fontSize) {
        Style style = Style.of(width, width == Style.Width.SINGLE_COLUMN ? 2.2 : 2.7).withFont(font, fontSize);
        Theme theme = Theme.PRINT;
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(prefix + SPECTRUM, List.of(spectrum(folder, theme)), 1, style));
        figures.add(new Figure(prefix + SLICE, List.of(line(folder, theme)), 1, style));
        if (Files.isRegularFile(folder.resolve(SurveyFiles.LAYERS))) {
            figures.add(new Figure(prefix + "layers", List.of(layers(folder, theme)), 1, style));
        }
        if (Files.isRegularFile(folder.resolve(SurveyFiles.PLANE))) {
            figures.add(new Figure(prefix + "plane", List.of(plane(folder, theme)), 1, style));
        }
        return figures;
    }

    private static Panel spectrum(Path folder, Theme theme) {
        List<Curve> curves = new ArrayList<>();
        String[] files = {SurveyFiles.HESSIAN_DENSITY, SurveyFiles.FISHER_DENSITY};
        String[] names = {"Hessian", "Fisher"};
        for (int k = 0; k < files.length; k++) {
            if (k > 0 && !Files.isRegularFile(folder.resolve(files[k]))) {
                continue;
            }
            double[][] columns = read(folder.resolve(files[k]), "eigenvalue,density");
            double peak = Arrays.stream(columns[1]).max().orElse(0);
            double[] density = Arrays.stream(columns[1]).map(d -> Math.max(d, DENSITY_FLOOR * peak)).toArray();
            curves.add(new Curve(names[k], theme.series(k), LineStyle.SOLID, columns[0], density));
        }
        return new Panel(Label.of("spectral density (SLQ)"), Axis.linear("eigenvalue"), Axis.log("density"), curves,
                List.of(), true);
    }

    private static Panel line(Path folder, Theme theme) {
        Path file = folder.resolve(SurveyFiles.LINE);
        String header = header(file);
        boolean threshold = header.endsWith(",threshold_quadratic");
        double[][] c = read(file, threshold ? "offset,loss,quadratic,threshold_quadratic" : "offset,loss,quadratic");
        List<Curve> curves = new ArrayList<>(List.of(
                new Curve("loss", theme.series(0), LineStyle.SOLID, c[0], c[1]),
                new Curve("L(θ) + ½λ_{1}a²", theme.series(1), LineStyle.DASHED, c[0], c[2])));
        if (threshold) {
            curves.add(new Curve("threshold's L(θ) + ½(2/η)a²", theme.series(2), LineStyle.DOTTED, c[0], c[3]));
        }
        return new Panel(Label.of("loss along the top eigenvector"), Axis.linear("a (unit eigenvector)"),
                Axis.linear("loss"), curves, List.of(), true);
    }

    /**
     * One bar outline per tensor at x = its index: λ_max and the trace side by side, each with an error bar in its
     * middle — λ_max up to λ_max + its bound (the true value lies between), the trace ± one standard error.
     */
    private static Panel layers(Path folder, Theme theme) {
        Path file = folder.resolve(SurveyFiles.LAYERS);
        List<String[]> rows = rows(file, "tensor,size,top_eig,error_bound,trace,trace_standard_error");
        List<Curve> curves = new ArrayList<>();
        List<ErrorBars> bars = new ArrayList<>();
        String[] names = {"λ_max", "trace"};
        String[] intervals = {"λ_max to λ_max + bound", "trace ± 1 standard error"};
        int[] column = {2, 4};
        for (int k = 0; k < 2; k++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            double[] middle = new double[rows.size()];
            double[] low = new double[rows.size()];
            double[] high = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                double value = number(file, rows.get(i)[column[k]]);
                double error = number(file, rows.get(i)[column[k] + 1]);
                double left = i - 0.4 + 0.4 * k;
                x.addAll(List.of(left, left, left + 0.4, left + 0.4, Double.NaN));
                y.addAll(List.of(0.0, value, value, 0.0, Double.NaN));
                middle[i] = left + 0.2;
                low[i] = k == 0 ? value : value - error;
                high[i] = value + error;
            }
            curves.add(new Curve(names[k], theme.series(k), LineStyle.SOLID,
                    x.stream().mapToDouble(Double::doubleValue).toArray(),
                    y.stream().mapToDouble(Double::doubleValue).toArray()));
            bars.add(new ErrorBars(intervals[k], theme.series(k), middle, low, high));
        }
        String order = String.join(" ", rows.stream().map(r -> r[0].replace("gamma", "γ").replace("beta", "β"))
                .toList());
        return new Panel(Label.of("per-tensor curvature"), Axis.linear(order), Axis.linear("H_BB"),
                curves, List.of(), true).withBars(bars);
    }

    /** Contour lines of the plane slice by marching squares, at evenly spaced levels between its min and max. */
    private static Panel plane(Path folder, Theme theme) {
        double[][] c = read(folder.resolve(SurveyFiles.PLANE), "a,b,loss");
        double[] a = Arrays.stream(c[0]).distinct().toArray();
        double[] b = Arrays.stream(c[1]).distinct().toArray();
        if (a.length * b.length != c[2].length) {
            throw new InvalidInputException(folder.resolve(SurveyFiles.PLANE) + ": not a full grid of a and b");
        }
        double[][] loss = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                loss[i][j] = c[2][i * b.length + j];
            }
        }
        double min = Arrays.stream(c[2]).min().orElse(0);
        double max = Arrays.stream(c[2]).max().orElse(0);
        List<Curve> curves = new ArrayList<>();
        for (int k = 1; k <= CONTOUR_LEVELS; k++) {
            double level = min + (max - min) * k / (CONTOUR_LEVELS + 1);
            double[][] xy = contour(a, b, loss, level);
            if (xy[0].length > 0) {
                curves.add(new Curve(String.format(Locale.ROOT, "%.3g", level), theme.series(k - 1), LineStyle.SOLID,
                        xy[0], xy[1]));
            }
        }
        return new Panel(Label.of("loss on the plane (filter-normalized)"), Axis.linear("a (top eigenvector)"),
                Axis.linear("b"), curves, List.of(), true);
    }

    /** The segments where {@code loss} crosses {@code level}, each two points then a NaN gap. */
    static double[][] contour(double[] a, double[] b, double[][] loss, double level) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i + 1 < a.length; i++) {
            for (int j = 0; j + 1 < b.length; j++) {
                // The cell's edges in order; a crossing on an edge where the sign of (loss − level) changes.
                double[][] corners = {{a[i], b[j], loss[i][j]}, {a[i + 1], b[j], loss[i + 1][j]},
                    {a[i + 1], b[j + 1], loss[i + 1][j + 1]}, {a[i], b[j + 1], loss[i][j + 1]}};
                List<double[]> crossings = new ArrayList<>();
                for (int e = 0; e < 4; e++) {
                    double[] p = corners[e];
                    double[] q = corners[(e + 1) % 4];
                    if ((p[2] < level) != (q[2] < level)) {
                        double t = (level - p[2]) / (q[2] - p[2]);
                        crossings.add(new double[] {p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])});
                    }
                }
                for (int s = 0; s + 1 < crossings.size(); s += 2) {
                    x.addAll(List.of(crossings.get(s)[0], crossings.get(s + 1)[0], Double.NaN));
                    y.addAll(List.of(crossings.get(s)[1], crossings.get(s + 1)[1], Double.NaN));
                }
            }
        }
        return new double[][] {x.stream().mapToDouble(Double::doubleValue).toArray(),
            y.stream().mapToDouble(Double::doubleValue).toArray()};
    }

    private static double[][] read(Path file, String header) {
        List<String[]> rows = rows(file, header);
        int columns = header.split(",").length;
        double[][] values = new double[columns][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < columns; k++) {
                values[k][i] = number(file, rows.get(i)[k]);
            }
        }
        return values;
    }

    private static List<String[]> rows(Path file, String header) {
        List<String> lines = lines(file);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new InvalidInputException(file + ": line 1 must be '" + header + "'");
        }
        int columns = header.split(",").length;
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != columns) {
                throw new InvalidInputException(file + ": line " + (i + 1) + " must have " + columns + " cells ("
                        + header + ")");
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String header(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static double number(Path file, String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": '" + cell + "' is not a number");
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + folder + ": " + e.getMessage());
        }
    }
}
