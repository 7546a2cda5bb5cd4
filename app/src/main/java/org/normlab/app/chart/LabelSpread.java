package org.normlab.app.chart;

import java.util.Arrays;

/**
 * Where labels stacked along one axis go so that no two overlap and all lie within [0, length]: each as near its
 * wanted position as can be (least squares), none passing another. With the labels sorted by wanted position,
 * {@code y[i+1] ≥ y[i] + h[i]} becomes {@code z[i+1] ≥ z[i]} for {@code z[i] = y[i] − (h[0] + … + h[i−1])}, so the
 * nearest positions are the isotonic regression of the wanted ones in {@code z} (pool adjacent violators: a run of
 * labels pushed together sits at its members' mean), clipped to the room left — which keeps it optimal, since every
 * {@code z} shares the bounds [0, length − Σh]. Labels taller together than {@code length} start at 0 and overflow
 * its far end.
 */
final class LabelSpread {
    private LabelSpread() {
    }

    /**
     * @param wanted  each label's wanted start (its top, say), in any order; not modified
     * @param heights each label's extent along the axis
     * @param length  the room, from 0
     * @return each label's start, in the order given
     */
    static double[] spread(double[] wanted, double[] heights, double length) {
        int n = wanted.length;
        if (heights.length != n) {
            throw new IllegalArgumentException("one height per label: " + n + " labels, " + heights.length + " heights");
        }
        // Sorted by wanted position; equal positions keep the order given.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(wanted[a], wanted[b]));
        double[] before = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            before[k] = total;
            total += heights[order[k]];
        }
        // Pool adjacent violators over z = wanted − the heights before it: blocks of equal z, each at its mean.
        double[] blockSum = new double[n];
        int[] blockSize = new int[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            blockSum[blocks] = wanted[order[k]] - before[k];
            blockSize[blocks] = 1;
            blocks++;
            while (blocks > 1 && blockSum[blocks - 2] / blockSize[blocks - 2]
                    > blockSum[blocks - 1] / blockSize[blocks - 1]) {
                blockSum[blocks - 2] += blockSum[blocks - 1];
                blockSize[blocks - 2] += blockSize[blocks - 1];
                blocks--;
            }
        }
        double room = Math.max(0, length - total);
        double[] start = new double[n];
        int k = 0;
        for (int b = 0; b < blocks; b++) {
            double z = Math.min(room, Math.max(0, blockSum[b] / blockSize[b]));
            for (int j = 0; j < blockSize[b]; j++, k++) {
                start[order[k]] = z + before[k];
            }
        }
        return start;
    }
}
