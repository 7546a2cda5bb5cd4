package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToyDataTest {

    private static final double EXACT = 1e-12;
    /** Allowance for sample means and standard deviations of a few thousand draws. */
    private static final double SAMPLING = 0.1;

    /** A generator with everything but the seed fixed. */
    private interface Generator {
        Dataset make(long seed);
    }

    private static final List<Generator> GENERATORS = List.of(
            seed -> ToyData.spirals(101, 0.1, seed),
            seed -> ToyData.moons(101, 0.1, seed),
            seed -> ToyData.circles(101, 0.1, seed),
            seed -> ToyData.xor(101, 0.1, seed),
            seed -> ToyData.blobs(101, 3, 5, 0.1, seed),
            seed -> ToyData.teacherStudent(101, 7, 4, seed));

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        for (Generator generator : GENERATORS) {
            Dataset a = generator.make(1);
            Dataset b = generator.make(1);
            Dataset c = generator.make(2);
            assertTrue(Arrays.deepEquals(a.features(), b.features()), a.name());
            assertArrayEquals(a.labels(), b.labels(), a.name());
            assertFalse(Arrays.deepEquals(a.features(), c.features()), a.name());
        }
    }

    @Test
    void requestedSizeDimensionAndClasses() {
        int[][] expected = {{2, 2}, {2, 2}, {2, 2}, {2, 2}, {5, 3}, {7, 4}};
        for (int g = 0; g < GENERATORS.size(); g++) {
            Dataset data = GENERATORS.get(g).make(3);
            assertEquals(101, data.size(), data.name());
            assertEquals(expected[g][0], data.dimension(), data.name());
            assertEquals(expected[g][1], data.numClasses(), data.name());
            for (int c = 0; c < data.numClasses(); c++) {
                assertTrue(count(data, c) > 0, data.name() + " has no example of class " + c);
            }
        }
    }

    @Test
    void planarSetsAreBalancedCentredAndInTheUnitSquare() {
        for (Dataset data : List.of(ToyData.spirals(2000, 0, 4), ToyData.moons(2000, 0, 4),
                ToyData.circles(2000, 0, 4), ToyData.xor(2000, 0, 4))) {
            assertEquals(1000, count(data, 0), data.name());
            assertEquals(1000, count(data, 1), data.name());
            for (int k = 0; k < 2; k++) {
                double mean = 0;
                for (double[] x : data.features()) {
                    assertTrue(Math.abs(x[k]) <= 1 + EXACT, data.name() + " leaves [-1, 1]: " + x[k]);
                    mean += x[k] / data.size();
                }
                assertEquals(0, mean, SAMPLING, data.name() + " mean of coordinate " + k);
            }
        }
    }

    @Test
    void noiseFreeCirclesAndXorFollowTheirRules() {
        Dataset circles = ToyData.circles(200, 0, 5);
        for (int i = 0; i < circles.size(); i++) {
            double[] x = circles.features()[i];
            assertEquals(circles.labels()[i] == 0 ? 1.0 : 0.5, Math.hypot(x[0], x[1]), EXACT);
        }
        Dataset xor = ToyData.xor(200, 0, 5);
        for (int i = 0; i < xor.size(); i++) {
            double[] x = xor.features()[i];
            assertEquals(xor.labels()[i] == 0, x[0] * x[1] > 0);
        }
    }

    @Test
    void noiseHasTheRequestedStandardDeviation() {
        double noise = 0.3;
        Dataset clean = ToyData.circles(4000, 0, 6);
        Dataset noisy = ToyData.circles(4000, noise, 6);
        double radiusSpread = 0;
        for (int i = 0; i < noisy.size(); i++) {
            double[] x = noisy.features()[i];
            double r = clean.labels()[i] == 0 ? 1.0 : 0.5;
            radiusSpread += Math.pow(Math.hypot(x[0], x[1]) - r, 2) / noisy.size();
        }
        // Radial deviations of isotropic 2-D noise have roughly the noise's standard deviation.
        assertEquals(noise, Math.sqrt(radiusSpread), SAMPLING);
    }

    @Test
    void blobCentresAreEvenlySpacedOnTheUnitCircle() {
        int classes = 5;
        Dataset blobs = ToyData.blobs(5000, classes, 8, 0.2, 7);
        double[][] centres = classMeans(blobs);
        for (int c = 0; c < classes; c++) {
            assertEquals(1.0, norm(centres[c]), SAMPLING);
            double[] gap = centres[(c + 1) % classes].clone();
            for (int k = 0; k < gap.length; k++) {
                gap[k] -= centres[c][k];
            }
            assertEquals(2 * Math.sin(Math.PI / classes), norm(gap), SAMPLING);
        }
        assertEquals(1000, count(blobs, 0));
    }

    @Test
    void teacherStudentInputsAreStandardGaussian() {
        Dataset data = ToyData.teacherStudent(5000, 6, 3, 8);
        for (int k = 0; k < data.dimension(); k++) {
            double mean = 0;
            double square = 0;
            for (double[] x : data.features()) {
                mean += x[k] / data.size();
                square += x[k] * x[k] / data.size();
            }
            assertEquals(0, mean, SAMPLING);
            assertEquals(1, Math.sqrt(square - mean * mean), SAMPLING);
        }
        for (int c = 0; c < 3; c++) {
            assertTrue(count(data, c) > data.size() / 10, "class " + c + " is nearly absent");
        }
    }

    @Test
    void teacherLabelsAreASmoothFunctionOfTheInputs() {
        // Nearest neighbours share a label far more often than the 1/3 that random labels would give.
        Dataset data = ToyData.teacherStudent(2000, 2, 3, 9);
        int agree = 0;
        for (int i = 0; i < data.size(); i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < data.size(); j++) {
                double distance = Math.hypot(data.features()[i][0] - data.features()[j][0],
                        data.features()[i][1] - data.features()[j][1]);
                if (j != i && distance < best) {
                    best = distance;
                    nearest = j;
                }
            }
            agree += data.labels()[i] == data.labels()[nearest] ? 1 : 0;
        }
        assertTrue(agree > 0.9 * data.size(), agree + " of " + data.size() + " agree with their nearest neighbour");
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("n must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> ToyData.spirals(0, 0.1, 1)).getMessage());
        assertEquals("noise must be a finite number >= 0, was -1.0",
                assertThrows(IllegalArgumentException.class, () -> ToyData.moons(10, -1, 1)).getMessage());
        assertEquals("classes must be >= 2, was 1",
                assertThrows(IllegalArgumentException.class, () -> ToyData.blobs(10, 1, 2, 0.1, 1)).getMessage());
        assertEquals("dimension must be >= 2, was 1",
                assertThrows(IllegalArgumentException.class, () -> ToyData.blobs(10, 2, 1, 0.1, 1)).getMessage());
    }

    static int count(Dataset data, int label) {
        return (int) Arrays.stream(data.labels()).filter(l -> l == label).count();
    }

    private static double[][] classMeans(Dataset data) {
        double[][] means = new double[data.numClasses()][data.dimension()];
        for (int i = 0; i < data.size(); i++) {
            int c = data.labels()[i];
            for (int k = 0; k < data.dimension(); k++) {
                means[c][k] += data.features()[i][k];
            }
        }
        for (int c = 0; c < means.length; c++) {
            int members = count(data, c);
            for (int k = 0; k < means[c].length; k++) {
                means[c][k] /= members;
            }
        }
        return means;
    }

    private static double norm(double[] v) {
        return Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
    }
}
