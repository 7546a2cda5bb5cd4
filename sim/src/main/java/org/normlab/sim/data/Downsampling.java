package org.normlab.sim.data;

/** Shrinks square images, stored row by row as features, by k×k average pooling (28×28 → 14×14 for k = 2). */
public final class Downsampling {
    private Downsampling() {
    }

    public static Dataset averagePool(Dataset data, int factor) {
        int side = (int) Math.round(Math.sqrt(data.dimension()));
        if (side * side != data.dimension()) {
            throw new IllegalArgumentException("downsampling needs square images, but data set '" + data.name()
                    + "' has " + data.dimension() + " features");
        }
        if (factor < 1 || side % factor != 0) {
            throw new IllegalArgumentException("downsample must be >= 1 and divide the image side " + side
                    + ", was " + factor);
        }
        int pooled = side / factor;
        double cell = (double) factor * factor;
        double[][] features = new double[data.size()][pooled * pooled];
        for (int i = 0; i < data.size(); i++) {
            double[] image = data.features()[i];
            double[] out = features[i];
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    out[(r / factor) * pooled + c / factor] += image[r * side + c] / cell;
                }
            }
        }
        return new Dataset(data.name(), features, data.labels().clone(), data.numClasses());
    }
}
