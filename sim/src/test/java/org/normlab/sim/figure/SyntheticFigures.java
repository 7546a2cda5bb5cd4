package org.normlab.sim.figure;

import java.awt.Color;
import java.util.List;

/** Figures from closed-form data, with the features the writers must handle: symbols, log axes, gaps, guides. */
final class SyntheticFigures {
    static final Color BLUE = new Color(0x0072B2);
    static final Color ORANGE = new Color(0xD55E00);
    static final Color GREEN = new Color(0x009E73);
    static final Color GUIDE = new Color(0x555555);
    static final int POINTS = 2000;

    private SyntheticFigures() {
    }

    /** Two panels: a decaying loss on a log axis (one curve with a NaN gap) and a sharpness rising to 2/η. */
    static Figure twoPanels(Style style) {
        double[] steps = new double[POINTS];
        double[] fast = new double[POINTS];
        double[] slow = new double[POINTS];
        double[] sharpness = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            steps[i] = i;
            fast[i] = 2.3 * Math.exp(-i / 150.0) + 1e-3;
            slow[i] = i >= 700 && i < 720 ? Double.NaN : 2.3 * Math.exp(-i / 600.0) + 1e-2;
            sharpness[i] = 20 * (1 - Math.exp(-i / 300.0)) + Math.sin(i / 7.0);
        }
        Panel loss = new Panel(Label.of("training loss"), Axis.linear("step"), Axis.log("loss"), List.of(
                new Curve("SGD η=0.1", BLUE, LineStyle.SOLID, steps, fast),
                new Curve("Adam", ORANGE, LineStyle.DASHED, steps, slow)), List.of(), true);
        Panel edge = new Panel(Label.of("edge of stability"), Axis.linear("step"), Axis.linear("λ_max(H)"), List.of(
                new Curve("GD", GREEN, LineStyle.SOLID, steps, sharpness)),
                List.of(Guide.horizontal("2/η", 20, GUIDE)), true);
        return new Figure("synthetic", List.of(loss, edge), 2, style);
    }

    static Style doubleColumn() {
        return Style.of(Style.Width.DOUBLE_COLUMN, 2.4);
    }
}
