package org.normlab.app;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;

/**
 * A numeric axis that gives a single value room. ChartFX auto-ranges a series with one point (the first sharpness,
 * say) to an empty range and draws that point in the chart's corner; here an empty range is widened by 10% of the
 * value on either side, at least by {@code minHalfWidth} (by 1 around zero if that is 0), so the point sits inside
 * with ticks around it.
 */
final class PaddedAxis extends DefaultNumericAxis {
    private static final double SPREAD = 0.1;

    private final double minHalfWidth;

    /** @param minHalfWidth the least widening of an empty range, e.g. whole steps so ticks stay whole numbers */
    PaddedAxis(String label, double minHalfWidth) {
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
}
