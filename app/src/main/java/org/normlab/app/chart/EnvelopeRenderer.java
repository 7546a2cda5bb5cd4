package org.normlab.app.chart;

import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import io.fair_acc.dataset.DataSet;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/**
 * Draws each solid curve as its {@link CurveEnvelope}: the band from least to greatest value filled in a pale tint of
 * the curve's color, then the line of the columns' means stroked at the curve's width — all bands first, so that no
 * band covers another curve's line. The tint is opaque: on the software renderer a translucent fill blends every
 * pixel it covers and cost as much as the zig-zag it replaces, an opaque one little more than its edges. Curves with
 * dots (sparse charts) are drawn as ChartFX draws them.
 */
final class EnvelopeRenderer extends ErrorDataSetRenderer {
    /** Columns this many pixels wide: fine enough for a spike to show, coarse enough for a smooth line of means. */
    static final double COLUMN_PIXELS = 6;
    /** How far the band's tint lies from the curve's color towards white: pale, yet clearly the curve's. */
    private static final double BAND_PALENESS = 0.7;
    /** Values this many plot heights beyond the plot are drawn there: off the plot, finite. */
    private static final double OFF_PLOT = 2;

    @Override
    public void render() {
        if (isDrawMarker() || getDatasets().isEmpty()) {
            super.render();
            return;
        }
        updateCachedVariables();
        List<CurveEnvelope> envelopes = new ArrayList<>();
        List<DataSetNode> styles = new ArrayList<>();
        for (DataSetNode style : getDatasetNodes()) {
            if (style.isVisible()) {
                envelopes.add(envelope(style.getDataSet()));
                styles.add(style);
            }
        }
        GraphicsContext gc = getChart().getCanvas().getGraphicsContext2D();
        gc.save();
        for (int i = 0; i < envelopes.size(); i++) {
            Paint color = styles.get(i).getLineColor();
            gc.setFill(color instanceof Color solid ? solid.interpolate(Color.WHITE, BAND_PALENESS) : color);
            for (CurveEnvelope.Piece piece : envelopes.get(i).pieces()) {
                fillBand(gc, piece);
            }
        }
        gc.setLineDashes();
        // Bevelled joins: round ones cost a quarter more on the software renderer and look alike at these widths.
        gc.setLineJoin(StrokeLineJoin.BEVEL);
        gc.setLineCap(StrokeLineCap.ROUND);
        for (int i = 0; i < envelopes.size(); i++) {
            gc.setStroke(styles.get(i).getLineColor());
            gc.setLineWidth(styles.get(i).getLineWidth());
            for (CurveEnvelope.Piece piece : envelopes.get(i).pieces()) {
                gc.strokePolyline(piece.x(), piece.mean(), piece.columns());
            }
        }
        gc.restore();
    }

    /** The envelope of the points of {@code dataSet} in the x range shown, in the canvas' pixels. */
    private CurveEnvelope envelope(DataSet dataSet) {
        int from = Math.max(0, dataSet.getIndex(DataSet.DIM_X, xMin) - 1);
        int to = Math.min(dataSet.getIndex(DataSet.DIM_X, xMax) + 2, dataSet.getDataCount());
        int n = Math.max(0, to - from);
        double height = getChart().getCanvas().getHeight();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xAxis.getDisplayPosition(dataSet.get(DataSet.DIM_X, from + i));
            double value = dataSet.get(DataSet.DIM_Y, from + i);
            y[i] = Double.isNaN(value) ? Double.NaN
                    : Math.max(-OFF_PLOT * height, Math.min((1 + OFF_PLOT) * height, yAxis.getDisplayPosition(value)));
        }
        return CurveEnvelope.of(x, y, n, COLUMN_PIXELS);
    }

    /** The band of a piece of more than one column with any height: its least values forth, its greatest back. */
    private static void fillBand(GraphicsContext gc, CurveEnvelope.Piece piece) {
        int columns = piece.columns();
        if (columns < 2 || !piece.hasBand()) {
            return;
        }
        double[] outlineX = new double[2 * columns];
        double[] outlineY = new double[2 * columns];
        for (int c = 0; c < columns; c++) {
            outlineX[c] = piece.x()[c];
            outlineY[c] = piece.least()[c];
            outlineX[2 * columns - 1 - c] = piece.x()[c];
            outlineY[2 * columns - 1 - c] = piece.greatest()[c];
        }
        gc.fillPolygon(outlineX, outlineY, 2 * columns);
    }
}
