package org.normlab.app.chart;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.normlab.app.live.ChartFeeder;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.session.RaceRun;

/**
 * The diagnostics, one {@link DiagnosticChart} each, in a grid. Whenever the race's runs change (reset, add,
 * remove, a new race) every chart is rebuilt for them and the feeder reconnected.
 */
public final class ChartGrid extends GridPane {
    private static final int COLUMNS = 4;

    private final LabViewModel model;
    private final ChartFeeder feeder;
    private final List<DiagnosticChart> charts = new ArrayList<>();

    public ChartGrid(LabViewModel model, ChartFeeder feeder) {
        this.model = model;
        this.feeder = feeder;
        getStyleClass().add("chart-grid");
        List<ChartSpec> specs = ChartSpec.diagnostics();
        for (int i = 0; i < specs.size(); i++) {
            DiagnosticChart chart = new DiagnosticChart(specs.get(i), "chart" + i);
            charts.add(chart);
            add(chart.node(), i % COLUMNS, i / COLUMNS);
        }
        for (int c = 0; c < COLUMNS; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / COLUMNS);
            column.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(column);
        }
        int rows = (specs.size() + COLUMNS - 1) / COLUMNS;
        for (int r = 0; r < rows; r++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100.0 / rows);
            row.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(row);
        }
        model.raceProperty().addListener((property, old, runs) -> show(runs));
        show(model.raceProperty().get());
    }

    /** Brings every chart's markers and placeholder up to date; the window calls it after each refresh of the model. */
    public void refresh() {
        charts.forEach(chart -> chart.refresh(model.raceProperty().get()));
    }

    public List<DiagnosticChart> charts() {
        return charts;
    }

    private void show(List<RaceRun> runs) {
        feeder.disconnectAll();
        charts.forEach(chart -> chart.show(runs, feeder));
    }
}
