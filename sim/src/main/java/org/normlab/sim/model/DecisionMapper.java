package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.InputPlane;

/**
 * Computes {@link DecisionMap}s of one network over a grid of an {@link InputPlane}: the network's outputs in
 * eval-mode BatchNorm (as for prediction) at every cell centre, mapped to the network's inputs exactly as the
 * training data was. Cross-entropy networks: the class of the largest softmax probability, which is the
 * confidence. ½-MSE networks, trained towards one-hot targets: the largest output's class, with confidence
 * {@code 1/k + (1 − 1/k) · clamp(f_first − f_second, 0, 1)}, so a margin of a whole target unit counts as certain.
 *
 * <p>The outputs come from a private copy of the network that takes the current θ and running statistics for each
 * map: the network itself is only read, so its layers' cached inputs (which optimizers such as INSGD and the probes
 * read), its running statistics and its work arrays stay as training left them, and mapping never changes a
 * trajectory. Like the network, a mapper belongs to the run's thread.
 */
public final class DecisionMapper {
    /** Cells per side of the grid the lab draws. */
    public static final int GRID_SIZE = 64;

    private final Network network;
    private final Network copy;
    private final InputPlane plane;
    private final int gridSize;
    private final INDArray inputs;

    /**
     * @throws IllegalArgumentException if the plane's inputs do not fit the network, or {@code gridSize < 1}
     */
    public DecisionMapper(Network network, InputPlane plane, int gridSize) {
        if (plane.inputDimension() != network.spec().inputSize()) {
            throw new IllegalArgumentException("the plane maps to " + plane.inputDimension()
                    + " inputs but the network takes " + network.spec().inputSize());
        }
        if (gridSize < 1) {
            throw new IllegalArgumentException("gridSize must be >= 1, was " + gridSize);
        }
        this.network = network;
        this.copy = new Network(network.spec());
        this.plane = plane;
        this.gridSize = gridSize;
        InputPlane.Extent extent = plane.extent();
        double[][] cells = new double[gridSize * gridSize][];
        for (int row = 0; row < gridSize; row++) {
            for (int column = 0; column < gridSize; column++) {
                cells[row * gridSize + column] = plane.input(extent.cellX(column, gridSize),
                        extent.cellY(row, gridSize));
            }
        }
        this.inputs = Nd4j.createFromArray(cells);
    }

    /** The map of the network's current parameters and running statistics, labelled {@code step}. */
    public DecisionMap map(long step) {
        copy.copyPointFrom(network);
        int k = network.spec().outputSize();
        double[] outputs = copy.outputs(inputs, BatchNormMode.EVAL).data().asDouble();
        int cells = gridSize * gridSize;
        int[] predicted = new int[cells];
        double[] confidence = new double[cells];
        for (int cell = 0; cell < cells; cell++) {
            int row = cell * k;
            int first = 0;
            for (int c = 1; c < k; c++) {
                if (outputs[row + c] > outputs[row + first]) {
                    first = c;
                }
            }
            predicted[cell] = first;
            confidence[cell] = switch (network.spec().loss()) {
                case CROSS_ENTROPY -> largestSoftmax(outputs, row, k, outputs[row + first]);
                case HALF_MSE -> marginConfidence(outputs, row, k, first);
            };
        }
        return new DecisionMap(plane, step, gridSize, k, predicted, confidence);
    }

    /** max softmax = 1 / Σ exp(f_c − f_max), which never overflows. */
    private static double largestSoftmax(double[] outputs, int row, int k, double largest) {
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(outputs[row + c] - largest);
        }
        return 1 / sum;
    }

    private static double marginConfidence(double[] outputs, int row, int k, int first) {
        double second = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (c != first) {
                second = Math.max(second, outputs[row + c]);
            }
        }
        double margin = Math.min(Math.max(outputs[row + first] - second, 0), 1);
        return 1.0 / k + (1 - 1.0 / k) * margin;
    }
}
