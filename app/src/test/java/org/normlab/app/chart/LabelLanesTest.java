package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabelLanesTest {
    @Test
    void labelsApartShareTheFirstLane() {
        assertArrayEquals(new int[] {0, 0, 0}, LabelLanes.assign(new double[] {0, 60, 120}, new double[] {50, 50, 50},
                4, 3));
    }

    @Test
    void overlappingLabelsStackInTheOrderOfTheirLeftEdges() {
        // Given out of order: the one at 10 comes first along the axis, then 30 overlaps it, then 200 is free again.
        int[] lanes = LabelLanes.assign(new double[] {30, 10, 200, 40}, new double[] {50, 50, 50, 50}, 4, 3);
        assertArrayEquals(new int[] {1, 0, 0, 2}, lanes);
    }

    @Test
    void aLaneIsFreeOnlyAGapAfterItsLastLabel() {
        assertArrayEquals(new int[] {0, 1, 0}, LabelLanes.assign(new double[] {0, 52, 54}, new double[] {50, 10, 10},
                4, 2));
    }

    @Test
    void labelsBeyondTheLanesAreLeftOut() {
        assertArrayEquals(new int[] {0, 1, LabelLanes.NONE, 0}, LabelLanes.assign(new double[] {0, 1, 2, 100},
                new double[] {50, 50, 50, 50}, 4, 2));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LabelLanes.assign(new double[2], new double[1], 4, 2));
        assertThrows(IllegalArgumentException.class, () -> LabelLanes.assign(new double[1], new double[1], 4, 0));
    }
}
