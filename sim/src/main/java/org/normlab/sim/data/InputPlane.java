package org.normlab.sim.data;

import java.util.Objects;

/**
 * The plane a data set was generated in, and the exact affine map {@link DataSpec#load} applies to its points on
 * their way to the network: {@code p ↦ standardize(Q p)}, where Q embeds the plane (identity without embedding).
 * Made by {@link DataSpec#inputPlane}; immutable by convention, like {@link Dataset}.
 *
 * @param points          the training points in plane coordinates, in the order of the loaded training set
 * @param embedding       the two columns of Q, each as long as the network's input
 * @param standardization fitted on the embedded training points (the identity when the data is not standardized)
 * @param extent          a square around the training points with a margin: the part of the plane worth looking at
 */
public record InputPlane(Dataset points, double[][] embedding, Standardization standardization, Extent extent) {
    /** Space left around the training points on each side, as a share of the larger side of their bounding box. */
    private static final double MARGIN = 0.1;

    public InputPlane {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(extent, "extent");
        if (embedding.length != 2 || embedding[0].length != embedding[1].length) {
            throw new IllegalArgumentException("embedding must have two columns of equal length, had "
                    + embedding.length);
        }
        if (standardization.mean().length != embedding[0].length) {
            throw new IllegalArgumentException("standardization has " + standardization.mean().length
                    + " features but the embedding " + embedding[0].length);
        }
    }

    /** The plane of {@code points} (2-D) under {@code embedding} and {@code standardization}, framed by them. */
    static InputPlane of(Dataset points, double[][] embedding, Standardization standardization) {
        return new InputPlane(points, embedding, standardization, Extent.around(points));
    }

    /** The network's input at plane point (x, y), as a new array. */
    public double[] input(double x, double y) {
        return standardization.apply(Embedding.embed(new double[] {x, y}, embedding));
    }

    /** The dimension of the network's input. */
    public int inputDimension() {
        return embedding[0].length;
    }

    /** A rectangle of the plane, [xMin, xMax] × [yMin, yMax]. */
    public record Extent(double xMin, double xMax, double yMin, double yMax) {

        public Extent {
            if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax)) {
                throw new IllegalArgumentException("xMin and xMax must be finite with xMin < xMax, were " + xMin
                        + " and " + xMax);
            }
            if (!(Double.isFinite(yMin) && Double.isFinite(yMax) && yMin < yMax)) {
                throw new IllegalArgumentException("yMin and yMax must be finite with yMin < yMax, were " + yMin
                        + " and " + yMax);
            }
        }

        /** The square centred on the bounding box of {@code points}, {@link #MARGIN} larger on every side. */
        static Extent around(Dataset points) {
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (double[] p : points.features()) {
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                yMin = Math.min(yMin, p[1]);
                yMax = Math.max(yMax, p[1]);
            }
            double side = Math.max(xMax - xMin, yMax - yMin);
            // A single point (or one repeated) still gets a square to look at.
            double half = (side > 0 ? side : 1) * (0.5 + MARGIN);
            double xCentre = (xMin + xMax) / 2;
            double yCentre = (yMin + yMax) / 2;
            return new Extent(xCentre - half, xCentre + half, yCentre - half, yCentre + half);
        }

        /** The x of the centre of column {@code column} when the width is cut into {@code cells} columns. */
        public double cellX(int column, int cells) {
            return xMin + (column + 0.5) * (xMax - xMin) / cells;
        }

        /** The y of the centre of row {@code row} when the height is cut into {@code cells} rows, row 0 on top. */
        public double cellY(int row, int cells) {
            return yMax - (row + 0.5) * (yMax - yMin) / cells;
        }
    }
}
