package org.normlab.app.chart;

import java.util.ArrayList;
import java.util.List;
import org.normlab.app.session.PointSeries.Extent;

/**
 * The value range a chart shows when one run's values are far off every other's: that of the healthy curves (runs
 * that did not diverge) alone, so a run that diverged cannot squash the others to an edge with the values it had
 * before (a learning rate of 1e308 has an effective learning rate of ~1e306 and a threshold of ~2e-308 at step 0).
 * Its values beyond that range are off scale: the chart draws them past its edge and says so there. With no healthy
 * value at all the range is that of every curve.
 *
 * @param extent the extent to show
 * @param above  the runs with values above it, in curve order, each once
 * @param below  the runs with values below it
 */
record HealthyRange(Extent extent, List<String> above, List<String> below) {

    /** One curve of a chart: the run it belongs to, its values' extent, and whether that run is healthy. */
    record Curve(String run, Extent extent, boolean healthy) {
    }

    /** The range of {@code curves} on a linear axis, or on a log axis (where only positive values count). */
    static HealthyRange of(List<Curve> curves, boolean log) {
        Extent healthy = Extent.NONE;
        Extent all = Extent.NONE;
        for (Curve curve : curves) {
            all = all.union(curve.extent());
            if (curve.healthy()) {
                healthy = healthy.union(curve.extent());
            }
        }
        Extent shown = healthy.isEmpty() ? all : healthy;
        double lowest = log ? shown.leastPositive() : shown.min();
        List<String> above = new ArrayList<>();
        List<String> below = new ArrayList<>();
        for (Curve curve : curves) {
            Extent e = curve.extent();
            if (e.max() > shown.max() && !above.contains(curve.run())) {
                above.add(curve.run());
            }
            if ((log ? e.leastPositive() : e.min()) < lowest && !below.contains(curve.run())) {
                below.add(curve.run());
            }
        }
        return new HealthyRange(shown, List.copyOf(above), List.copyOf(below));
    }
}
