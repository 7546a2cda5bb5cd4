package org.normlab.app;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;

/**
 * ChartFX's numeric axis, readable in two cases it leaves bare:
 * <ul>
 * <li>a single value (the first sharpness, say): ChartFX auto-ranges it to an empty range and draws the point in the
 *     chart's corner; here an empty range is widened by 10% of the value on either side, at least by
 *     {@code minHalfWidth} (by 1 around zero if that is 0), so the point sits inside with ticks around it;</li>
 * <li>a logarithmic range within one decade (weight norms between 30 and 80, say): ChartFX labels only powers of
 *     ten, so such an axis had no label at all; here it is labelled at 1, 2 and 5 times powers of ten, or at every
 *     digit if that still gives fewer than two labels.</li>
 * </ul>
 */
final class ReadableAxis extends DefaultNumericAxis {
    private static final double SPREAD = 0.1;
    private static final int[] ONE_TWO_FIVE = {1, 2, 5};
    private static final int[] DIGITS = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private final double minHalfWidth;

    /** @param minHalfWidth the least widening of an empty range, e.g. whole steps so ticks stay whole numbers */
    ReadableAxis(String label, double minHalfWidth) {
        super(label);
        this.minHalfWidth = minHalfWidth;
    }

    @Override
    protected AxisRange autoRange(double minValue, double maxValue, double length, double labelSize) {
        if (minValue == maxValue && Double.isFinite(minValue)) {
            double spread = Math.max(minHalfWidth, Math.abs(minValue) * SPREAD);
            double half = spread > 0 ? spread : 1;
            return super.autoRange(minValue - half, maxValue + half, length, labelSize);
        }
        return super.autoRange(minValue, maxValue, length, labelSize);
    }

    @Override
    protected void calculateMajorTickValues(AxisRange range, DoubleArrayList tickValues) {
        super.calculateMajorTickValues(range, tickValues);
        double lower = range.getLowerBound();
        double upper = range.getUpperBound();
        if (!isLogAxis() || tickValues.size() >= 2 || !(lower > 0) || !(upper > lower) || !Double.isFinite(upper)) {
            return;
        }
        for (int[] mantissas : new int[][] {ONE_TWO_FIVE, DIGITS}) {
            tickValues.clear();
            for (double decade = Math.pow(10, Math.floor(Math.log10(lower))); decade <= upper; decade *= 10) {
                for (int mantissa : mantissas) {
                    double tick = mantissa * decade;
                    if (tick >= lower && tick <= upper) {
                        tickValues.add(tick);
                    }
                }
            }
            if (tickValues.size() >= 2) {
                return;
            }
        }
    }
}
