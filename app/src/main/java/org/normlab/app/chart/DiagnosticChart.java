package org.normlab.app.chart;

import io.fair_acc.chartfx.Chart;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.ChartPlugin;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.datareduction.DefaultDataReducer;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import io.fair_acc.dataset.utils.DataSetStyleBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.util.converter.NumberStringConverter;
import org.normlab.app.live.ChartFeeder;
import org.normlab.app.model.Palette;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.run.Tour;

/**
 * One chart of the grid: a diagnostic of every run, one line per run in the run's color, its threshold dashed, its
 * theory dash-dotted ({@link ChartSpec#theoryId}), and a marker where something happened to a run (a hyperparameter
 * change, the divergence, an event the engine detected in this chart's series). Zoom (drag), pan (middle
 * button or ctrl-drag) and data-point tooltips; a log-scale box above it.
 *
 * <p>A curvature value whose interval [value, value + error bound] holds its threshold is undecided: it is drawn with
 * an error bar up across the dashed line, never as lying on one side.
 *
 * <p>Tuned to keep up on a software renderer: lines (dots too only on sparse charts), no error bars but the few
 * undecided ones, each series stroked as one path ({@code allowNaNs}), point reduction down to 2 pixels; a dense
 * curve is a filled band with its line of means, not a zig-zag stroked thick ({@link EnvelopeRenderer}). Build and
 * change it on the FX thread; its DataSets are written only by a {@link ChartFeeder}.
 */
public final class DiagnosticChart {
    private static final int MIN_POINT_PIXEL_DISTANCE = 2;
    private static final double LINE_WIDTH = 1.5;
    /** Presenter mode's lines: visible from the back of a classroom. */
    private static final double PRESENTER_LINE_WIDTH = 4;
    private static final double MARKER_SIZE = 2.5;
    private static final double[] DASHES = {6, 4};
    /** The theory beside a measurement, dash-dotted as in exported figures (dotted there is an interval's end). */
    private static final double[] DASH_DOT = {6, 3, 1.5, 3};
    /** Steps either side of a chart's only step, so its ticks are whole steps. */
    private static final double STEP_PADDING = 10;

    private final ChartSpec spec;
    private final XYChart chart;
    /** Stacks the event markers' labels; kept after them in the chart's plugins. */
    private final MarkerLanes lanes = new MarkerLanes();
    private final DefaultNumericAxis xAxis = new ReadableAxis("step", STEP_PADDING);
    private final ReadableAxis yAxis;
    /** The solid curves, each a light band from least to greatest with its line of means ({@link CurveEnvelope}). */
    private final ErrorDataSetRenderer curves = tuned(new EnvelopeRenderer());
    private final ErrorDataSetRenderer thresholds = tuned(new ErrorDataSetRenderer());
    private final ErrorDataSetRenderer theories = tuned(new ErrorDataSetRenderer());
    /** Values whose interval holds their threshold: an error bar from the value up across the dashed line. */
    private final ErrorDataSetRenderer undecided = new ErrorDataSetRenderer();
    /** Estimates with a standard error ({@link ChartSpec#spreadId}): an error bar ± it at every value. */
    private final ErrorDataSetRenderer spreads = new ErrorDataSetRenderer();
    private final CheckBox logScale = new CheckBox("log");
    private final Button export = new Button("…");
    private final Label placeholder = new Label("not measured in this race yet");
    private final BorderPane node = new BorderPane();
    /** The event markers drawn now: each run's groups ({@link EventGroups}), in order of the runs. */
    private List<List<EventGroups.Group>> markedGroups = List.of();
    /** Every series drawn, with its run: the value axis shows the healthy ones' range. */
    private final Map<PointSeries, RaceRun> drawn = new LinkedHashMap<>();
    private final Label above = new Label();
    private final Label below = new Label();
    /** The solid curves only, with their runs: what marks point at and line ends label. */
    private final Map<PointSeries, RaceRun> curvesDrawn = new LinkedHashMap<>();
    private final ChartMarks marks;
    private double lineWidth = LINE_WIDTH;
    /** Whether the chart is in sight: only then are its DataSets fed (on the feeder's thread) and it refreshed. */
    private volatile boolean live = true;
    /** The plot's width in pixels at the last refresh, 0 before: curves get a min/max pair per two pixels. */
    private volatile int plotWidth;

