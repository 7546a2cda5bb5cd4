package org.normlab.sim.report;

import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.normlab.sim.figure.Axis;
import org.normlab.sim.figure.Curve;
import org.normlab.sim.figure.ErrorBars;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.Guide;
import org.normlab.sim.figure.Label;
import org.normlab.sim.figure.LegendEntry;
import org.normlab.sim.figure.LineStyle;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Scale;
import org.normlab.sim.figure.Style;
import org.normlab.sim.figure.Theme;
import org.normlab.sim.probe.StepRule;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.HeadlessRace;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.MetricsCsv;
import org.normlab.sim.series.Estimate;
import org.normlab.sim.series.Estimate.Leaf;
import org.normlab.sim.series.Quantity;

/**
 * The figures of a finished run or race, from its {@code metrics.csv} files (long format {@code run,step,metric,value}):
 * either one run's folder, or a folder of run folders. Panels group the metrics — every {@code *.loss} (log axis),
 * every {@code *.accuracy}, the gradient norms (log axis), and one panel for each other metric, where
 * {@code X.threshold} is drawn dashed on the panel of {@code X.top_eig}, labelled with the formula of the run's
 * optimizer ({@link StepRule#formula}, from the race's {@code experiment.json}; "threshold" without one), and the upper
 * end {@code X.top_eig + X.error_bound} of each estimate's interval dotted beside it, the theory of a measured
 * metric ({@link Quantity#theoryOf}) dash-dotted on its panel, and a metric's standard error
 * ({@link Quantity#standardErrorOf}) as error bars ± it at each value (no panel of its own) — with one color per run
 * (per metric when there is one run) and one line style per metric. A {@code diverged} row ends a run's curves and is named in its legend. The events
 * detected in a metric ({@code events.csv} beside {@code metrics.csv}: threshold crossings, equilibria, loss spikes)
 * are dotted vertical lines on its panel in the run's color, the legend naming each run's first event of a kind.
 * Every point is kept.
 */
public final class RunFigures {
    public static final String METRICS_FILE = "metrics.csv";
    public static final String EVENTS_FILE = "events.csv";
    private static final String DIVERGED = Quantity.DIVERGED.id();
    /** A metric spanning more than this factor, all positive, gets a log axis. */
    private static final double LOG_AXIS_SPAN = 100;
    private static final int OVERVIEW_PANELS = 8;

    /** One kind of panel: which metrics it holds, its title and y axis. */
    private record Group(String name, String title, Axis y, List<String> metrics) {
    }

    /** Steps and values of one metric of one run, in file order. */
    private static final class Points {
        private double[] steps = new double[64];
        private double[] values = new double[64];
        private int size;

        Series series() {
            return new Series(Arrays.copyOf(steps, size), Arrays.copyOf(values, size));
        }

        void add(double step, double value) {
            if (size == steps.length) {
                steps = Arrays.copyOf(steps, 2 * size);
                values = Arrays.copyOf(values, 2 * size);
            }
            steps[size] = step;
            values[size++] = value;
        }
    }

    /** run → metric → points, runs and metrics in order of first appearance. */
    private final Map<String, Map<String, Points>> runs;
    private final Map<String, Long> divergedAt;
    /** A detected event of a run's metric, from its events.csv. */
    private record Marked(String run, long step, String kind, String metric) {
    }

    private final List<Marked> events = new ArrayList<>();
    /** run → the formula of its threshold, from the experiment. */
    private final Map<String, String> thresholdFormulas = new LinkedHashMap<>();

    private RunFigures(Map<String, Map<String, Points>> runs, Map<String, Long> divergedAt) {
        this.runs = runs;
        this.divergedAt = divergedAt;
    }

