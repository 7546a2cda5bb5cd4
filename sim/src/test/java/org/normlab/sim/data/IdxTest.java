package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {

    /** Maven runs the tests in the module folder, next to the project's assets. */
    static final Path ASSETS = Path.of("..", "assets");

    private static final double EXACT = 1e-12;

    /** Three 2×2 images with distinct pixels, 255 included to check unsigned reading. */
    private static final byte[] PIXELS = {0, 1, 2, 3, 10, 20, 30, 40, (byte) 255, (byte) 128, 7, 9};
    private static final byte[] LABELS = {4, 0, 9};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTrip(boolean gzip) throws IOException {
        Path images = write("images", gzip, header(Idx.IMAGES_MAGIC, 3, 2, 2), PIXELS);
        Path labels = write("labels", gzip, header(Idx.LABELS_MAGIC, 3), LABELS);

        assertEquals(new Idx.Header(3, 2, 2), Idx.imagesHeader(images));
        assertEquals(new Idx.Header(3, 1, 1), Idx.labelsHeader(labels));

        Dataset mnist = Idx.mnist(images, labels, 0);
        assertArrayEquals(new int[] {4, 0, 9}, mnist.labels());
        assertArrayEquals(new double[] {0, 1 / 255.0, 2 / 255.0, 3 / 255.0}, mnist.features()[0], EXACT);
        assertEquals("mnist", mnist.name());
        assertEquals(10, mnist.numClasses());
        assertArrayEquals(new double[] {10 / 255.0, 20 / 255.0, 30 / 255.0, 40 / 255.0}, mnist.features()[1], EXACT);
        assertArrayEquals(new double[] {1.0, 128 / 255.0, 7 / 255.0, 9 / 255.0}, mnist.features()[2], EXACT);
        assertEquals(2, Idx.mnist(images, labels, 2).size());
    }

    @Test
    void wrongMagic() throws IOException {
        Path labels = write("labels", false, header(Idx.LABELS_MAGIC, 3), LABELS);
        assertProblem(labels, "not an IDX images file (magic 2049, expected 2051)", () -> Idx.imagesHeader(labels));
    }

    @Test
    void truncatedPayload() throws IOException {
        Path images = write("images", true, header(Idx.IMAGES_MAGIC, 3, 2, 2), Arrays.copyOf(PIXELS, 10));
        Path labels = write("labels", false, header(Idx.LABELS_MAGIC, 3), LABELS);
        assertProblem(images, "truncated: the header promises 3 images of 2×2 (12 bytes) but 10 follow",
                () -> Idx.mnist(images, labels, 0));
    }

    @Test
    void truncatedHeader() throws IOException {
        Path images = write("images", false, Arrays.copyOf(header(Idx.IMAGES_MAGIC, 3, 2, 2), 9), new byte[0]);
        assertProblem(images, "truncated: an IDX images header has 16 bytes but the file has 9",
                () -> Idx.imagesHeader(images));
        Path empty = write("empty", false, new byte[0], new byte[0]);
        assertProblem(empty, "truncated: an IDX labels header has 8 bytes but the file has 0",
                () -> Idx.labelsHeader(empty));
    }

    @Test
    void trailingBytes() throws IOException {
        Path images = write("images", false, header(Idx.IMAGES_MAGIC, 3, 2, 2), PIXELS);
        Path labels = write("labels", false, header(Idx.LABELS_MAGIC, 3), new byte[] {1, 2, 3, 4});
        assertProblem(labels, "trailing bytes: the header promises 3 labels (3 bytes) but 4 follow",
                () -> Idx.mnist(images, labels, 0));
    }

    @Test
    void countMismatch() throws IOException {
        Path images = write("images", false, header(Idx.IMAGES_MAGIC, 3, 2, 2), PIXELS);
        Path labels = write("labels", false, header(Idx.LABELS_MAGIC, 2), Arrays.copyOf(LABELS, 2));
        assertProblem(labels, "holds 2 labels but " + images + " holds 3 images", () -> Idx.mnist(images, labels, 0));
    }

    @Test
    void labelOutsideTheTenClasses() throws IOException {
        Path images = write("images", false, header(Idx.IMAGES_MAGIC, 3, 2, 2), PIXELS);
        Path labels = write("labels", false, header(Idx.LABELS_MAGIC, 3), new byte[] {1, 12, 3});
        assertProblem(labels, "label 12 of example 1 is outside [0, 10)", () -> Idx.mnist(images, labels, 0));
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nowhere.gz");
        assertProblem(missing, "no such file", () -> Idx.imagesHeader(missing));
    }

    @Test
    void badGzip() throws IOException {
        Path garbage = dir.resolve("garbage.gz");
        Files.write(garbage, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.labelsHeader(garbage));
        assertTrue(e.getMessage().startsWith(garbage + ": not a valid gzip stream"), e.getMessage());

        Path cut = write("cut", true, header(Idx.IMAGES_MAGIC, 3, 2, 2), PIXELS);
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Path labels = write("labels", false, header(Idx.LABELS_MAGIC, 3), LABELS);
        e = assertThrows(DataFileException.class, () -> Idx.mnist(cut, labels, 0));
        assertTrue(e.getMessage().startsWith(cut + ": not a valid gzip stream"), e.getMessage());
    }

    /**
     * 2.8 million 28×28 images (2.2 GB unpacked, more than a Java array holds; 2 MB on disk): the first 1000 of them
     * load, exactly, without the rest being unpacked.
     */
    @Test
    void aHugeGzipFileLoadsOnlyTheExamplesUsed() throws IOException {
        int count = 2_800_000;
        Path images = dir.resolve("huge-images.gz");
        Path labels = dir.resolve("huge-labels.gz");
        byte[] first = new byte[784];
        for (int j = 0; j < first.length; j++) {
            first[j] = (byte) j;
        }
        LargeIdx.write(images, header(Idx.IMAGES_MAGIC, count, 28, 28), first, 784L * count);
        LargeIdx.write(labels, header(Idx.LABELS_MAGIC, count), new byte[] {7, 3}, count);

        Dataset mnist = Idx.mnist(images, labels, 1000);

        assertEquals(1000, mnist.size());
        assertEquals(784, mnist.dimension());
        assertEquals(7, mnist.labels()[0]);
        assertEquals(3, mnist.labels()[1]);
        assertEquals(0, mnist.labels()[999]);
        for (int j = 0; j < 784; j++) {
            assertEquals((j & 0xFF) / 255.0, mnist.features()[0][j], EXACT);
        }
        assertEquals(0, Arrays.stream(mnist.features()[999]).sum());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aHeaderPromisingMoreImagesThanTheFileHoldsIsRefusedEvenWhenFewAreUsed(boolean gzip) throws IOException {
        Path images = write("images", gzip, header(Idx.IMAGES_MAGIC, 5, 2, 2), PIXELS);
        Path labels = write("labels", gzip, header(Idx.LABELS_MAGIC, 5), new byte[] {4, 0, 9, 1, 2});
        assertProblem(images, "truncated: the header promises 5 images of 2×2 (20 bytes) but 12 follow",
                () -> Idx.mnist(images, labels, 2));
    }

    /** /dev/zero never ends: its magic number (0) refuses it after the header's 16 bytes. */
    @Test
    void anEndlessStreamIsRefusedByItsMagicNumber() throws IOException {
        Path zero = Path.of("/dev/zero");
        Path labels = write("labels", false, header(Idx.LABELS_MAGIC, 3), LABELS);
        assertProblem(zero, "not an IDX images file (magic 0, expected 2051)", () -> Idx.imagesHeader(zero));
        assertProblem(zero, "not an IDX images file (magic 0, expected 2051)", () -> Idx.mnist(zero, labels, 1));
    }

    @Test
    void imagesWithoutPixelsOrBeyondTheLimitAreRefused() throws IOException {
        Path empty = write("empty", false, header(Idx.IMAGES_MAGIC, 3, 0, 2), new byte[0]);
        assertProblem(empty, "corrupt header: images of 0×2 pixels; each side must be >= 1 and an image at most "
                + "16,777,216 pixels", () -> Idx.imagesHeader(empty));
        Path huge = write("huge", false, header(Idx.IMAGES_MAGIC, 1, 65536, 65536), new byte[0]);
        assertProblem(huge, "corrupt header: images of 65536×65536 pixels; each side must be >= 1 and an image at "
                + "most 16,777,216 pixels", () -> Idx.imagesHeader(huge));
    }

    @Test
    void sizeBeyondTheFileIsRefused() throws IOException {
        Path images = write("images", false, header(Idx.IMAGES_MAGIC, 3, 2, 2), PIXELS);
        Path labels = write("labels", false, header(Idx.LABELS_MAGIC, 3), LABELS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.mnist(images, labels, 4));
        assertTrue(e.getMessage().startsWith("size must be in [0, 3]"), e.getMessage());
    }

    @Test
    void shippedSubsetHasTheDocumentedContents() {
        Dataset mnist = Idx.mnist(ASSETS.resolve(DataSpec.SHIPPED_IMAGES), ASSETS.resolve(DataSpec.SHIPPED_LABELS),
                0);
        assertEquals(10000, mnist.size());
        assertEquals(784, mnist.dimension());
        int[] documented = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
        for (int c = 0; c < 10; c++) {
            assertEquals(documented[c], ToyDataTest.count(mnist, c), "examples of digit " + c);
        }
        int alwaysZero = 0;
        for (int j = 0; j < 784; j++) {
            boolean zero = true;
            for (double[] x : mnist.features()) {
                assertEquals(Math.rint(x[j] * 255), x[j] * 255, EXACT, "a pixel is k/255");
                zero &= x[j] == 0;
            }
            alwaysZero += zero ? 1 : 0;
        }
        assertEquals(111, alwaysZero);
    }

    private void assertProblem(Path file, String problem, Runnable read) {
        DataFileException e = assertThrows(DataFileException.class, read::run);
        assertEquals(file + ": " + problem, e.getMessage());
        assertEquals(file, e.file());
    }

    private static byte[] header(int magic, int... sizes) {
        ByteBuffer header = ByteBuffer.allocate(4 * (1 + sizes.length)).putInt(magic);
        for (int size : sizes) {
            header.putInt(size);
        }
        return header.array();
    }

    private Path write(String name, boolean gzip, byte[] header, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes) {
            out.write(header);
            out.write(payload);
        }
        Path file = dir.resolve(name + (gzip ? ".gz" : ""));
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
