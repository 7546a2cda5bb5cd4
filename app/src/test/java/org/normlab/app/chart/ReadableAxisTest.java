package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.normlab.app.session.PointSeries.Extent;
import org.testfx.api.FxToolkit;

/** A single value gets a range around it, a log range within a decade gets labels; other axes are ChartFX's own. */
class ReadableAxisTest {
    private static final double LENGTH = 400;
    private static final double LABEL_SIZE = 20;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aSingleValueSitsInsideItsRange() {
        for (double value : new double[] {0, 3.7, -2.5, 1e-9, 40_000}) {
            AxisRange range = new ReadableAxis("y", 0).autoRange(value, value, LENGTH, LABEL_SIZE);
            assertTrue(range.getLowerBound() < value && value < range.getUpperBound(),
                    value + " in [" + range.getLowerBound() + ", " + range.getUpperBound() + "]");
        }
    }

    @Test
    void aSingleStepGetsAtLeastTheLeastHalfWidth() {
        AxisRange range = new ReadableAxis("step", 10).autoRange(0, 0, LENGTH, LABEL_SIZE);
        assertTrue(range.getLowerBound() <= -10 && range.getUpperBound() >= 10,
                "[" + range.getLowerBound() + ", " + range.getUpperBound() + "]");
    }

    @Test
    void aSingleValueOnALogAxisStaysPositive() {
        ReadableAxis axis = new ReadableAxis("y", 0);
        axis.setLogAxis(true);
        AxisRange range = axis.autoRange(0.02, 0.02, LENGTH, LABEL_SIZE);
        assertTrue(range.getLowerBound() > 0 && range.getLowerBound() < 0.02 && 0.02 < range.getUpperBound(),
                "[" + range.getLowerBound() + ", " + range.getUpperBound() + "]");
    }

    @Test
    void aSpreadOfValuesGetsChartFxsOwnRange() {
        AxisRange padded = new ReadableAxis("y", 0).autoRange(-1.5, 8.25, LENGTH, LABEL_SIZE);
        AxisRange plain = new Plain().autoRange(-1.5, 8.25, LENGTH, LABEL_SIZE);
        assertEquals(plain.getLowerBound(), padded.getLowerBound());
        assertEquals(plain.getUpperBound(), padded.getUpperBound());
        assertEquals(plain.getTickUnit(), padded.getTickUnit());
    }

    @Test
    void aLogRangeWithinADecadeIsLabelledAsFiguresAre() {
        assertArrayEquals(new double[] {0.02, 0.04, 0.06, 0.08}, logTicks(0.012, 0.09), 1e-15);
        assertArrayEquals(new double[] {30, 40, 50, 60, 70, 80}, logTicks(28, 85), 1e-12);
        assertArrayEquals(new double[] {200, 500, 1000, 2000}, logTicks(150, 2500), 1e-12);
    }

    @Test
    void aLogRangeOverDecadesKeepsChartFxsPowersOfTen() {
        assertArrayEquals(new double[] {1, 10, 100, 1000}, logTicks(0.5, 2000), 1e-12);
    }

    /** A log axis over 614 decades (a threshold of 2e-308 and an effective LR of 1e306): labels that fit. */
    @Test
    void noMoreLabelsThanFitAlongTheAxis() {
        ReadableAxis axis = new ReadableAxis("y", 0);
        axis.setLogAxis(true);
        double[] ticks = ticks(axis, 2e-308, 1e306);
        double fontSize = axis.getTickLabelStyle().getFont().getSize();
        assertTrue(ticks.length >= 2 && ticks.length <= LENGTH / (2 * 1.2 * fontSize), ticks.length + " labels");
        assertEquals(1e-307, ticks[0], 1e-322, "the first of ChartFX's, then every k-th");

        ReadableAxis across = new ReadableAxis("step", 0);
        across.setSide(Side.BOTTOM);
        across.setAutoRangeRounding(false);
        across.setTickUnit(1);
        int labels = ticks(across, 1_000_000, 1_000_400).length;
        assertTrue(labels >= 2 && labels * 8 * 0.65 * fontSize <= LENGTH, labels + " labels of 7 digits");
    }

    /** Given the healthy runs' extent, the axis ranges to it, not to every value drawn. */
    @Test
    void aLimitedAxisRangesToItsExtent() {
        ReadableAxis axis = new ReadableAxis("y", 0);
        axis.setLogAxis(true);
        axis.limitTo(new Extent(-1, 20, 0.02));
        AxisRange range = axis.autoRange(2e-308, 1e306, LENGTH, LABEL_SIZE);
        assertTrue(range.getLowerBound() > 1e-3 && range.getLowerBound() <= 0.02 && range.getUpperBound() >= 20
                && range.getUpperBound() < 1e3, "[" + range.getLowerBound() + ", " + range.getUpperBound() + "]");
        axis.setLogAxis(false);
        range = axis.autoRange(2e-308, 1e306, LENGTH, LABEL_SIZE);
        assertTrue(range.getLowerBound() <= -1 && range.getUpperBound() >= 20 && range.getUpperBound() < 100,
                "[" + range.getLowerBound() + ", " + range.getUpperBound() + "]");
        axis.limitTo(Extent.NONE);
        assertEquals(1e306, axis.autoRange(2e-308, 1e306, LENGTH, LABEL_SIZE).getUpperBound(), 1e300,
                "no limit: every value");
    }

    private static double[] logTicks(double lower, double upper) {
        ReadableAxis axis = new ReadableAxis("y", 0);
        axis.setLogAxis(true);
        return ticks(axis, lower, upper);
    }

    private static double[] ticks(ReadableAxis axis, double lower, double upper) {
        DoubleArrayList ticks = new DoubleArrayList();
        axis.calculateMajorTickValues(new AxisRange(lower, upper, LENGTH, 1, 1), ticks);
        return Arrays.copyOf(ticks.elements(), ticks.size());
    }

    /** ChartFX's axis, with its range computation reachable from here. */
    private static final class Plain extends DefaultNumericAxis {
        Plain() {
            super("y");
        }

        @Override
        protected AxisRange autoRange(double minValue, double maxValue, double length, double labelSize) {
            return super.autoRange(minValue, maxValue, length, labelSize);
        }
    }
}
