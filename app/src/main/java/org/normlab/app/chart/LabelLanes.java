package org.normlab.app.chart;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which row ("lane") each of a chart's marker labels takes so that no two overlap: markers of different runs often
 * fall at nearly the same step (identical batches make them spike together), and their labels, all drawn at one
 * height, would print over each other. Going from left to right, a label takes the lowest lane whose last label ends
 * at least {@code gap} before it starts (the fewest lanes any placement can use: interval partitioning); a label
 * that finds no free lane among {@code lanes} gets none (−1) and is not drawn, its line and tooltip still are. Pure.
 */
final class LabelLanes {
    /** No lane: the label is left out. */
    static final int NONE = -1;

    private LabelLanes() {
    }

    /**
     * @param left  each label's left edge, in any order; not modified
     * @param width each label's width
     * @param gap   the least space between two labels in a lane
     * @param lanes how many lanes there are, ≥ 1
     * @return each label's lane, 0 the first, or {@link #NONE}, in the order given
     */
    static int[] assign(double[] left, double[] width, double gap, int lanes) {
        if (width.length != left.length) {
            throw new IllegalArgumentException("one width per label: " + left.length + " labels, " + width.length
                    + " widths");
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be >= 1, was " + lanes);
        }
        double[] laneEnd = new double[lanes];
        Arrays.fill(laneEnd, Double.NEGATIVE_INFINITY);
        int[] lane = new int[left.length];
        Arrays.fill(lane, NONE);
        Integer[] byLeft = IntStream.range(0, left.length).boxed().sorted(Comparator.comparingDouble(i -> left[i]))
                .toArray(Integer[]::new);
        for (int i : byLeft) {
            for (int l = 0; l < lanes; l++) {
                if (laneEnd[l] + gap <= left[i]) {
                    lane[i] = l;
                    laneEnd[l] = left[i] + width[i];
                    break;
                }
            }
        }
        return lane;
    }
}
