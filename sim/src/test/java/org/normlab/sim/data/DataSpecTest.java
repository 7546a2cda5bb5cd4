package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSpecTest {

    private static final double EXACT = 1e-12;
    private static final DataSpec SPIRALS = DataSpec.defaults(DataKind.SPIRALS);
    private static final DataSpec MNIST = DataSpec.defaults(DataKind.MNIST);

    @Test
    void defaultsOfEveryKindAreValidAndLoad() {
        for (DataKind kind : DataKind.values()) {
            DataSpec spec = DataSpec.defaults(kind);
            DataSpec small = kind == DataKind.MNIST ? spec.withSize(300) : spec;
            DataSpec.Split split = small.load(IdxTest.ASSETS);
            int n = kind == DataKind.MNIST ? 300 : 1000;
            assertEquals(n / 5, split.test().size(), kind.name());
            assertEquals(n - n / 5, split.train().size(), kind.name());
            assertEquals(spec.classes(), split.train().numClasses(), kind.name());
            assertEquals(spec.dimension(), split.train().dimension(), kind.name());
        }
    }

    @Test
    void loadIsDeterministicPerSeed() {
        DataSpec.Split a = SPIRALS.load(IdxTest.ASSETS);
        DataSpec.Split b = SPIRALS.load(IdxTest.ASSETS);
        DataSpec.Split c = SPIRALS.withSeed(1).load(IdxTest.ASSETS);
        assertArrayEquals(a.train().features(), b.train().features());
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertFalse(Arrays.deepEquals(a.train().features(), c.train().features()));
    }

    @Test
    void loadStandardizesWithTheTrainingSet() {
        DataSpec.Split split = SPIRALS.load(IdxTest.ASSETS);
        for (int k = 0; k < 2; k++) {
            double mean = 0;
            double square = 0;
            for (double[] x : split.train().features()) {
                mean += x[k] / split.train().size();
                square += x[k] * x[k] / split.train().size();
            }
            assertEquals(0, mean, EXACT);
            assertEquals(1, Math.sqrt(square - mean * mean), EXACT);
        }
    }

    /** The memory check sizes an experiment by {@code shape}: it is what {@code load} produces, read from headers. */
    @Test
    void theShapeIsWhatLoadProduces() {
        List<DataSpec> specs = new ArrayList<>();
        for (DataKind kind : DataKind.values()) {
            specs.add(kind == DataKind.MNIST ? DataSpec.defaults(kind).withSize(300) : DataSpec.defaults(kind));
        }
        specs.add(MNIST);
        specs.add(SPIRALS.withEmbedDimension(8).withTestFraction(0.3));
        specs.add(new DataSpec(DataKind.MNIST, 100, 0, 10, 784, 0, 2, true, 0.1, 1, null, null));
        for (DataSpec spec : specs) {
            DataSpec.Split split = spec.load(IdxTest.ASSETS);
            DataSpec.Shape shape = spec.shape(IdxTest.ASSETS);
            assertEquals(split.train().size(), shape.trainExamples(), spec.toString());
            assertEquals(split.test().size(), shape.testExamples(), spec.toString());
            assertEquals(split.train().dimension(), shape.dimension(), spec.toString());
            assertEquals(split.train().numClasses(), shape.classes(), spec.toString());
        }
    }

    @Test
    void loadEmbedsAndDownsamples() {
        DataSpec embedded = new DataSpec(DataKind.BLOBS, 200, 0.3, 3, 2, 16, 1, false, 0.25, 7, null, null);
        DataSpec.Split split = embedded.load(IdxTest.ASSETS);
        assertEquals(16, split.train().dimension());
        assertEquals(50, split.test().size());

        DataSpec pooled = new DataSpec(DataKind.MNIST, 100, 0, 10, 784, 0, 2, true, 0.1, 1, null, null);
        assertEquals(196, pooled.load(IdxTest.ASSETS).train().dimension());
    }

    @Test
    void mnistLoadsFromNamedFiles(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images.gz");
        Path labels = dir.resolve("labels.gz");
        Files.copy(IdxTest.ASSETS.resolve(DataSpec.SHIPPED_IMAGES), images);
        Files.copy(IdxTest.ASSETS.resolve(DataSpec.SHIPPED_LABELS), labels);
        DataSpec named = new DataSpec(DataKind.MNIST, 0, 0, 10, 784, 0, 1, false, 0, 1, images.toString(),
                labels.toString());
        DataSpec.Split split = named.load(Path.of("nowhere"));
        assertEquals(10000, split.train().size());
        assertEquals(0, split.test().size());

        DataSpec missing = new DataSpec(DataKind.MNIST, 0, 0, 10, 784, 0, 1, false, 0, 1, "missing-images.gz",
                labels.toString());
        DataFileException e = assertThrows(DataFileException.class, () -> missing.load(IdxTest.ASSETS));
        assertEquals("missing-images.gz: no such file", e.getMessage());
    }

    @Test
    void splitIsASeededPartition() {
        double[][] x = new double[50][];
        int[] y = new int[50];
        for (int i = 0; i < 50; i++) {
            x[i] = new double[] {i};
            y[i] = i % 3;
        }
        Dataset data = new Dataset("indexed", x, y, 3);
        DataSpec.Split split = DataSpec.Split.shuffled(data, 0.3, 4);
        assertEquals(15, split.test().size());
        assertEquals(35, split.train().size());
        boolean[] seen = new boolean[50];
        for (Dataset part : new Dataset[] {split.train(), split.test()}) {
            for (int i = 0; i < part.size(); i++) {
                int index = (int) part.features()[i][0];
                assertFalse(seen[index], "example " + index + " is in both parts");
                seen[index] = true;
                assertEquals(index % 3, part.labels()[i], "labels travel with their examples");
            }
        }
        assertArrayEquals(split.test().features(), DataSpec.Split.shuffled(data, 0.3, 4).test().features());
        assertFalse(Arrays.deepEquals(split.test().features(),
                DataSpec.Split.shuffled(data, 0.3, 5).test().features()));
        assertEquals(0, DataSpec.Split.shuffled(data, 0, 4).test().size());
    }

    @Test
    void everyFieldIsValidated() {
        assertInvalid("kind must be one of [SPIRALS, MOONS, CIRCLES, XOR, BLOBS, TEACHER_STUDENT, MNIST], was null",
                () -> new DataSpec(null, 10, 0, 2, 2, 0, 1, true, 0.2, 0, null, null));
        assertInvalid("size must be >= 1, was 0", () -> SPIRALS.withSize(0));
        assertInvalid("size must be >= 0 (0 = the whole file), was -1", () -> MNIST.withSize(-1));
        assertInvalid("noise must be a finite number >= 0, was -1.0", () -> SPIRALS.withNoise(-1));
        assertInvalid("noise must be a finite number >= 0, was NaN", () -> SPIRALS.withNoise(Double.NaN));
        assertInvalid("classes must be >= 2 for BLOBS, was 1",
                () -> new DataSpec(DataKind.BLOBS, 10, 0, 1, 2, 0, 1, true, 0.2, 0, null, null));
        assertInvalid("dimension must be >= 2 for BLOBS, was 1",
                () -> new DataSpec(DataKind.BLOBS, 10, 0, 2, 1, 0, 1, true, 0.2, 0, null, null));
        assertInvalid("dimension must be >= 1 for TEACHER_STUDENT, was 0",
                () -> new DataSpec(DataKind.TEACHER_STUDENT, 10, 0, 2, 0, 0, 1, true, 0.2, 0, null, null));
        assertInvalid("embedDimension must be >= 0 (0 = no embedding), was -3",
                () -> new DataSpec(DataKind.XOR, 10, 0, 2, 2, -3, 1, true, 0.2, 0, null, null));
        assertInvalid("embedDimension must be 0 or > 5 (the TEACHER_STUDENT input dimension), was 5",
                () -> new DataSpec(DataKind.TEACHER_STUDENT, 10, 0, 2, 5, 5, 1, true, 0.2, 0, null, null));
        assertInvalid("downsample must be >= 1, was 0",
                () -> new DataSpec(DataKind.MNIST, 0, 0, 10, 784, 0, 0, true, 0.2, 0, null, null));
        assertInvalid("downsample must be 1 for MOONS (it pools MNIST images), was 2",
                () -> new DataSpec(DataKind.MOONS, 10, 0, 2, 2, 0, 2, true, 0.2, 0, null, null));
        assertInvalid("testFraction must be in [0, 1), was 1.0", () -> SPIRALS.withTestFraction(1));
        assertInvalid("testFraction 0.9 leaves no training examples of 2; it must be smaller",
                () -> SPIRALS.withSize(2).withTestFraction(0.9));
        assertInvalid("images and labels must be null for CIRCLES (they name MNIST files), were a and b",
                () -> new DataSpec(DataKind.CIRCLES, 10, 0, 2, 2, 0, 1, true, 0.2, 0, "a", "b"));
        assertInvalid("images and labels must both be set or both be null (the shipped MNIST subset), were a and null",
                () -> new DataSpec(DataKind.MNIST, 0, 0, 10, 784, 0, 1, true, 0.2, 0, "a", null));
    }

    @Test
    void mnistChecksThatNeedTheFileComeAtLoad() {
        DataSpec badPooling = new DataSpec(DataKind.MNIST, 10, 0, 10, 784, 0, 3, true, 0.2, 0, null, null);
        assertInvalid("downsample must be >= 1 and divide the image side 28, was 3",
                () -> badPooling.load(IdxTest.ASSETS));
        DataSpec tooMany = MNIST.withSize(10001);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooMany.load(IdxTest.ASSETS));
        assertTrue(e.getMessage().startsWith("size must be in [0, 10000]"), e.getMessage());
    }

    private static void assertInvalid(String message, Supplier<Object> build) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::get).getMessage());
    }
}