    public DiagnosticChart(ChartSpec spec, String id) {
        this.spec = spec;
        yAxis = new ReadableAxis(spec.yLabel(), 0);
        // Steps and these values have no unit; without this ChartFX prints "[]" after the names.
        xAxis.setUnit(null);
        yAxis.setUnit(null);
        // Whole step counts, not ChartFX's "5.00E3" once the range is wide.
        xAxis.setTickLabelFormatter(new NumberStringConverter("#"));
        yAxis.logAxisProperty().bindBidirectional(logScale.selectedProperty());
        logScale.setSelected(spec.logScale());
        logScale.setId(id + "-log");

        chart = new UnlockingChart(xAxis, yAxis);
        chart.setAnimated(false);
        // ChartFX caches its canvases as images; a canvas is an image already, so each redraw of one was copied twice
        // (into the cache, then onto the window) on the software renderer, and nothing was saved in between.
        for (Canvas canvas : List.of(chart.getCanvas(), xAxis.getCanvas(), yAxis.getCanvas())) {
            canvas.setCache(false);
        }
        chart.setLegendVisible(false);
        curves.setDrawMarker(spec.sparse());
        for (ErrorDataSetRenderer bars : List.of(undecided, spreads)) {
            bars.setErrorStyle(ErrorStyle.ERRORBARS).setDrawMarker(true).setPolyLineStyle(LineStyle.NONE)
                    .setParallelImplementation(false);
        }
        chart.getRenderers().setAll(curves, thresholds, theories, undecided, spreads);
        Zoomer zoomer = new Zoomer();
        zoomer.setPannerEnabled(true);
        // Without ChartFX's range slider, which slides in under the plot on hover: bound to the step axis, it asked for
        // a layout of its own after every layout that moved the axis, so each chart update took a second pulse (a CSS
        // and layout pass). Zoom and pan work as before.
        zoomer.setSliderVisible(false);
        chart.getPlugins().addAll(zoomer, new DataPointTooltip());

        Label title = new Label(spec.title());
        title.getStyleClass().add("chart-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        export.setId(id + "-export");
        export.setTooltip(new Tooltip("Export this chart: SVG, PDF, PNG, CSV, pgfplots"));
        export.getStyleClass().add("export");
        export.setDisable(true);
        HBox header = new HBox(title, spacer, export, logScale);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chart-header");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setMouseTransparent(true);
        placeholder.setId(id + "-placeholder");
        node.setTop(header);
        for (Label offScale : List.of(above, below)) {
            offScale.getStyleClass().add("off-scale");
            offScale.setMouseTransparent(true);
            // As wide as the chart and no wider: a long list of runs ends in "…" instead of leaving the window.
            offScale.setMaxWidth(Double.MAX_VALUE);
            offScale.setAlignment(Pos.CENTER);
        }
        above.setId(id + "-above");
        below.setId(id + "-below");
        StackPane.setAlignment(above, Pos.TOP_CENTER);
        StackPane.setAlignment(below, Pos.BOTTOM_CENTER);
        marks = new ChartMarks(xAxis, yAxis, spec.seriesId());
        node.setCenter(new StackPane(chart, marks, placeholder, above, below));
        node.setId(id);
        node.getStyleClass().add("diagnostic");
    }

    public ChartSpec spec() {
        return spec;
    }

    /** Whether the value axis is logarithmic, as the user left it. */
    public boolean logScale() {
        return logScale.isSelected();
    }

    /** What the chart's export button does. */
    public void onExport(Runnable action) {
        export.setOnAction(event -> action.run());
        export.setDisable(false);
    }

    /**
     * Draws these runs from now on; their series reach the chart through {@code feeder}. Not between
     * {@code Stage.show()} and the first pulse: ChartFX never redraws for DataSets swapped in there (see NormLabApp).
     */
    public void show(List<RaceRun> runs, ChartFeeder feeder) {
        curves.getDatasets().clear();
        thresholds.getDatasets().clear();
        theories.getDatasets().clear();
        undecided.getDatasets().clear();
        spreads.getDatasets().clear();
        chart.getPlugins().removeIf(plugin -> plugin instanceof RunMarker);
        markedGroups = List.of();
        drawn.clear();
        curvesDrawn.clear();
        for (RaceRun run : runs) {
            run.series(spec.seriesId()).ifPresent(series -> {
                feeder.connect(series, add(curves, new SteadyDataSets.Line(run.name()), run, null, lineWidth),
                        this::live, this::pointsWanted);
                drawn.put(series, run);
                curvesDrawn.put(series, run);
            });
            Optional<PointSeries> spread = Optional.ofNullable(spec.spreadId()).flatMap(run::series);
            run.series(spec.seriesId()).ifPresent(values -> spread.ifPresent(errors -> feeder.connectSpread(values,
                    errors, add(spreads, new SteadyDataSets.Bars(run.name() + " ± SE"), run, null, lineWidth),
                    this::live)));
            if (spec.theoryId() != null) {
                run.series(spec.theoryId()).ifPresent(series -> {
                    feeder.connect(series, add(theories, new SteadyDataSets.Line(run.name() + " theory"), run, DASH_DOT,
                            lineWidth), this::live, this::pointsWanted);
                    drawn.put(series, run);
                });
            }
            if (spec.thresholdId() != null) {
                run.series(spec.thresholdId()).ifPresent(series -> {
                    feeder.connect(series, add(thresholds, new SteadyDataSets.Line(run.name() + " "
                            + run.thresholdLabel()), run, DASHES, lineWidth), this::live, this::pointsWanted);
                    drawn.put(series, run);
                });
                Optional<PointSeries> threshold = run.series(spec.thresholdId());
                Optional<PointSeries> bound = Optional.ofNullable(spec.boundId()).flatMap(run::series);
                Optional<PointSeries> values = run.series(spec.seriesId());
                if (threshold.isPresent() && bound.isPresent() && values.isPresent()) {
                    feeder.connectUndecided(values.get(), bound.get(), threshold.get(), add(undecided,
                            new SteadyDataSets.Bars(run.name() + " undecided"), run, null, lineWidth), this::live);
                }
            }
        }
        refresh(runs);
    }

    /**
     * After each refresh of the model: a marker for every new event, and the placeholder while no curve has a point
     * (a race that does not measure this diagnostic may still draw its threshold).
     */
    public void refresh(List<RaceRun> runs) {
        plotWidth = (int) Math.round(xAxis.getLength());
        markEvents(runs);
        showHealthyRange();
        placeholder.setVisible(curves.getDatasets().stream().allMatch(data -> data.getDataCount() == 0));
        marks.place(curvesDrawn);
    }

    /**
     * Whether the chart is in sight. A chart out of sight is neither fed nor refreshed: every chart of the grid stays
     * connected, and in presenter mode only one to four of them are shown. Back in sight, it catches up at the next
     * tick.
     */
    public void live(boolean inSight) {
        live = inSight;
    }

    private boolean live() {
        return live;
    }

    /**
     * How many points a curve needs: a min/max pair per two pixels of the plot's width, as fine as lines 1.5 to 4
     * pixels wide show (the software renderer's cost grows with the segments it strokes); all before the first layout.
     */
    private int pointsWanted() {
        int width = plotWidth;
        return width > 0 ? width : Integer.MAX_VALUE;
    }

    /** Whether a run of the race records this chart's series (else the chart has nothing to show, ever). */
    public boolean measured() {
        return !curvesDrawn.isEmpty();
    }

    /** Draws the marks of this chart's series among {@code all} from the next refresh on; none: empty. */
    public void showMarks(List<Tour.Mark> all) {
        marks.show(all);
    }

    /** The plot area (inside the axes) in scene coordinates; for tests. */
    Bounds plotInScene() {
        return marks.plotInScene();
    }

    /** Presenter mode's line-end labels, in scene coordinates; for tests. */
    List<Bounds> lineEndLabelsInScene() {
        return marks.endLabelsInScene();
    }

    /** The event markers' labels drawn now (visible), in the scene's coordinates; for tests. */
    List<Bounds> markerLabelsInScene() {
        return RunMarker.on(chart).stream().map(RunMarker::label).filter(Node::isVisible)
                .map(label -> label.localToScene(label.getBoundsInLocal())).toList();
    }

    /** The event markers' tooltips, in the order of the markers; for tests. */
    List<String> markerTooltips() {
        return RunMarker.on(chart).stream().map(marker -> marker.label().getTooltip().getText()).toList();
    }

    /** The DataSets the chart draws now; for tests. */
    List<DataSet> dataSets() {
        return chart.getRenderers().stream().flatMap(renderer -> renderer.getDatasets().stream()).toList();
    }

    /** The step axis' upper end now; for tests. */
    double stepAxisUpperBound() {
        return xAxis.getMax();
    }

    /** The value axis' upper end now; for tests. */
    double valueAxisUpperBound() {
        return yAxis.getMax();
    }

    /** Whether {@code run}'s line-end label was moved off its line's end and joined to it by a leader; for tests. */
    boolean hasLeader(String run) {
        return marks.hasLeader(run);
    }

    /** The marks and labels drawn now, e.g. {@code circle gd 900}; for tests. */
    public List<String> drawnMarks() {
        return marks.drawn();
    }

    /**
     * Presenter mode: thick lines and each run's name at its line's end. Lines change width with the next
     * {@link #show}.
     */
    public void presenter(boolean on) {
        lineWidth = on ? PRESENTER_LINE_WIDTH : LINE_WIDTH;
        marks.labelLineEnds(on);
    }

    public void setLogScale(boolean on) {
        logScale.setSelected(on);
    }

    /**
     * Marks the events of {@code runs} on this chart's series, those of a run that would be drawn within a few pixels
     * of each other as one ({@link EventGroups}); the markers are made anew only when the groups changed.
     */
    private void markEvents(List<RaceRun> runs) {
        // Before the first layout the axis has no length or range yet: nothing is grouped then.
        double scale = (xAxis.getMax() - xAxis.getMin()) / xAxis.getLength();
        double stepsPerPixel = Double.isFinite(scale) && scale > 0 ? scale : 0;
        List<List<EventGroups.Group>> groups = runs.stream().map(run -> EventGroups.of(run.events().stream()
                .filter(event -> spec.marks(event.series())).toList(), stepsPerPixel)).toList();
        if (groups.equals(markedGroups)) {
            return;
        }
        // The markers drawn are reused, only moved and relabelled: new nodes would each cost a CSS pass.
        List<RunMarker> markers = RunMarker.on(chart);
        int used = 0;
        for (int r = 0; r < runs.size(); r++) {
            for (EventGroups.Group group : groups.get(r)) {
                String color = Palette.color(runs.get(r).color());
                if (used < markers.size()) {
                    markers.get(used).show(group, color);
                } else {
                    RunMarker marker = new RunMarker(xAxis);
                    marker.show(group, color);
                    chart.getPlugins().add(marker);
                }
                used++;
            }
        }
        chart.getPlugins().removeAll(markers.subList(Math.min(used, markers.size()), markers.size()));
        if (used > markers.size() || !chart.getPlugins().contains(lanes)) {
            // After every marker: it stacks the labels they placed.
            chart.getPlugins().remove(lanes);
            chart.getPlugins().add(lanes);
        }
        markedGroups = groups;
    }

    /** Ranges the value axis to the healthy runs' values; the edges name the runs whose values lie beyond. */
    private void showHealthyRange() {
        HealthyRange range = HealthyRange.of(drawn.entrySet().stream().map(e -> new HealthyRange.Curve(
                e.getValue().name(), e.getKey().extent(), e.getValue().status().state() != RunStatus.State.DIVERGED))
                .toList(), yAxis.isLogAxis());
        yAxis.limitTo(range.extent());
        above.setText(range.above().isEmpty() ? "" : "▲ off scale: " + String.join(", ", range.above()));
        below.setText(range.below().isEmpty() ? "" : "▼ off scale: " + String.join(", ", range.below()));
    }

    /** The labels of the markers on this chart, in the order they were added. */
    public List<String> markerTexts() {
        return RunMarker.on(chart).stream().map(RunMarker::getText).toList();
    }

    public Node node() {
        return node;
    }

    /** How many points the chart holds for {@code run}'s curve (0 when it has none); for tests. */
    public int points(String run) {
        return curves.getDatasets().stream().filter(data -> data.getName().equals(run)).mapToInt(DataSet::getDataCount)
                .findFirst().orElse(0);
    }

    /**
     * {@code run}'s curve as drawn: {x, y} per point, with the ± error as a third entry where the chart draws
     * spreads ({@link ChartSpec#spreadId}); for tests.
     */
    public List<double[]> drawn(String run) {
        DataSet curve = curves.getDatasets().stream().filter(data -> data.getName().equals(run)).findFirst()
                .orElse(null);
        if (curve == null) {
            return List.of();
        }
        DataSet errors = spreads.getDatasets().stream().filter(data -> data.getName().equals(run + " ± SE"))
                .findFirst().orElse(null);
        List<double[]> points = new java.util.ArrayList<>();
        for (int i = 0; i < curve.getDataCount(); i++) {
            double x = curve.get(DataSet.DIM_X, i);
            double y = curve.get(DataSet.DIM_Y, i);
            points.add(errors == null ? new double[] {x, y} : new double[] {x, y, errorAt(errors, x)});
        }
        return points;
    }

    private static double errorAt(DataSet errors, double x) {
        for (int i = 0; i < errors.getDataCount(); i++) {
            if (errors.get(DataSet.DIM_X, i) == x) {
                return ((DoubleErrorDataSet) errors).getErrorPositive(DataSet.DIM_Y, i);
            }
        }
        return Double.NaN;
    }

    /** How many of {@code run}'s values the chart draws as undecided against their threshold; for tests. */
    int undecided(String run) {
        return undecided.getDatasets().stream().filter(data -> data.getName().equals(run + " undecided"))
                .mapToInt(DataSet::getDataCount).findFirst().orElse(0);
    }

    /** The names of the theory lines, one per run that writes one; for tests. */
    List<String> theoryNames() {
        return theories.getDatasets().stream().map(DataSet::getName).toList();
    }

    /** The names of the threshold lines, one per run; for tests. */
    List<String> thresholdNames() {
        return thresholds.getDatasets().stream().map(DataSet::getName).toList();
    }

    /** @param dashes the line's dash pattern, null for a solid line */
    private static <T extends DataSet> T add(ErrorDataSetRenderer renderer, T data, RaceRun run, double[] dashes,
                                             double lineWidth) {
        DataSetStyleBuilder style = DataSetStyleBuilder.newInstance().setLineColor(Palette.color(run.color()))
                .setLineWidth(lineWidth).setMarkerColor(Palette.color(run.color())).setMarkerSize(MARKER_SIZE);
        if (dashes != null) {
            style.setLineDashes(dashes);
        }
        data.setStyle(style.build());
        renderer.getDatasets().add(data);
        return data;
    }

    private static ErrorDataSetRenderer tuned(ErrorDataSetRenderer renderer) {
        DefaultDataReducer reducer = new DefaultDataReducer();
        reducer.setMinPointPixelDistance(MIN_POINT_PIXEL_DISTANCE);
        renderer.setErrorStyle(ErrorStyle.NONE)
                .setDrawMarker(false)
                .setAllowNaNs(true)
                .setRendererDataReducer(reducer)
                .setPointReduction(true)
                .setParallelImplementation(false);
        return renderer;
    }

    /**
     * ChartFX's chart, letting go of its data when it leaves its scene. ChartFX read-locks a chart's DataSets in a
     * pulse's pre-layout and unlocks them in its post-layout, on hooks it drops from a scene the chart leaves: a chart
     * taken out in between (the grid and presenter mode move charts in and out) kept them locked for good, and the
     * feeder's next write to one waited forever, so that no chart was updated again. So a chart that leaves its scene
     * ends its pulse's work at once (which does nothing where nothing is locked or dirty).
     */
    private static final class UnlockingChart extends XYChart {
        UnlockingChart(Axis xAxis, Axis yAxis) {
            super(xAxis, yAxis);
            sceneProperty().addListener((observable, left, entered) -> {
                if (left != null) {
                    runPostLayout();
                }
            });
        }
    }

    /**
     * Stacks the event markers' labels in lanes upward from where ChartFX puts them ({@link LabelLanes}), so labels of
     * markers close together do not print over each other; a label with no lane left is hidden (its marker's line
     * and tooltip stay). Runs after the markers, once their labels are placed. Moves labels by translation only.
     */
    private static final class MarkerLanes extends ChartPlugin {
        private static final int LANES = 3;
        private static final double GAP = 4;

        @Override
        public void runPostLayout() {
            if (getChart() == null) {
                return;
            }
            List<Label> labels = RunMarker.on(getChart()).stream().map(RunMarker::label).toList();
            double[] left = new double[labels.size()];
            double[] width = new double[labels.size()];
            for (int i = 0; i < left.length; i++) {
                Label label = labels.get(i);
                left[i] = label.getLayoutX() + label.getTranslateX();
                width[i] = label.getWidth();
            }
            int[] lane = LabelLanes.assign(left, width, GAP, LANES);
            for (int i = 0; i < lane.length; i++) {
                Label label = labels.get(i);
                label.setVisible(lane[i] != LabelLanes.NONE);
                label.setTranslateY(-Math.max(lane[i], 0) * (label.getHeight() + 1));
            }
        }
    }

    /**
     * A thin vertical line in the run's color at the step of an event, labelled with what happened; a group of events
     * alike is drawn lighter, labelled with their count. ChartFX centres the label on the line, so near the plot's left
     * or right edge half of it would stick out (out of the window, for a chart at its edge): the label is shifted back
     * inside the plot, and cut short ("…") where it is wider.
     *
     * <p>Drawn for the software renderer, which repaints every marker whenever its chart's curves change: the line is
     * a filled pixel-wide rectangle (ChartFX's dotted line was stroked dash by dash, and any stroked line is scan
     * converted row by row), lighter by its color rather than by a node's opacity (which is drawn off screen and
     * blended), the label without ChartFX's rounded border, and ChartFX's invisible 30-pixel line for dragging
     * (scan converted like a visible one, though it paints nothing) left out: these markers are not dragged.
     */
    private static final class RunMarker extends XValueIndicator {
        /**
         * How much lighter a group's marker is (mixed with white, as at a lower opacity over the light plot): many
         * alike, each less telling than a marker of its own.
         */
        private static final double GROUP_LIGHTER = 0.45;

        /** The label's width for its text and font, measured once per text (a new Text node at every layout cost). */
        private String measuredText;
        private Font measuredFont;
        private double naturalWidth;

        /** The line drawn, in place of ChartFX's {@link #line}, which only says where it goes. */
        private final Rectangle drawnLine = new Rectangle();

        private final Tooltip tooltip = new Tooltip();

        RunMarker(Axis axis) {
            super(axis, 0, "");
            setEditable(false);
            label.setTooltip(tooltip);
            line.setVisible(false);
            pickLine.setVisible(false);
            drawnLine.getStyleClass().add("event-line");
            drawnLine.setManaged(false);
            drawnLine.setMouseTransparent(true);
        }

        /** The markers on {@code chart}, in the order they were added. */
        static List<RunMarker> on(Chart chart) {
            return chart.getPlugins().stream().filter(p -> p instanceof RunMarker).map(p -> (RunMarker) p).toList();
        }

        Label label() {
            return label;
        }

        /** Marks {@code group} in the run's {@code color}: its kind on the label, its whole text in the tooltip. */
        void show(EventGroups.Group group, String color) {
            setValue(group.step());
            setText(group.label());
            tooltip.setText(group.text());
            Color drawn = group.grouped() ? Color.web(color).interpolate(Color.WHITE, GROUP_LIGHTER) : Color.web(color);
            drawnLine.setFill(drawn);
            label.setStyle("-fx-background-color: " + css(drawn) + "; -fx-text-fill: white; -fx-border-color: null;");
        }

        private static String css(Color color) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(color.getRed() * 255),
                    Math.round(color.getGreen() * 255), Math.round(color.getBlue() * 255));
        }

