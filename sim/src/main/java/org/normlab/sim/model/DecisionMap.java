package org.normlab.sim.model;

import java.util.Objects;
import org.normlab.sim.data.InputPlane;

/**
 * What a network decides over a square grid of an {@link InputPlane}'s extent at one step: per cell the predicted
 * class and a confidence in [1/k, 1] for k classes (1/k = undecided). Made by {@link DecisionMapper}; immutable.
 *
 * <p>Cells are numbered row by row, {@code row · gridSize + column}; row 0 is the top of the extent (largest y),
 * column 0 its left (smallest x), as an image is drawn. A cell's value is the network's at the cell's centre.
 *
 * @param plane      the plane and its extent, with the training points in plane coordinates
 * @param step       the run's step whose parameters were mapped
 * @param gridSize   cells per side
 * @param classes    the network's number of classes k
 * @param predicted  the predicted class of every cell (copied; the accessor returns a copy)
 * @param confidence the confidence of every cell (copied; the accessor returns a copy)
 */
public record DecisionMap(InputPlane plane, long step, int gridSize, int classes, int[] predicted,
                          double[] confidence) {

    public DecisionMap {
        Objects.requireNonNull(plane, "plane");
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
        if (gridSize < 1) {
            throw new IllegalArgumentException("gridSize must be >= 1, was " + gridSize);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        int cells = gridSize * gridSize;
        if (predicted.length != cells || confidence.length != cells) {
            throw new IllegalArgumentException("predicted and confidence must have gridSize² = " + cells
                    + " entries, had " + predicted.length + " and " + confidence.length);
        }
        predicted = predicted.clone();
        confidence = confidence.clone();
    }

    public InputPlane.Extent extent() {
        return plane.extent();
    }

    /** The x of the centre of the cells in {@code column}. */
    public double x(int column) {
        return plane.extent().cellX(column, gridSize);
    }

    /** The y of the centre of the cells in {@code row} (row 0 at the top). */
    public double y(int row) {
        return plane.extent().cellY(row, gridSize);
    }

    public int predicted(int row, int column) {
        return predicted[row * gridSize + column];
    }

    public double confidence(int row, int column) {
        return confidence[row * gridSize + column];
    }

    @Override
    public int[] predicted() {
        return predicted.clone();
    }

    @Override
    public double[] confidence() {
        return confidence.clone();
    }
}
