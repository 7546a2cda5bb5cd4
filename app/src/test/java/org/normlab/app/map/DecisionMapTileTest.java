package org.normlab.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** A map cell's color is JavaFX's own mix of white and the class color (to one level in 255: JavaFX mixes floats). */
class DecisionMapTileTest {
    @Test
    void aTintIsWhiteInterpolatedToTheColor() {
        for (Color color : new Color[] {Color.web("#F59322"), Color.web("#0877BD"), Color.BLACK, Color.WHITE}) {
            for (double amount : new double[] {0, 0.13, 0.3, 0.6, 1}) {
                Color mixed = Color.WHITE.interpolate(color, amount);
                int tint = DecisionMapTile.tint(color, amount);
                String what = color + " × " + amount + ": " + Integer.toHexString(tint);
                assertEquals(0xFF, tint >>> 24, what);
                assertEquals(channel(mixed.getRed()), tint >> 16 & 0xFF, 1, what);
                assertEquals(channel(mixed.getGreen()), tint >> 8 & 0xFF, 1, what);
                assertEquals(channel(mixed.getBlue()), tint & 0xFF, 1, what);
            }
        }
    }

    private static int channel(double value) {
        return (int) Math.round(value * 255);
    }
}
