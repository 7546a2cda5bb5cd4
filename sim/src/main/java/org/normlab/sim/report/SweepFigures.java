package org.normlab.sim.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.normlab.sim.figure.Axis;
import org.normlab.sim.figure.BooktabsTable;
import org.normlab.sim.figure.Curve;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.Label;
import org.normlab.sim.figure.LineStyle;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Style;
import org.normlab.sim.figure.Theme;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.Metric;
import org.normlab.sim.sweep.SweepFolder;

/**
 * The fair comparison of a sweep's optimizers, from its {@code sweep.csv} and its trials' metrics: each optimizer
 * (with any other swept setting: one "setting" per combination, e.g. {@code sgd batchSize=32}) tuned on the same budget, compared at its best
 * learning rate, with the spread over seeds. Figures: the final probe loss against the learning rate, the median
 * over seeds solid and their minimum and maximum dotted (a diverged trial counts as an infinite loss, so a rate at
 * which any seed diverged has no maximum); and the probe loss during training at each setting's best rate, median
 * and min–max over seeds step by step. The best rate is the one with the lowest median final probe loss.
 */
public final class SweepFigures {
    /** The table of each setting's best rate, as CSV (always) and as a booktabs LaTeX table (with tex). */
    public static final String BEST_RATES = "best-rates";
    private static final String LEARNING_RATE = "learningRate";
    /** Columns that tell seeds apart: what the spread is taken over. */
    private static final Set<String> SEED_COLUMNS = Set.of("trial", "replicate", "networkSeed", "orderSeed");
    private static final int DIGITS = 4;

    /** One trial: its setting's name, learning rate, final probe loss (∞ if it diverged), folder and run. */
    private record Trial(String setting, double learningRate, double finalLoss, double testAccuracy, Path folder,
            Path metrics) {
    }

    /** A trial as the lab shows it: its final probe loss (∞ if it diverged) and its folder. */
    public record TrialPoint(double finalLoss, Path folder) {
    }

    /**
     * A setting at one learning rate, as {@code sweep-final-loss} draws it: the median, minimum and maximum final
     * probe loss over seeds (∞ where a seed diverged), and its trials.
     */
    public record RatePoint(double learningRate, double median, double min, double max, List<TrialPoint> trials) {
    }

    /** A setting at one learning rate: its trials' final losses over seeds. */
    private record Point(double learningRate, List<Trial> trials) {
        double[] losses() {
            return trials.stream().mapToDouble(Trial::finalLoss).sorted().toArray();
        }
    }

    /** setting → learning rate → its trials, in the table's order. */
    private final Map<String, TreeMap<Double, List<Trial>>> settings = new LinkedHashMap<>();

    private SweepFigures() {
    }

    /** Whether {@code folder} is a sweep's folder (it holds {@code sweep.csv}). */
    public static boolean isSweep(Path folder) {
        return Files.isRegularFile(folder.resolve(SweepFolder.TABLE));
    }

