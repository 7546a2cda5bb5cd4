package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.app.chart.HealthyRange.Curve;
import org.normlab.app.session.PointSeries.Extent;

/** A run that diverged at learning rate 1e308 beside two healthy ones, as the effective-LR and sharpness charts see. */
class HealthyRangeTest {
    private static final Curve SGD = new Curve("sgd", new Extent(0.04, 0.1, 0.04), true);
    private static final Curve SGD_THRESHOLD = new Curve("sgd", new Extent(20, 20, 20), true);
    private static final Curve MOMENTUM = new Curve("momentum", new Extent(0.02, 0.3, 0.02), true);
    /** Its step-0 effective learning rate and its threshold 2/η. */
    private static final Curve WILD = new Curve("wild", new Extent(1e306, 1e306, 1e306), false);
    private static final Curve WILD_THRESHOLD = new Curve("wild", new Extent(2e-308, 2e-308, 2e-308), false);

    @Test
    void theHealthyRunsSetTheRangeAndTheDivergedOneIsOffScaleOnBothSides() {
        HealthyRange range = HealthyRange.of(List.of(SGD, SGD_THRESHOLD, WILD, MOMENTUM, WILD_THRESHOLD), true);
        assertEquals(new Extent(0.02, 20, 0.02), range.extent());
        assertEquals(List.of("wild"), range.above());
        assertEquals(List.of("wild"), range.below());
    }

    @Test
    void aDivergedRunWithinTheHealthyRangeIsNotOffScale() {
        Curve tame = new Curve("tame", new Extent(0.05, 0.09, 0.05), false);
        HealthyRange range = HealthyRange.of(List.of(SGD, tame), false);
        assertEquals(SGD.extent(), range.extent());
        assertEquals(List.of(), range.above());
        assertEquals(List.of(), range.below());
    }

    @Test
    void onALogAxisOnlyPositiveValuesReachBelow() {
        Curve signed = new Curve("signed", new Extent(-5, 0.05, 0.05), false);
        assertEquals(List.of(), HealthyRange.of(List.of(SGD, signed), true).below(), "-5 is not drawn on a log axis");
        assertEquals(List.of("signed"), HealthyRange.of(List.of(SGD, signed), false).below());
    }

    @Test
    void withNoHealthyRunEveryValueCounts() {
        HealthyRange range = HealthyRange.of(List.of(WILD, WILD_THRESHOLD), true);
        assertEquals(new Extent(2e-308, 1e306, 2e-308), range.extent());
        assertEquals(List.of(), range.above());
        assertEquals(List.of(), range.below());
    }
}
