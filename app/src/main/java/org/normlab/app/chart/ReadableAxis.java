package org.normlab.app.chart;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import org.normlab.app.session.PointSeries.Extent;
import org.normlab.sim.figure.Scale;
import org.normlab.sim.figure.Ticks;

/**
 * ChartFX's numeric axis, readable where it is not:
 * <ul>
 * <li>far-off values of one run: given the {@link #limitTo extent} to show (a {@link HealthyRange}), the axis
 *     auto-ranges to it rather than to every value drawn;</li>
 * <li>too many labels (a log axis over hundreds of decades): no more tick labels than fit along the axis at the
 *     label font's size, every k-th kept;</li>
 * <li>a single value (the first sharpness, say): ChartFX auto-ranges it to an empty range and draws the point in the
 *     chart's corner; here an empty range is widened by 10% of the value on either side, at least by
 *     {@code minHalfWidth} (by 1 around zero if that is 0), so the point sits inside with ticks around it;</li>
 * <li>a logarithmic range within one decade (weight norms between 30 and 80, say): ChartFX labels only powers of
 *     ten, so such an axis had no label at all; here it is labelled as the exported figures are
 *     ({@link Ticks#labelledValues}: 1–2–5 steps of the values, or 1, 2 and 5 times powers of ten).</li>
 * </ul>
 */
final class ReadableAxis extends DefaultNumericAxis {
    private static final double SPREAD = 0.1;
    /** A label's height is about 1.2 times its font size (as ChartFX reckons); as much again between labels. */
    private static final double LINE_HEIGHT = 1.2;
    private static final double GAP = 1;
    /** A digit's width in em, generous for the tick labels' digits, signs and exponents. */
    private static final double CHARACTER_WIDTH = 0.65;

    private final double minHalfWidth;
    private Extent limit = Extent.NONE;

    /** @param minHalfWidth the least widening of an empty range, e.g. whole steps so ticks stay whole numbers */
    ReadableAxis(String label, double minHalfWidth) {
        super(label);
        this.minHalfWidth = minHalfWidth;
    }

    /** Auto-ranges to {@code extent} from now on rather than to the values drawn ({@link Extent#NONE}: to those). */
    void limitTo(Extent extent) {
        if (!extent.equals(limit)) {
            limit = extent;
            requestAxisLayout();
        }
    }

    @Override
    protected AxisRange autoRange(double minValue, double maxValue, double length, double labelSize) {
        double lowest = isLogAxis() ? limit.leastPositive() : limit.min();
        if (!Double.isNaN(lowest)) {
            minValue = lowest;
            maxValue = limit.max();
        }
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
        labelWithinADecade(range, tickValues);
        keepWhatFits(range.getAxisLength(), tickValues);
    }

    private void labelWithinADecade(AxisRange range, DoubleArrayList tickValues) {
        double lower = range.getLowerBound();
        double upper = range.getUpperBound();
        if (!isLogAxis() || tickValues.size() >= 2 || !(lower > 0) || !(upper > lower) || !Double.isFinite(upper)) {
            return;
        }
        tickValues.clear();
        Ticks.labelledValues(Scale.LOG, lower, upper).forEach(tickValues::add);
    }

    /** Thins {@code tickValues} to every k-th, so that at most as many labels as fit along {@code length} remain. */
    private void keepWhatFits(double length, DoubleArrayList tickValues) {
        int fit = Math.max(2, (int) (length / labelExtent(tickValues)));
        int every = (tickValues.size() + fit - 1) / fit;
        if (every <= 1) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < tickValues.size(); i += every) {
            tickValues.set(kept++, tickValues.getDouble(i));
        }
        tickValues.size(kept);
    }

    /** The pixels a label takes along the axis, a gap included: its height, or across, its longest text's width. */
    private double labelExtent(DoubleArrayList tickValues) {
        double fontSize = getTickLabelFont().getSize();
        if (getSide() == null || getSide().isVertical()) {
            return fontSize * LINE_HEIGHT * (1 + GAP);
        }
        int longest = 1;
        for (int i = 0; i < tickValues.size(); i++) {
            longest = Math.max(longest, getTickMarkLabel(tickValues.getDouble(i)).length());
        }
        return fontSize * (CHARACTER_WIDTH * longest + GAP);
    }
}
