package org.normlab.sim.figure;

/** How an axis maps values to positions. */
public enum Scale {
    LINEAR,
    /** Base-10 logarithm: only positive values are drawn; others leave a gap. */
    LOG;

    /** The value in the axis's own coordinate (NaN where the axis cannot show it). */
    double map(double value) {
        if (this == LINEAR) {
            return value;
        }
        return value > 0 ? Math.log10(value) : Double.NaN;
    }

    /** The inverse of {@link #map}. */
    double unmap(double coordinate) {
        return this == LINEAR ? coordinate : Math.pow(10, coordinate);
    }
}
