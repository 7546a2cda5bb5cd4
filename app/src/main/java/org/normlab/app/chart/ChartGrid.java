package org.normlab.app.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.normlab.app.live.ChartFeeder;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.session.RaceRun;
import org.normlab.sim.run.Tour;

/**
 * The diagnostics, one {@link DiagnosticChart} each, in a grid of those with something to show (in presenter mode,
 * the tour's). Whenever the race's runs change (reset, add, remove, a new race) every chart is rebuilt for them and
 * the feeder reconnected. The {@code layer_curvature} family's charts ({@link ChartSpec#layerCurvature}: one per
 * layer) join the grid the first time a race's runs record their series, and stay, out of sight when none does.
 */
public final class ChartGrid extends GridPane {
    private static final int COLUMNS = 4;

    private final LabViewModel model;
    private final ChartFeeder feeder;
    private final List<DiagnosticChart> charts = new ArrayList<>();
    private final List<DiagnosticChart> shown = new ArrayList<>();
    /** Charts of series a tour names that the grid has none of (e.g. the training loss), made when first named. */
    private final List<DiagnosticChart> extras = new ArrayList<>();
    /** What is done to every chart of the grid, those made later included (e.g. its export button). */
    private final List<Consumer<DiagnosticChart>> forEveryChart = new ArrayList<>();

    public ChartGrid(LabViewModel model, ChartFeeder feeder) {
        this.model = model;
        this.feeder = feeder;
        getStyleClass().add("chart-grid");
        List<ChartSpec> specs = ChartSpec.diagnostics();
        for (int i = 0; i < specs.size(); i++) {
            charts.add(new DiagnosticChart(specs.get(i), "chart" + i));
        }
        model.raceProperty().addListener((property, old, runs) -> show(runs));
        model.tourProperty().addListener((property, old, tour) -> {
            addCharts(tour);
            show(model.raceProperty().get());
        });
        model.presenterProperty().addListener((property, was, on) -> {
            every().forEach(chart -> chart.presenter(on));
            show(model.raceProperty().get());
        });
        addCharts(model.tourProperty().get());
        every().forEach(chart -> chart.presenter(model.presenterProperty().get()));
        show(model.raceProperty().get());
    }

    /**
     * Brings the shown charts' markers and placeholders up to date; the window calls it after each refresh of the
     * model. The others are out of sight: neither fed nor refreshed until shown.
     */
    public void refresh() {
        shown.forEach(chart -> chart.refresh(model.raceProperty().get()));
    }

    /** The grid's charts, in grid order, the diagnostics first; charts of a tour's other series are not among them. */
    public List<DiagnosticChart> charts() {
        return List.copyOf(charts);
    }

    /** Does {@code action} to every chart of the grid now and to every one it makes later. */
    public void forEveryChart(Consumer<DiagnosticChart> action) {
        forEveryChart.add(action);
        charts.forEach(action);
    }

    /** The charts in the grid now, in grid order. */
    public List<DiagnosticChart> shown() {
        return List.copyOf(shown);
    }

    /** The chart of series {@code seriesId}, if the lab has one (the grid's, or one made for the tour). */
    public Optional<DiagnosticChart> chart(String seriesId) {
        return every().filter(chart -> chart.spec().seriesId().equals(seriesId)).findFirst();
    }

    /** A tour step's marks, each on the chart of its series; none: every mark goes. */
    public void showMarks(List<Tour.Mark> marks) {
        every().forEach(chart -> chart.showMarks(marks));
        refresh();
    }

    private Stream<DiagnosticChart> every() {
        return Stream.concat(charts.stream(), extras.stream());
    }

    /** A chart for each series {@code tour} shows that no chart draws yet. */
    private void addCharts(Optional<Tour> tour) {
        // A layer-curvature chart the grid makes itself once a run records its series (see show).
        Set<String> gridMakes = ChartSpec.layerCurvature(Set.copyOf(tour.map(Tour::charts).orElse(List.of())))
                .stream().map(ChartSpec::seriesId).collect(Collectors.toSet());
        tour.ifPresent(t -> t.charts().stream().filter(id -> chart(id).isEmpty() && !gridMakes.contains(id))
                .forEach(id -> {
                    DiagnosticChart chart = new DiagnosticChart(ChartSpec.forSeries(id), "tourChart" + extras.size());
                    chart.presenter(model.presenterProperty().get());
                    extras.add(chart);
                }));
    }

    private void show(List<RaceRun> runs) {
        Set<String> recorded = runs.stream().flatMap(run -> run.seriesIds().stream()).collect(Collectors.toSet());
        for (ChartSpec spec : ChartSpec.layerCurvature(recorded)) {
            if (chart(spec.seriesId()).isEmpty()) {
                DiagnosticChart chart = new DiagnosticChart(spec, "chart" + charts.size());
                chart.presenter(model.presenterProperty().get());
                charts.add(chart);
                forEveryChart.forEach(action -> action.accept(chart));
            }
        }
        feeder.disconnectAll();
        every().forEach(chart -> chart.show(runs, feeder));
        arrange();
    }

    /**
     * Lays out the charts to show at full size: in presenter mode the tour's (in its order), otherwise those some run
     * measures, since a chart no run records would only ever say so (all of them when none is measured); presenter
     * mode shows at most {@value Tour#MAX_CHARTS}.
     */
    private void arrange() {
        boolean presenter = model.presenterProperty().get();
        List<String> tourCharts = presenter
                ? model.tourProperty().get().map(Tour::charts).orElse(List.of()) : List.of();
        List<DiagnosticChart> chosen = tourCharts.isEmpty()
                ? charts.stream().filter(DiagnosticChart::measured).toList()
                : tourCharts.stream().map(this::chart).flatMap(Optional::stream).toList();
        if (chosen.isEmpty()) {
            chosen = charts;
        }
        if (presenter && chosen.size() > Tour.MAX_CHARTS) {
            // Without a tour to name them, presenter mode shows the first charts a projector has room for.
            chosen = chosen.subList(0, Tour.MAX_CHARTS);
        }
        List<DiagnosticChart> inSight = chosen;
        every().forEach(chart -> chart.live(inSight.contains(chart)));
        if (chosen.equals(shown)) {
            return;
        }
        shown.clear();
        shown.addAll(chosen);
        getChildren().clear();
        getColumnConstraints().clear();
        getRowConstraints().clear();
        int columns = shown.size() <= 3 ? shown.size() : shown.size() == 4 ? 2 : shown.size() <= 6 ? 3 : COLUMNS;
        for (int i = 0; i < shown.size(); i++) {
            add(shown.get(i).node(), i % columns, i / columns);
        }
        for (int c = 0; c < columns; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            column.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(column);
        }
        int rows = (shown.size() + columns - 1) / columns;
        for (int r = 0; r < rows; r++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100.0 / rows);
            row.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(row);
        }
    }
}
