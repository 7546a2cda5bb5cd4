package org.normlab.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The plane slice's contour lines (marching squares with linear interpolation on each cell edge). */
class CurvatureFiguresTest {

    /** On a linear function the interpolation is exact: every contour point lies on the level set, in segments. */
    @Test
    void contourPointsOfALinearFunctionLieOnTheLevel() {
        double[] a = {-1, -0.5, 0, 0.5, 1};
        double[] b = {-1, 0, 1};
        double[][] loss = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                loss[i][j] = 2 * a[i] + 0.7 * b[j];
            }
        }
        double level = 0.3;
        double[][] xy = CurvatureFigures.contour(a, b, loss, level);
        assertTrue(xy[0].length >= 3 * 2, "the line crosses several cells");
        for (int k = 0; k < xy[0].length; k++) {
            if (k % 3 == 2) {
                assertTrue(Double.isNaN(xy[0][k]) && Double.isNaN(xy[1][k]), "a gap after each segment");
            } else {
                assertEquals(level, 2 * xy[0][k] + 0.7 * xy[1][k], 1e-12, "point " + k);
            }
        }
    }

    /** A level outside the values' range crosses no cell. */
    @Test
    void aLevelAboveEveryValueHasNoContour() {
        double[][] loss = {{0, 1}, {1, 2}};
        assertEquals(0, CurvatureFigures.contour(new double[] {0, 1}, new double[] {0, 1}, loss, 5)[0].length);
    }
}