    /** Reads {@code folder/metrics.csv}, or else {@code folder/<run>/metrics.csv} of every run folder in it. */
    public static RunFigures read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("run folder " + folder + " does not exist or is not a folder");
        }
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve(METRICS_FILE))) {
            files.add(folder.resolve(METRICS_FILE));
        } else {
            try (Stream<Path> entries = Files.list(folder)) {
                entries.map(run -> run.resolve(METRICS_FILE)).filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read run folder " + folder + ": " + e.getMessage());
            }
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("run folder " + folder + " holds no " + METRICS_FILE
                    + ", neither itself nor in a run folder inside it");
        }
        RunFigures figures = new RunFigures(new LinkedHashMap<>(), new LinkedHashMap<>());
        files.forEach(figures::readFile);
        files.stream().map(file -> file.resolveSibling(EVENTS_FILE)).filter(Files::isRegularFile)
                .forEach(figures::readEvents);
        // A race folder holds the experiment; a run folder's is in its race folder.
        Path experiment = folder.resolve(HeadlessRace.EXPERIMENT);
        if (files.size() == 1 && files.get(0).getParent().equals(folder) && folder.getParent() != null) {
            experiment = folder.getParent().resolve(HeadlessRace.EXPERIMENT);
        }
        if (Files.isRegularFile(experiment)) {
            for (Experiment.RunSetup run : ExperimentFile.read(experiment).runs()) {
                figures.thresholdFormulas.put(run.name(), StepRule.formula(run.optimizer().stepKind()));
            }
        }
        if (figures.runs.isEmpty()) {
            throw new InvalidInputException(files.get(0) + " holds no measurements");
        }
        return figures;
    }

    private void readFile(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (!MetricsCsv.HEADER.equals(header)) {
                throw new InvalidInputException(file + ": line 1 must be '" + MetricsCsv.HEADER + "', was '"
                        + header + "'");
            }
            long lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (!line.isEmpty()) {
                    readRow(file, lineNumber, line);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The detected events of an {@code events.csv} ({@code run,step,event,name,old,new}): rows whose name is a metric
     * of the run; hyperparameter changes and resets name none.
     */
    private void readEvents(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",", -1);
                if (cells.length != 6) {
                    throw new InvalidInputException(file + ": line " + (i + 1) + " is not 'run,step,event,name,old,new': "
                            + lines.get(i));
                }
                Map<String, Points> run = runs.get(cells[0]);
                if (run != null && run.containsKey(cells[3])) {
                    events.add(new Marked(cells[0], Long.parseLong(cells[1]), cells[2], cells[3]));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": a step is not an integer (" + e.getMessage() + ")");
        }
    }

    private void readRow(Path file, long lineNumber, String line) {
        String[] cells = line.split(",", -1);
        try {
            if (cells.length != 4) {
                throw new IllegalArgumentException("4 cells expected, found " + cells.length);
            }
            long step = Long.parseLong(cells[1]);
            double value = Double.parseDouble(cells[3]);
            if (cells[2].equals(DIVERGED)) {
                divergedAt.put(cells[0], step);
            } else {
                runs.computeIfAbsent(cells[0], run -> new LinkedHashMap<>())
                        .computeIfAbsent(cells[2], metric -> new Points()).add(step, value);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": line " + lineNumber + " is not 'run,step,metric,value' with an "
                    + "integer step and a number value (" + e.getMessage() + "): " + line);
        }
    }

    /** The runs, in order of appearance. */
    public List<String> runs() {
        return List.copyOf(runs.keySet());
    }

    /**
     * One panel per group of metrics, each with one curve per run and metric; colors from {@code theme}. With several
     * runs, a panel of several metrics (or of estimates with their bounds) keys its line styles in its own legend
     * (dashed: probe, dotted: test; the thresholds, the intervals' upper ends); the runs' colors are the figure's
     * shared legend ({@link #runLegend}).
     */
    public List<Panel> panels(Theme theme) {
        List<Panel> panels = new ArrayList<>();
        for (Group group : groups()) {
            List<Curve> curves = new ArrayList<>();
            List<ErrorBars> bars = new ArrayList<>();
            List<Guide> guides = new ArrayList<>();
            Set<LegendEntry> keys = new LinkedHashSet<>();
            int runIndex = 0;
            Set<String> named = new HashSet<>();
            for (Map.Entry<String, Map<String, Points>> run : runs.entrySet()) {
                for (Marked event : events) {
                    if (event.run().equals(run.getKey()) && group.metrics().contains(event.metric())) {
                        // The run's color tells whose it is: one legend entry per kind of event.
                        boolean first = named.add(event.kind());
                        if (first) {
                            keys.add(LegendEntry.of(EVENTS_KEY, theme.ink(), LineStyle.DOTTED));
                        }
                        guides.add(new Guide(Label.of(first ? event.kind().replace('_', ' ') : ""),
                                Guide.Orientation.VERTICAL, event.step(), theme.series(runs.size() == 1 ? 0
                                : runIndex), LineStyle.DOTTED));
                    }
                }
                for (int m = 0; m < group.metrics().size(); m++) {
                    String metric = group.metrics().get(m);
                    Points points = run.getValue().get(metric);
                    if (points != null) {
                        int color = runs.size() == 1 ? m : runIndex;
                        LineStyle style = Quantity.isTheory(metric) ? LineStyle.DASH_DOT
                                : LineStyle.values()[m % LineStyle.values().length];
                        curves.add(new Curve(curveLabel(run.getKey(), metric, group), theme.series(color), style,
                                Arrays.copyOf(points.steps, points.size), Arrays.copyOf(points.values, points.size)));
                        if (Leaf.THRESHOLD.matches(metric)) {
                            keys.add(thresholdKey(List.copyOf(thresholdFormulas.values()), theme.ink()));
                        } else if (Quantity.isTheory(metric)) {
                            keys.add(LegendEntry.of(THEORY_KEY, theme.ink(), style));
                        } else if (group.metrics().size() > 1 && !Leaf.TOP.matches(metric)
                                && group.metrics().stream().noneMatch(Quantity::isTheory)) {
                            keys.add(LegendEntry.of(kind(metric), theme.ink(), style));
                        }
                        Points bounds = Leaf.TOP.matches(metric)
                                ? run.getValue().get(Estimate.boundOf(metric)) : null;
                        if (bounds != null) {
                            curves.add(upperEnd(runs.size() == 1 ? "upper end" : run.getKey() + " upper end",
                                    theme.series(color), points.series(), bounds.series()));
                            keys.add(LegendEntry.of(UPPER_END_KEY, theme.ink(), LineStyle.DOTTED));
                        }
                        Points errors = run.getValue().get(standardError(metric));
                        if (errors != null) {
                            bars.add(standardErrors(runs.size() == 1 ? STANDARD_ERROR_LABEL
                                    : run.getKey() + " " + STANDARD_ERROR_LABEL, theme.series(color), points.series(),
                                    errors.series()));
                            keys.add(LegendEntry.bars(STANDARD_ERROR_KEY, theme.ink()));
                        }
                    }
                }
                runIndex++;
            }
            Panel panel = new Panel(Label.of(group.title()), Axis.linear("step"), group.y(), curves, guides, true)
                    .withBars(bars);
            panels.add(runs.size() > 1 ? panel.withEntries(keys.isEmpty() ? runLegend(theme) : List.copyOf(keys))
                    : panel);
        }
        return panels;
    }

    /** The runs in their colors (each diverged run says when), the legend every panel of a race shares. */
    public List<LegendEntry> runLegend(Theme theme) {
        List<String> labels = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        List<String> formulas = new ArrayList<>();
        int index = 0;
        for (String run : runs.keySet()) {
            Long diverged = divergedAt.get(run);
            labels.add(diverged == null ? run : run + " (diverged at " + diverged + ")");
            colors.add(theme.series(index++));
            formulas.add(thresholdFormulas.getOrDefault(run, ""));
        }
        return runEntries(labels, colors, formulas);
    }

    /** What a measurement's error bars are, in a legend. */
    public static final String STANDARD_ERROR_KEY = "bars: ± 1 standard error";
    /** One run's error bars, after its name in a race. */
    private static final String STANDARD_ERROR_LABEL = "± 1 standard error";
    /** What the dotted upper ends of the estimates' intervals are, in a legend. */
    public static final String UPPER_END_KEY = "dotted: upper end of each estimate's interval";
    /** What the dash-dotted theory lines beside the measurements are, in a legend. */
    public static final String THEORY_KEY = "dash-dot: each run's theory";
    /** What the dotted vertical lines at detected events are, in a legend. */
    public static final String EVENTS_KEY = "dotted vertical: detected events";

    /**
     * One solid entry per run in its color; when the runs' thresholds have different formulas, each run's formula
     * follows its name ("adam, (2+2β₁)/(1−β₁)"), as {@link #thresholdKey} then says.
     */
    public static List<LegendEntry> runEntries(List<String> labels, List<Color> colors, List<String> formulas) {
        boolean differ = formulas.stream().filter(f -> !f.isBlank()).distinct().count() > 1;
        List<LegendEntry> entries = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String formula = formulas.get(i);
            entries.add(LegendEntry.of(differ && !formula.isBlank() ? labels.get(i) + ", " + formula : labels.get(i),
                    colors.get(i), LineStyle.SOLID));
        }
        return entries;
    }

    /**
     * The one legend entry of every run's dashed threshold: "dashed: each run's 2/η" when the runs share the formula,
     * else "dashed: each run's threshold (after its name)" (or without a formula known, "each run's threshold").
     */
    public static LegendEntry thresholdKey(List<String> formulas, Color ink) {
        List<String> distinct = formulas.stream().filter(f -> !f.isBlank()).distinct().toList();
        String what = distinct.size() == 1 ? distinct.get(0)
                : distinct.isEmpty() ? "threshold" : "threshold (after its name)";
        return LegendEntry.of("dashed: each run's " + what, ink, LineStyle.DASHED);
    }

    /**
     * The booktabs table of each run's final and best probe/test loss and accuracy and the step it diverged at
     * ({@link FinalMetricsTable}).
     */
    public String finalMetricsTable() {
        List<FinalMetricsTable.Run> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Points>> run : runs.entrySet()) {
            Map<String, Series> series = new LinkedHashMap<>();
            run.getValue().forEach((metric, points) -> series.put(metric, points.series()));
            rows.add(new FinalMetricsTable.Run(run.getKey(), series, divergedAt.get(run.getKey())));
        }
        return FinalMetricsTable.render(rows, "Final and best metrics of each run.", "tab:final-metrics");
    }

    /** A series' steps and values. */
    public record Series(double[] steps, double[] values) {
    }

    /**
     * The upper ends {@code θ + b} of the intervals [θ, θ + b] that hold each estimate's true value, dotted: at the
     * estimates' steps that have a bound (a bound at another step is no estimate's).
     */
    public static Curve upperEnd(String label, Color color, Series estimates, Series bounds) {
        double[] y = estimates.values().clone();
        double[] bound = atStepsOf(estimates, bounds);
        for (int i = 0; i < y.length; i++) {
            y[i] += bound[i];
        }
        return new Curve(label, color, LineStyle.DOTTED, estimates.steps(), y);
    }

    /**
     * Error bars ± one standard error at each value that has one ({@link Quantity#standardErrorOf}; a standard error
     * at another step is no value's).
     */
    public static ErrorBars standardErrors(String label, Color color, Series values, Series errors) {
        return ErrorBars.around(label, color, values.steps(), values.values(), atStepsOf(values, errors));
    }

    /** The companion's value at each step of {@code values}, NaN where it has none. */
    private static double[] atStepsOf(Series values, Series companion) {
        Map<Double, Double> at = new HashMap<>();
        for (int i = 0; i < companion.steps().length; i++) {
            at.put(companion.steps()[i], companion.values()[i]);
        }
        return Arrays.stream(values.steps()).map(step -> at.getOrDefault(step, Double.NaN)).toArray();
    }

    /**
     * Each panel as a figure of its own (named after its group) and, when there are several, all of them in one
     * {@code overview} figure (one column on a single-column page, two on a double-column one).
     */
    public List<Figure> figures(Style.Width width, String fontFamily, double fontSize) {
        boolean single = width == Style.Width.SINGLE_COLUMN;
        List<Panel> panels = panels(Theme.PRINT);
        List<Group> groups = groups();
        List<LegendEntry> legend = runs.size() > 1 ? runLegend(Theme.PRINT) : List.of();
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            figures.add(new Figure(groups.get(i).name(), List.of(panels.get(i)), 1,
                    Style.of(width, single ? 2.2 : 2.7).withFont(fontFamily, fontSize), legend));
        }
        if (panels.size() > 1) {
            List<Panel> overview = overview(panels, groups);
            int columns = single ? 1 : 2;
            int rows = (overview.size() + columns - 1) / columns;
            figures.add(new Figure("overview", overview, columns,
                    Style.of(width, rows * (single ? 2.0 : 2.3)).withFont(fontFamily, fontSize), legend));
        }
        return figures;
    }

    /**
     * At most {@link #OVERVIEW_PANELS} panels for the overview, the lab's dashboard first: loss, accuracy, gradient
     * norm, the curvature estimates, then the first layer's weight diagnostics, then the rest in order. (With every
     * probe on, a run has dozens of series: one page cannot hold them all, and each has its own figure anyway.)
     */
    private static List<Panel> overview(List<Panel> panels, List<Group> groups) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> overviewRank(groups.get(i))));
        return order.stream().limit(OVERVIEW_PANELS).sorted().map(panels::get).toList();
    }

    private static int overviewRank(Group group) {
        String metrics = String.join(" ", group.metrics());
        List<String> dashboard = List.of("loss", "accuracy", "grad", Estimate.SHARPNESS.top(), Estimate.FISHER.top(),
                Quantity.WEIGHT_NORM_SQUARED.layer(0), Quantity.EFFECTIVE_LEARNING_RATE.layer(0),
                Quantity.ORTHOGONAL_RATIO.layer(0));
        for (int rank = 0; rank < dashboard.size(); rank++) {
            if (metrics.contains(dashboard.get(rank))) {
                return rank;
            }
        }
        return dashboard.size();
    }

    /** The panels' groups, in a fixed order: loss, accuracy, gradient norm, then the other metrics by id. */
    private List<Group> groups() {
        TreeSet<String> metrics = new TreeSet<>(Comparator.comparing(RunFigures::trainFirst));
        runs.values().forEach(run -> metrics.addAll(run.keySet()));
        List<String> loss = new ArrayList<>();
        List<String> accuracy = new ArrayList<>();
        List<String> gradient = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String metric : metrics) {
            if (metric.endsWith(".loss")) {
                loss.add(metric);
            } else if (metric.endsWith(".accuracy")) {
                accuracy.add(metric);
            } else if (metric.equals(Quantity.GRAD_NORM.id()) || metric.endsWith(".grad_norm")) {
                gradient.add(metric);
            } else if (!(Leaf.THRESHOLD.matches(metric) && metrics.contains(companion(metric, Leaf.THRESHOLD)))
                    && !(Leaf.ERROR_BOUND.matches(metric) && metrics.contains(companion(metric, Leaf.ERROR_BOUND)))
                    && !(Quantity.isTheory(metric) && metrics.stream().anyMatch(m -> theory(m).equals(metric)))
                    && !(Quantity.isStandardError(metric)
                            && metrics.stream().anyMatch(m -> standardError(m).equals(metric)))) {
                others.add(metric);
            }
        }
        List<Group> groups = new ArrayList<>();
        if (!loss.isEmpty()) {
            groups.add(new Group("loss", "loss", Axis.log(Quantity.TRAIN_LOSS.display().axisLabel()), loss));
        }
        if (!accuracy.isEmpty()) {
            groups.add(new Group("accuracy", "accuracy", Axis.linear(Quantity.PROBE_ACCURACY.display().axisLabel()),
                    accuracy));
        }
        if (!gradient.isEmpty()) {
            groups.add(new Group("gradient-norm", "gradient norm", Axis.log(Quantity.GRAD_NORM.display().axisLabel()),
                    gradient));
        }
        for (String metric : others) {
            List<String> members = new ArrayList<>(List.of(metric));
            if (Leaf.TOP.matches(metric)) {
                String threshold = Leaf.THRESHOLD.of(Leaf.TOP.prefixOf(metric));
                if (metrics.contains(threshold)) {
                    members.add(threshold);
                }
            }
            if (metrics.contains(theory(metric))) {
                members.add(theory(metric));
            }
            String title = symbol(metric);
            groups.add(new Group(metric.replaceAll("[^A-Za-z0-9.-]+", "-"), title,
                    new Axis(Label.of(title), logWorthy(members) ? Scale.LOG : Scale.LINEAR), members));
        }
        return groups;
    }

    /** The theory drawn beside {@code metric}, or "" if none. */
    private static String theory(String metric) {
        return Quantity.theoryOf(metric).orElse("");
    }

    /** The standard error drawn as bars on {@code metric}'s values, or "" if none. */
    private static String standardError(String metric) {
        return Quantity.standardErrorOf(metric).orElse("");
    }

    /** Orders train.* first, then by id: the training curve is the one readers look for. */
    private static String trainFirst(String metric) {
        return (metric.startsWith("train.") ? "0" : "1") + metric;
    }

    /** The estimate {@code X.top_eig} beside which {@code X<leaf>} is drawn. */
    private static String companion(String metric, Leaf leaf) {
        return Leaf.TOP.of(leaf.prefixOf(metric));
    }

    /** The part of a metric's id before its first dot: train, probe, test. */
    private static String kind(String metric) {
        return metric.substring(0, metric.indexOf('.') < 0 ? metric.length() : metric.indexOf('.'));
    }

    private String curveLabel(String run, String metric, Group group) {
        Long diverged = divergedAt.get(run);
        String runLabel = diverged == null ? run : run + " (diverged at " + diverged + ")";
        String kind;
        if (Leaf.THRESHOLD.matches(metric)) {
            kind = thresholdFormulas.getOrDefault(run, "threshold");
        } else if (Quantity.isTheory(metric)) {
            kind = "theory";
        } else if (group.metrics().size() == 1 || Leaf.TOP.matches(metric)
                || group.metrics().stream().anyMatch(Quantity::isTheory)) {
            kind = "";
        } else {
            kind = kind(metric);
        }
        if (kind.isEmpty()) {
            return runLabel;
        }
        return runs.size() == 1 ? kind : runLabel + " " + kind;
    }

    /** The catalogue's symbol of a known metric (per layer: with its layer), else its id (underscores as spaces). */
    private static String symbol(String metric) {
        return Quantity.symbolOf(metric).orElse(metric.replace('_', ' '));
    }

    private boolean logWorthy(List<String> metrics) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Map<String, Points> run : runs.values()) {
            for (String metric : metrics) {
                Points points = run.get(metric);
                for (int i = 0; points != null && i < points.size; i++) {
                    double v = points.values[i];
                    if (v <= 0) {
                        return false;
                    }
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return max / min > LOG_AXIS_SPAN;
    }
}
