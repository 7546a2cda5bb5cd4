package org.normlab.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.sim.curvature.SurveyFiles;
import org.normlab.sim.figure.ErrorBars;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureLayout;
import org.normlab.sim.figure.Panel;
import org.normlab.sim.figure.Style;

/**
 * The plane slice's contour lines (marching squares with linear interpolation on each cell edge), and the per-tensor
 * figure's error bars.
 */
class CurvatureFiguresTest {
    @TempDir
    Path temp;

    /**
     * Each tensor's λ_max bar carries its interval [θ, θ + b] and its trace bar the trace ± one standard error, as
     * error bars in the middle of each bar; the figure lays out cleanly at every width.
     */
    @Test
    void perTensorBarsCarryTheBoundAndTheStandardError() throws IOException {
        Files.writeString(temp.resolve(SurveyFiles.HESSIAN_DENSITY), "eigenvalue,density\n0,1\n1,2\n");
        Files.writeString(temp.resolve(SurveyFiles.LINE), "offset,loss,quadratic\n-1,2,2\n0,1,1\n1,2,2\n");
        Files.writeString(temp.resolve(SurveyFiles.LAYERS),
                "tensor,size,top_eig,error_bound,trace,trace_standard_error\n"
                        + "W0,64,1.15018,0.2,4.88174,0.437158\nW1,1024,7.79241,0.5,30.8891,2.2467\n");
        for (Style.Width width : Style.Width.values()) {
            Figure layers = CurvatureFigures.of(temp, "c-", width, "SansSerif", 8).stream()
                    .filter(f -> f.name().equals("c-layers")).findFirst().orElseThrow();
            assertEquals(List.of(), FigureLayout.of(layers).problems(), width.toString());
            Panel panel = layers.panels().get(0);
            ErrorBars top = panel.bars().get(0);
            ErrorBars trace = panel.bars().get(1);
            assertEquals(panel.curves().get(0).color(), top.color());
            assertEquals(panel.curves().get(1).color(), trace.color());
            assertEquals(List.of(-0.2, 0.8), java.util.Arrays.stream(top.x()).boxed().toList());
            assertEquals(List.of(0.2, 1.2), java.util.Arrays.stream(trace.x()).boxed().toList());
            assertEquals(List.of(1.15018, 7.79241), java.util.Arrays.stream(top.low()).boxed().toList());
            assertEquals(1.15018 + 0.2, top.high(0), 1e-15);
            assertEquals(4.88174 - 0.437158, trace.low(0), 1e-15);
            assertEquals(30.8891 + 2.2467, trace.high(1), 1e-15);
        }
    }

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