    /**
     * Reads a sweep's folder; a sweep without a learning-rate axis, with no finished trial, or whose {@code sweep.csv}
     * is malformed (a missing column, a row of the wrong length, a cell that is not a number, a trial folder outside
     * the sweep's) is refused, naming the file and the line.
     */
    public static SweepFigures read(Path folder) {
        Path table = folder.resolve(SweepFolder.TABLE);
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + table + ": " + (Files.exists(table) ? e.getMessage()
                    : "there is no such file (a sweep's folder, as normlab sweep writes it, holds one)"));
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(table + " is empty: it should start with its header line");
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int rate = header.indexOf(LEARNING_RATE);
        if (rate < 0 || lines.size() < 2) {
            throw new InvalidInputException(table + " has " + (rate < 0
                    ? "no learningRate column: sweep the optimizers' learningRate to compare them at their best"
                    : "no finished trial yet"));
        }
        int optimizer = column(table, header, "optimizer");
        int diverged = column(table, header, "diverged_at");
        int finalLoss = column(table, header, "probe_loss_final");
        int testAccuracy = column(table, header, "test_accuracy_final");
        int trialFolder = column(table, header, "folder");
        int firstResult = column(table, header, "steps");
        SweepFigures figures = new SweepFigures();
        Path root = folder.toAbsolutePath().normalize();
        for (int n = 1; n < lines.size(); n++) {
            String[] cells = lines.get(n).split(",", -1);
            String at = table + " line " + (n + 1);
            if (cells.length != header.size()) {
                throw new InvalidInputException(at + " has " + cells.length + " cells, its header " + header.size());
            }
            if (cells[rate].isEmpty()) {
                continue;
            }
            StringBuilder setting = new StringBuilder(cells[optimizer]);
            for (int c = optimizer + 1; c < firstResult; c++) {
                if (c != rate && !SEED_COLUMNS.contains(header.get(c)) && !cells[c].isEmpty()) {
                    setting.append(' ').append(header.get(c)).append('=').append(cells[c]);
                }
            }
            Path trialPath = root.resolve(cells[trialFolder]).normalize();
            if (!trialPath.startsWith(root) || trialPath.equals(root) || cells[optimizer].isEmpty()) {
                throw new InvalidInputException(at + ": folder '" + cells[trialFolder] + "' and optimizer '"
                        + cells[optimizer] + "' must name a trial folder inside the sweep's folder");
            }
            try {
                double loss = cells[diverged].isEmpty() ? number(cells[finalLoss]) : Double.POSITIVE_INFINITY;
                Path metrics = trialPath.resolve(cells[optimizer]).normalize();
                if (!metrics.getParent().equals(trialPath)) {
                    throw new InvalidInputException(at + ": optimizer '" + cells[optimizer] + "' is not a run name");
                }
                Trial trial = new Trial(setting.toString(), Double.parseDouble(cells[rate]), loss,
                        number(cells[testAccuracy]), trialPath, metrics.resolve(RunFigures.METRICS_FILE));
                figures.settings.computeIfAbsent(trial.setting(), s -> new TreeMap<>())
                        .computeIfAbsent(trial.learningRate(), r -> new ArrayList<>()).add(trial);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(at + ": learningRate, probe_loss_final and test_accuracy_final must "
                        + "be numbers (" + e.getMessage() + ")");
            }
        }
        return figures;
    }

    private static int column(Path table, List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new InvalidInputException(table + " has no " + name + " column; its header is " + header);
        }
        return index;
    }

    /**
     * What {@code sweep-final-loss} draws: per setting (in the table's order), its learning rates in increasing order,
     * each with the median, minimum and maximum final probe loss over seeds and its trials.
     */
    public Map<String, List<RatePoint>> finalLoss() {
        Map<String, List<RatePoint>> points = new LinkedHashMap<>();
        settings.forEach((setting, rates) -> points.put(setting, rates.entrySet().stream().map(e -> {
            double[] losses = new Point(e.getKey(), e.getValue()).losses();
            return new RatePoint(e.getKey(), median(losses), losses[0], losses[losses.length - 1],
                    e.getValue().stream().map(t -> new TrialPoint(t.finalLoss(), t.folder())).toList());
        }).toList()));
        return points;
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    /** The median of sorted values (NaN if none; ∞ if the middle one is). */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Each setting's best rate: the lowest finite median final loss (null if every rate diverged for some seed). */
    private Map<String, Point> best() {
        Map<String, Point> best = new LinkedHashMap<>();
        settings.forEach((setting, rates) -> {
            Point chosen = null;
            for (Map.Entry<Double, List<Trial>> e : rates.entrySet()) {
                Point p = new Point(e.getKey(), e.getValue());
                double m = median(p.losses());
                if (Double.isFinite(m) && (chosen == null || m < median(chosen.losses()))) {
                    chosen = p;
                }
            }
            best.put(setting, chosen);
        });
        return best;
    }

    /** The figures: {@code sweep-final-loss} and {@code sweep-best-curves}. */
    public List<Figure> figures(Style.Width width, String fontFamily, double fontSize) {
        Style style = Style.of(width, width == Style.Width.SINGLE_COLUMN ? 2.4 : 2.9).withFont(fontFamily, fontSize);
        return List.of(new Figure("sweep-final-loss", List.of(finalLossPanel()), 1, style),
                new Figure("sweep-best-curves", List.of(bestCurvesPanel()), 1, style));
    }

    private Panel finalLossPanel() {
        List<Curve> curves = new ArrayList<>();
        int color = 0;
        for (Map.Entry<String, List<RatePoint>> setting : finalLoss().entrySet()) {
            List<RatePoint> points = setting.getValue();
            double[] x = points.stream().mapToDouble(RatePoint::learningRate).toArray();
            double[][] bands = {
                points.stream().mapToDouble(p -> finiteOrGap(p.median())).toArray(),
                points.stream().mapToDouble(p -> finiteOrGap(p.min())).toArray(),
                points.stream().mapToDouble(p -> finiteOrGap(p.max())).toArray()};
            curves.addAll(band(setting.getKey(), Theme.PRINT.series(color++), x, bands));
        }
        return new Panel(Label.of("Final probe loss over seeds (median, min–max)"), Axis.log("learning rate η"),
                Axis.log("final probe loss"), curves, List.of(), true);
    }

    private Panel bestCurvesPanel() {
        List<Curve> curves = new ArrayList<>();
        int color = 0;
        for (Map.Entry<String, Point> best : best().entrySet()) {
            Color c = Theme.PRINT.series(color++);
            if (best.getValue() == null) {
                continue;
            }
            TreeMap<Long, List<Double>> byStep = new TreeMap<>();
            for (Trial trial : best.getValue().trials()) {
                RunFigures.Series loss = probeLoss(trial.metrics());
                for (int i = 0; i < loss.steps().length; i++) {
                    byStep.computeIfAbsent((long) loss.steps()[i], s -> new ArrayList<>()).add(loss.values()[i]);
                }
            }
            double[] x = byStep.keySet().stream().mapToDouble(s -> s).toArray();
            double[][] bands = new double[3][x.length];
            int i = 0;
            for (List<Double> values : byStep.values()) {
                double[] sorted = values.stream().mapToDouble(v -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v)
                        .sorted().toArray();
                bands[0][i] = finiteOrGap(median(sorted));
                bands[1][i] = finiteOrGap(sorted[0]);
                bands[2][i++] = finiteOrGap(sorted[sorted.length - 1]);
            }
            String label = best.getKey() + " at η " + BooktabsTable.number(best.getValue().learningRate(), 3);
            curves.addAll(band(label, c, x, bands));
        }
        return new Panel(Label.of("Probe loss at each optimizer's best learning rate"), Axis.linear("step"),
                Axis.log("probe loss"), curves, List.of(), true);
    }

    /** The median solid, the minimum and maximum dotted, in one color. */
    private static List<Curve> band(String label, Color color, double[] x, double[][] bands) {
        return List.of(new Curve(label, color, LineStyle.SOLID, x, bands[0]),
                new Curve(label + " min", color, LineStyle.DOTTED, x, bands[1]),
                new Curve(label + " max", color, LineStyle.DOTTED, x, bands[2]));
    }

    private static double finiteOrGap(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static RunFigures.Series probeLoss(Path metrics) {
        List<Double> steps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(metrics);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                if (cells[2].equals(Metric.PROBE_LOSS.id())) {
                    steps.add(Double.parseDouble(cells[1]));
                    values.add(Double.parseDouble(cells[3]));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + metrics + ": " + e.getMessage());
        }
        return new RunFigures.Series(steps.stream().mapToDouble(v -> v).toArray(),
                values.stream().mapToDouble(v -> v).toArray());
    }

    /** The header and rows of the best-rate table: per setting, its best rate and what it reached there. */
    private List<List<String>> bestRateRows(List<String> header) {
        header.addAll(List.of("optimizer", "best learning rate", "final probe loss (median)", "min", "max",
                "final test accuracy % (median)", "seeds", "rates tried"));
        List<List<String>> rows = new ArrayList<>();
        best().forEach((setting, point) -> {
            int tried = settings.get(setting).size();
            if (point == null) {
                rows.add(List.of(setting, BooktabsTable.MISSING, BooktabsTable.MISSING, BooktabsTable.MISSING,
                        BooktabsTable.MISSING, BooktabsTable.MISSING, BooktabsTable.MISSING, Integer.toString(tried)));
                return;
            }
            double[] losses = point.losses();
            double[] accuracies = point.trials().stream().mapToDouble(Trial::testAccuracy).filter(a -> !Double.isNaN(a))
                    .sorted().toArray();
            rows.add(List.of(setting, BooktabsTable.number(point.learningRate(), DIGITS),
                    BooktabsTable.number(median(losses), DIGITS), BooktabsTable.number(losses[0], DIGITS),
                    BooktabsTable.number(losses[losses.length - 1], DIGITS),
                    BooktabsTable.number(100 * median(accuracies), DIGITS), Integer.toString(losses.length),
                    Integer.toString(tried)));
        });
        return rows;
    }

    /** The best-rate table as CSV. */
    public String bestRatesCsv() {
        List<String> header = new ArrayList<>();
        List<List<String>> rows = bestRateRows(header);
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        rows.forEach(r -> csv.append(String.join(",", r)).append('\n'));
        return csv.toString();
    }

    /** The best-rate table as a booktabs LaTeX table. */
    public String bestRatesTex() {
        List<String> header = new ArrayList<>();
        List<List<String>> rows = bestRateRows(header);
        return BooktabsTable.render(header, rows, "Each optimizer at its best learning rate (lowest median final "
                + "probe loss over seeds)", "tab:best-rates");
    }
}
