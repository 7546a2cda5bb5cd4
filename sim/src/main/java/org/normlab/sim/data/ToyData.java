package org.normlab.sim.data;

import java.util.Random;

/**
 * Seeded generators of small classification sets. Example i has class {@code i mod classes}, so classes are
 * balanced (teacher–student excepted: its teacher decides). The 2-D sets are centred at the origin and lie in about
 * [−1, 1]² before isotropic Gaussian noise of standard deviation {@code noise} is added to every coordinate.
 */
public final class ToyData {

    /** Hidden width of the teacher network of {@link #teacherStudent}. */
    public static final int TEACHER_WIDTH = 32;
    /** Spirals, moons, circles and XOR: two classes in the plane. */
    public static final int PLANAR_CLASSES = 2;

    private ToyData() {
    }

    /** Where a noise-free point of class {@code label} falls; draws what it needs from {@code random}. */
    private interface Shape {
        double[] point(int label, Random random);
    }

    /** Two interleaved spirals of 1.5 turns each, radius growing from 0 to 1. */
    public static Dataset spirals(int n, double noise, long seed) {
        return planar("spirals", n, noise, seed, (label, random) -> {
            double t = random.nextDouble();
            double angle = 3 * Math.PI * t + Math.PI * label;
            return new double[] {t * Math.cos(angle), t * Math.sin(angle)};
        });
    }

    /** Two interleaving half circles (scikit-learn's moons), shifted to the origin and scaled into [−1, 1]. */
    public static Dataset moons(int n, double noise, long seed) {
        double scale = 2.0 / 3.0;
        return planar("moons", n, noise, seed, (label, random) -> {
            double angle = Math.PI * random.nextDouble();
            double x = label == 0 ? Math.cos(angle) : 1 - Math.cos(angle);
            double y = label == 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
            return new double[] {scale * (x - 0.5), scale * (y - 0.25)};
        });
    }

    /** Two concentric circles: class 0 of radius 1, class 1 of radius 1/2. */
    public static Dataset circles(int n, double noise, long seed) {
        return planar("circles", n, noise, seed, (label, random) -> {
            double angle = 2 * Math.PI * random.nextDouble();
            double radius = label == 0 ? 1.0 : 0.5;
            return new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
        });
    }

    /** Uniform points of the square [−1, 1]²: class 0 in the quadrants where x·y &gt; 0, class 1 in the others. */
    public static Dataset xor(int n, double noise, long seed) {
        return planar("xor", n, noise, seed, (label, random) -> {
            double signX = random.nextBoolean() ? 1 : -1;
            double signY = label == 0 ? signX : -signX;
            return new double[] {signX * random.nextDouble(), signY * random.nextDouble()};
        });
    }

    /**
     * Isotropic Gaussian blobs in R^dimension (dimension ≥ 2): the class centres lie evenly spaced on the unit circle
     * of a seeded random plane through the origin, so neighbouring centres are {@code 2 sin(π/classes)} apart for
     * every seed; {@code noise} is the standard deviation of each blob.
     */
    public static Dataset blobs(int n, int classes, int dimension, double noise, long seed) {
        check(n, noise);
        atLeast("classes", classes, 2);
        atLeast("dimension", dimension, 2);
        Random random = new Random(seed);
        double[][] plane = Orthonormal.vectors(dimension, 2, random);
        double[][] features = new double[n][dimension];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            double angle = 2 * Math.PI * labels[i] / classes;
            for (int k = 0; k < dimension; k++) {
                features[i][k] = Math.cos(angle) * plane[0][k] + Math.sin(angle) * plane[1][k]
                        + noise * random.nextGaussian();
            }
        }
        return new Dataset("blobs", features, labels, classes);
    }

    /**
     * Standard Gaussian inputs in R^dimension labelled by a seeded random teacher: a tanh MLP {@code dimension →}
     * {@value #TEACHER_WIDTH} {@code → classes} without biases, label = argmax of its outputs. Hidden weights are
     * N(0, 1/dimension), so the hidden units work in tanh's curved range; output rows are random unit vectors, so
     * no class dominates by weight scale. Classes are roughly, not exactly, balanced.
     */
    public static Dataset teacherStudent(int n, int dimension, int classes, long seed) {
        atLeast("n", n, 1);
        atLeast("dimension", dimension, 1);
        atLeast("classes", classes, 2);
        Random random = new Random(seed);
        double[][] hidden = new double[TEACHER_WIDTH][dimension];
        for (double[] row : hidden) {
            for (int k = 0; k < dimension; k++) {
                row[k] = random.nextGaussian() / Math.sqrt(dimension);
            }
        }
        double[][] output = new double[classes][];
        for (int c = 0; c < classes; c++) {
            output[c] = Orthonormal.vectors(TEACHER_WIDTH, 1, random)[0];
        }
        double[][] features = new double[n][dimension];
        int[] labels = new int[n];
        double[] h = new double[TEACHER_WIDTH];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dimension; k++) {
                features[i][k] = random.nextGaussian();
            }
            for (int u = 0; u < TEACHER_WIDTH; u++) {
                h[u] = Math.tanh(Orthonormal.dot(hidden[u], features[i]));
            }
            for (int c = 1; c < classes; c++) {
                if (Orthonormal.dot(output[c], h) > Orthonormal.dot(output[labels[i]], h)) {
                    labels[i] = c;
                }
            }
        }
        return new Dataset("teacher-student", features, labels, classes);
    }

    private static Dataset planar(String name, int n, double noise, long seed, Shape shape) {
        check(n, noise);
        Random random = new Random(seed);
        double[][] features = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % PLANAR_CLASSES;
            features[i] = shape.point(labels[i], random);
            for (int k = 0; k < 2; k++) {
                features[i][k] += noise * random.nextGaussian();
            }
        }
        return new Dataset(name, features, labels, PLANAR_CLASSES);
    }

    private static void check(int n, double noise) {
        atLeast("n", n, 1);
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite number >= 0, was " + noise);
        }
    }

    private static void atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", was " + value);
        }
    }
}
