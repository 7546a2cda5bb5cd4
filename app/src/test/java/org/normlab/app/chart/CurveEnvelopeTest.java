package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.normlab.app.chart.CurveEnvelope.Piece;

/** The band and line of means a curve is drawn as: columns worked out by hand, and invariants of random curves. */
class CurveEnvelopeTest {
    private static final double EXACT = 1e-12;

    /** Columns 6 wide: x 0, 2, 4 fall in [0, 6); 6, 8 in [6, 12); 13 in [12, 18). */
    @Test
    void eachColumnKeepsItsLeastGreatestAndMeanAtItsPointsMeanX() {
        double[] x = {0, 2, 4, 6, 8, 13};
        double[] y = {5, 1, 3, 10, 20, 7};
        CurveEnvelope envelope = CurveEnvelope.of(x, y, x.length, 6);
        assertEquals(1, envelope.pieces().size());
        Piece piece = envelope.pieces().get(0);
        assertArrayEquals(new double[]{2, 7, 13}, piece.x(), EXACT);
        assertArrayEquals(new double[]{1, 10, 7}, piece.least(), EXACT);
        assertArrayEquals(new double[]{5, 20, 7}, piece.greatest(), EXACT);
        assertArrayEquals(new double[]{3, 15, 7}, piece.mean(), EXACT);
        assertTrue(piece.hasBand());
    }

    /** One point per column: the line goes through every point, and there is no band to fill. */
    @Test
    void aSparseCurveIsDrawnThroughItsPoints() {
        double[] x = {3, 30, 90};
        double[] y = {1, 4, 2};
        Piece piece = CurveEnvelope.of(x, y, 3, 6).pieces().get(0);
        assertArrayEquals(x, piece.x(), EXACT);
        assertArrayEquals(y, piece.mean(), EXACT);
        assertArrayEquals(y, piece.least(), EXACT);
        assertArrayEquals(y, piece.greatest(), EXACT);
        assertFalse(piece.hasBand());
    }

    /** A gap (NaN) splits the curve; points past {@code n} and points without an x are not drawn. */
    @Test
    void aGapEndsAPiece() {
        double[] x = {0, 1, 7, Double.NaN, 20, 30, 40};
        double[] y = {1, 2, Double.NaN, 9, 3, 4, 99};
        CurveEnvelope envelope = CurveEnvelope.of(x, y, 6, 6);
        assertEquals(2, envelope.pieces().size());
        assertArrayEquals(new double[]{0.5}, envelope.pieces().get(0).x(), EXACT);
        assertArrayEquals(new double[]{1.5}, envelope.pieces().get(0).mean(), EXACT);
        assertArrayEquals(new double[]{20, 30}, envelope.pieces().get(1).x(), EXACT);
        assertArrayEquals(new double[]{3, 4}, envelope.pieces().get(1).mean(), EXACT);
    }

    /**
     * Whatever the noise: at most one column per 6 units of x, in order; every point lies within its column's band
     * (so no spike is lost), and each mean lies within it.
     */
    @Test
    void noPointFallsOutsideTheBand() {
        Random random = new Random(11);
        int n = 2000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.55;
            y[i] = 100 + 30 * random.nextGaussian() + (random.nextInt(50) == 0 ? 400 : 0);
        }
        Piece piece = CurveEnvelope.of(x, y, n, 6).pieces().get(0);
        assertTrue(piece.columns() <= Math.ceil(x[n - 1] / 6) + 1);
        for (int c = 1; c < piece.columns(); c++) {
            assertTrue(piece.x()[c] > piece.x()[c - 1]);
        }
        for (int c = 0; c < piece.columns(); c++) {
            assertTrue(piece.least()[c] <= piece.mean()[c] + EXACT && piece.mean()[c] <= piece.greatest()[c] + EXACT);
        }
        for (int i = 0; i < n; i++) {
            int column = columnOf(piece, x[i]);
            assertTrue(piece.least()[column] <= y[i] && y[i] <= piece.greatest()[column], "point " + i);
        }
    }

    @Test
    void aColumnWidthThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CurveEnvelope.of(new double[0], new double[0], 0, 0));
    }

    /** The column whose points' mean x is nearest: columns are 6 wide and their mean x lies inside them. */
    private static int columnOf(Piece piece, double x) {
        for (int c = 0; c < piece.columns(); c++) {
            if (Math.floor(piece.x()[c] / 6) == Math.floor(x / 6)) {
                return c;
            }
        }
        throw new AssertionError("no column for x " + x);
    }
}
