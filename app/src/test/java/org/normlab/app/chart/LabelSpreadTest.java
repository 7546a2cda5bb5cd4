package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spreading stacked labels apart: exact positions worked out by hand (least squares, in order, within the room). */
class LabelSpreadTest {
    private static final double EXACT = 1e-12;

    @Test
    void labelsThatDoNotOverlapStayWhereTheyWant() {
        assertArrayEquals(new double[]{50, 10, 30}, LabelSpread.spread(new double[]{50, 10, 30},
                new double[]{20, 20, 20}, 100), EXACT);
    }

    /** Three labels of height 10 all wanting 40: the middle one keeps 40, the others move 10 either way. */
    @Test
    void aCrowdSpreadsEvenlyAboutWhereItWants() {
        assertArrayEquals(new double[]{30, 40, 50}, LabelSpread.spread(new double[]{40, 40, 40},
                new double[]{10, 10, 10}, 100), EXACT);
    }

    /**
     * Two labels (heights 10 and 30) wanting 0 and 5: z = 0 and 5 − 10 = −5 pool to −2.5, so 2.5 below the wanted
     * starts would put the first at −2.5; clipped to the room, it starts at 0 and the second at 10.
     */
    @Test
    void aCrowdAtAnEdgeIsPushedInsideAndKeepsItsOrder() {
        assertArrayEquals(new double[]{0, 10}, LabelSpread.spread(new double[]{0, 5}, new double[]{10, 30}, 100),
                EXACT);
        // At the far edge: both want 95 (heights 10) in a room of 100: they end flush with it.
        assertArrayEquals(new double[]{80, 90}, LabelSpread.spread(new double[]{95, 95}, new double[]{10, 10}, 100),
                EXACT);
    }

    /** Only the overlapping pair moves (each by 2.5, the least total square displacement); the third stays. */
    @Test
    void onlyTheLabelsThatOverlapMove() {
        double[] starts = LabelSpread.spread(new double[]{20, 25, 70}, new double[]{10, 10, 10}, 100);
        assertArrayEquals(new double[]{17.5, 27.5, 70}, starts, EXACT);
    }

    /** Whatever the wanted positions, the result keeps their order, never overlaps and stays in the room. */
    @Test
    void randomCrowdsNeverOverlap() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(8);
            double[] wanted = new double[n];
            double[] heights = new double[n];
            for (int i = 0; i < n; i++) {
                wanted[i] = 50 + 10 * random.nextGaussian();
                heights[i] = 5 + 10 * random.nextDouble();
            }
            double[] starts = LabelSpread.spread(wanted, heights, 200);
            for (int i = 0; i < n; i++) {
                assertTrue(starts[i] >= 0 && starts[i] + heights[i] <= 200 + EXACT, "inside the room");
                for (int j = 0; j < n; j++) {
                    if (wanted[i] < wanted[j]) {
                        assertTrue(starts[i] + heights[i] <= starts[j] + 1e-9, "in order, not overlapping");
                    }
                }
            }
        }
    }

    @Test
    void aHeightForEveryLabel() {
        assertEquals("one height per label: 2 labels, 1 heights", assertThrows(IllegalArgumentException.class,
                () -> LabelSpread.spread(new double[]{1, 2}, new double[]{1}, 10)).getMessage());
    }
}