        /**
         * After ChartFX placed its line and the label (centred on the line, as wide as its text): the drawn line put
         * in place, and the label shifted by a translation, which asks for no new layout (moving it would, and ChartFX
         * would centre it again at the next pulse, and so on), and no wider than the plot. Changes nothing once in
         * place.
         */
        @Override
        public void runPostLayout() {
            super.runPostLayout();
            if (getChart() == null) {
                return;
            }
            placeLine();
            // The plot's canvas and the label share the plot area's coordinates (as ChartFX lays them out).
            Bounds plot = getChart().getCanvas().getBoundsInLocal();
            double natural = naturalWidth();
            label.setPrefWidth(natural > plot.getWidth() ? plot.getWidth() : Region.USE_COMPUTED_SIZE);
            double width = Math.min(natural, plot.getWidth());
            double left = Math.max(plot.getMinX(), Math.min(plot.getMaxX() - width, label.getLayoutX()));
            label.setTranslateX(left - label.getLayoutX());
        }

        /**
         * The drawn line where ChartFX put its own (which it leaves out of the chart while the step lies outside the
         * axis' range): a pixel column, so that the renderer fills it as a rectangle.
         */
        private void placeLine() {
            if (!getChartChildren().contains(line)) {
                getChartChildren().remove(drawnLine);
                return;
            }
            drawnLine.setX(Math.floor(line.getStartX()));
            drawnLine.setY(Math.min(line.getStartY(), line.getEndY()));
            drawnLine.setWidth(1);
            drawnLine.setHeight(Math.abs(line.getEndY() - line.getStartY()));
            if (!getChartChildren().contains(drawnLine)) {
                getChartChildren().add(0, drawnLine);
            }
        }

        /** The label's width with its whole text, padding included. */
        private double naturalWidth() {
            if (!label.getText().equals(measuredText) || !label.getFont().equals(measuredFont)) {
                Text text = new Text(label.getText());
                text.setFont(label.getFont());
                measuredText = label.getText();
                measuredFont = label.getFont();
                naturalWidth = Math.ceil(text.getLayoutBounds().getWidth() + label.getInsets().getLeft()
                        + label.getInsets().getRight()) + 1;
            }
            return naturalWidth;
        }
    }
}
