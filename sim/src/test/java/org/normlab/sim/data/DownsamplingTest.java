package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DownsamplingTest {

    private static final double EXACT = 1e-12;

    @Test
    void averagesEachBlock() {
        // A 4×4 image whose pixel (r, c) is 4r + c; the 2×2 blocks average to 2.5, 4.5, 10.5 and 12.5.
        double[] image = new double[16];
        for (int p = 0; p < 16; p++) {
            image[p] = p;
        }
        Dataset data = new Dataset("square", new double[][] {image}, new int[] {1}, 2);
        Dataset pooled = Downsampling.averagePool(data, 2);
        assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5}, pooled.features()[0], EXACT);
        assertArrayEquals(new double[] {7.5}, Downsampling.averagePool(data, 4).features()[0], EXACT);
        assertArrayEquals(data.labels(), pooled.labels());
        assertEquals(2, pooled.numClasses());
    }

    @Test
    void shippedMnistBecomes14By14WithTheSameMeanIntensity() {
        Dataset mnist = Idx.mnist(IdxTest.ASSETS.resolve(DataSpec.SHIPPED_IMAGES),
                IdxTest.ASSETS.resolve(DataSpec.SHIPPED_LABELS), 50);
        Dataset pooled = Downsampling.averagePool(mnist, 2);
        assertEquals(196, pooled.dimension());
        for (int i = 0; i < mnist.size(); i++) {
            assertEquals(mean(mnist.features()[i]), mean(pooled.features()[i]), EXACT);
        }
    }

    @Test
    void refusesWhatItCannotPool() {
        Dataset notSquare = new Dataset("line", new double[][] {new double[5]}, new int[] {0}, 1);
        assertEquals("downsampling needs square images, but data set 'line' has 5 features",
                assertThrows(IllegalArgumentException.class, () -> Downsampling.averagePool(notSquare, 1))
                        .getMessage());
        Dataset square = new Dataset("square", new double[][] {new double[16]}, new int[] {0}, 1);
        assertEquals("downsample must be >= 1 and divide the image side 4, was 3",
                assertThrows(IllegalArgumentException.class, () -> Downsampling.averagePool(square, 3))
                        .getMessage());
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
