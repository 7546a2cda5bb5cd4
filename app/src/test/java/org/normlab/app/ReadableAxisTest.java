package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    void aLogRangeWithinADecadeIsLabelledAtOneTwoFiveOrEveryDigit() {
        assertArrayEquals(new double[] {0.02, 0.05}, logTicks(0.015, 0.09), 1e-15);
        assertArrayEquals(new double[] {30, 40, 50, 60, 70, 80}, logTicks(28, 85), 1e-12);
        assertArrayEquals(new double[] {200, 500, 1000, 2000}, logTicks(150, 2500), 1e-12);
    }

    @Test
    void aLogRangeOverDecadesKeepsChartFxsPowersOfTen() {
        assertArrayEquals(new double[] {1, 10, 100, 1000}, logTicks(0.5, 2000), 1e-12);
    }

    private static double[] logTicks(double lower, double upper) {
        ReadableAxis axis = new ReadableAxis("y", 0);
        axis.setLogAxis(true);
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
