package org.normlab.app.chart;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;

/**
 * The charts' DataSets, which leave undefined limits alone while no value could define them. ChartFX re-derives the
 * limits of a DataSet whose limits are undefined before every pulse of its chart, and takes the NaN it sets again
 * for a change (NaN ≠ NaN): the change marks the chart dirty, which asks for the next pulse, which re-derives them
 * again. An empty line (a theory or threshold not recorded yet, no undecided estimate) or one of NaN values only thus
 * had its chart laid out and redrawn on every pulse, as long as the window was open.
 */
final class SteadyDataSets {
    private SteadyDataSets() {
    }

    static final class Line extends DoubleDataSet {
        Line(String name) {
            super(name);
        }

        @Override
        public DataSet recomputeLimits(int dimension) {
            return undefinable(this, dimension) ? this : super.recomputeLimits(dimension);
        }
    }

    static final class Bars extends DoubleErrorDataSet {
        Bars(String name) {
            super(name);
        }

        @Override
        public DoubleErrorDataSet recomputeLimits(int dimension) {
            return undefinable(this, dimension) ? this : super.recomputeLimits(dimension);
        }
    }

    /** Whether {@code data}'s limits along {@code dimension} are undefined and no value of it could define them. */
    private static boolean undefinable(DataSet data, int dimension) {
        if (data.getAxisDescription(dimension).isDefined()) {
            return false;
        }
        for (int i = 0; i < data.getDataCount(); i++) {
            if (Double.isFinite(data.get(dimension, i))) {
                return false;
            }
        }
        return true;
    }
}
