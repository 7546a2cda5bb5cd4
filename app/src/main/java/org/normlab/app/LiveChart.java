package org.normlab.app;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.datareduction.DefaultDataReducer;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Node;

/**
 * A ChartFX chart of live training curves, tuned to keep up on a software renderer: lines only (no markers, no error
 * bars), each series stroked as one path ({@code allowNaNs}), and point reduction down to 2 pixels.
 *
 * <p>Build it and add series on the FX thread; write the returned DataSets only from a {@link ChartFeeder}.
 */
public final class LiveChart {
    private static final int MIN_POINT_PIXEL_DISTANCE = 2;

    private final XYChart chart;
    private final DefaultNumericAxis yAxis;
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();

    public LiveChart(String title, String xLabel, String yLabel) {
        DefaultNumericAxis xAxis = new DefaultNumericAxis(xLabel);
        yAxis = new DefaultNumericAxis(yLabel);
        // Steps and losses have no unit; without this ChartFX prints "[]" after the names.
        xAxis.setUnit(null);
        yAxis.setUnit(null);
        chart = new XYChart(xAxis, yAxis);
        chart.setTitle(title);
        chart.setAnimated(false);

        DefaultDataReducer reducer = new DefaultDataReducer();
        reducer.setMinPointPixelDistance(MIN_POINT_PIXEL_DISTANCE);
        renderer.setErrorStyle(ErrorStyle.NONE)
                .setDrawMarker(false)
                .setAllowNaNs(true)
                .setRendererDataReducer(reducer)
                .setPointReduction(true)
                .setParallelImplementation(false);
        chart.getRenderers().setAll(renderer);
    }

    /** A new, empty series drawn on this chart. */
    public DoubleDataSet addSeries(String name) {
        DoubleDataSet series = new DoubleDataSet(name);
        renderer.getDatasets().add(series);
        return series;
    }

    /** Whether the value axis is logarithmic. */
    public BooleanProperty logScaleProperty() {
        return yAxis.logAxisProperty();
    }

    public Node node() {
        return chart;
    }
}
