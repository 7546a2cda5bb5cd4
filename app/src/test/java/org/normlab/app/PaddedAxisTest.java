package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** A single value gets a range around it; every other range is ChartFX's own. */
class PaddedAxisTest {
    private static final double LENGTH = 400;
    private static final double LABEL_SIZE = 20;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aSingleValueSitsInsideItsRange() {
        for (double value : new double[] {0, 3.7, -2.5, 1e-9, 40_000}) {
            AxisRange range = new PaddedAxis("y", 0).autoRange(value, value, LENGTH, LABEL_SIZE);
            assertTrue(range.getLowerBound() < value && value < range.getUpperBound(),
                    value + " in [" + range.getLowerBound() + ", " + range.getUpperBound() + "]");
        }
    }

    @Test
    void aSingleStepGetsAtLeastTheLeastHalfWidth() {
        AxisRange range = new PaddedAxis("step", 10).autoRange(0, 0, LENGTH, LABEL_SIZE);
        assertTrue(range.getLowerBound() <= -10 && range.getUpperBound() >= 10,
                "[" + range.getLowerBound() + ", " + range.getUpperBound() + "]");
    }

    @Test
    void aSingleValueOnALogAxisStaysPositive() {
        PaddedAxis axis = new PaddedAxis("y", 0);
        axis.setLogAxis(true);
        AxisRange range = axis.autoRange(0.02, 0.02, LENGTH, LABEL_SIZE);
        assertTrue(range.getLowerBound() > 0 && range.getLowerBound() < 0.02 && 0.02 < range.getUpperBound(),
                "[" + range.getLowerBound() + ", " + range.getUpperBound() + "]");
    }

    @Test
    void aSpreadOfValuesGetsChartFxsOwnRange() {
        AxisRange padded = new PaddedAxis("y", 0).autoRange(-1.5, 8.25, LENGTH, LABEL_SIZE);
        AxisRange plain = new Plain().autoRange(-1.5, 8.25, LENGTH, LABEL_SIZE);
        assertEquals(plain.getLowerBound(), padded.getLowerBound());
        assertEquals(plain.getUpperBound(), padded.getUpperBound());
        assertEquals(plain.getTickUnit(), padded.getTickUnit());
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
