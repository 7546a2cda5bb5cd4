package org.normlab.sim.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST: a big-endian header (magic number, then one 32-bit size per
 * dimension) followed by unsigned bytes. Images have magic 2051 and sizes {@code count, rows, cols}; labels have
 * magic 2049 and size {@code count}. Files may be plain or gzip-compressed (recognized by the bytes 1f 8b).
 *
 * <p>Every check that fails throws a {@link DataFileException} naming the file: missing, unreadable, bad gzip,
 * wrong magic, header or payload shorter than promised, trailing bytes, image and label counts that differ.
 */
public final class Idx {

    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;
    /** MNIST and Fashion-MNIST both have ten classes. */
    public static final int MNIST_CLASSES = 10;

    private static final double PIXEL_MAX = 255.0;

    private Idx() {
    }

    /** Images as stored: pixel (i, r, c) is {@code pixels[i * rows * cols + r * cols + c]}, unsigned. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    public static Images readImages(Path file) {
        ByteBuffer data = contents(file);
        int[] sizes = header(file, data, IMAGES_MAGIC, "images", 3);
        long bytes = (long) sizes[0] * sizes[1] * sizes[2];
        checkPayload(file, data, bytes,
                sizes[0] + " images of " + sizes[1] + "×" + sizes[2] + " (" + grouped(bytes) + " bytes)");
        byte[] pixels = new byte[(int) bytes];
        data.get(pixels);
        return new Images(sizes[0], sizes[1], sizes[2], pixels);
    }

    public static int[] readLabels(Path file) {
        ByteBuffer data = contents(file);
        int count = header(file, data, LABELS_MAGIC, "labels", 1)[0];
        checkPayload(file, data, count, count + " labels (" + grouped(count) + " bytes)");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = Byte.toUnsignedInt(data.get());
        }
        return labels;
    }

    /**
     * The first {@code limit} examples (0 = all) of an MNIST-style pair of files as a data set named "mnist" with
     * 10 classes; each feature is a pixel divided by 255, row by row.
     */
    public static Dataset mnist(Path imagesFile, Path labelsFile, int limit) {
        Images images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new DataFileException(labelsFile, "holds " + labels.length + " labels but " + imagesFile
                    + " holds " + images.count() + " images");
        }
        if (limit < 0 || limit > images.count()) {
            throw new IllegalArgumentException("size must be in [0, " + images.count() + "] (0 = all of "
                    + imagesFile + "), was " + limit);
        }
        int n = limit == 0 ? images.count() : limit;
        int d = images.rows() * images.cols();
        double[][] features = new double[n][d];
        int[] kept = new int[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] >= MNIST_CLASSES) {
                throw new DataFileException(labelsFile, "label " + labels[i] + " of example " + i
                        + " is outside [0, " + MNIST_CLASSES + ")");
            }
            kept[i] = labels[i];
            for (int j = 0; j < d; j++) {
                features[i][j] = Byte.toUnsignedInt(images.pixels()[i * d + j]) / PIXEL_MAX;
            }
        }
        return new Dataset("mnist", features, kept, MNIST_CLASSES);
    }

    /** The file's bytes, gunzipped if they start with the gzip magic bytes 1f 8b. */
    private static ByteBuffer contents(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (raw.length < 2 || raw[0] != (byte) 0x1f || raw[1] != (byte) 0x8b) {
            return ByteBuffer.wrap(raw);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return ByteBuffer.wrap(in.readAllBytes());
        } catch (EOFException e) {
            throw new DataFileException(file, "not a valid gzip stream (it ends too early)", e);
        } catch (ZipException e) {
            throw new DataFileException(file, "not a valid gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Checks the magic number and reads the {@code dimensions} sizes that follow it. */
    private static int[] header(Path file, ByteBuffer data, int magic, String what, int dimensions) {
        int headerBytes = 4 * (1 + dimensions);
        if (data.remaining() < 4) {
            throw new DataFileException(file, "truncated: an IDX " + what + " header has " + headerBytes
                    + " bytes but the file has " + data.remaining());
        }
        int found = data.getInt();
        if (found != magic) {
            throw new DataFileException(file, "not an IDX " + what + " file (magic " + found + ", expected "
                    + magic + ")");
        }
        if (data.remaining() < headerBytes - 4) {
            throw new DataFileException(file, "truncated: an IDX " + what + " header has " + headerBytes
                    + " bytes but the file has " + (data.remaining() + 4));
        }
        int[] sizes = new int[dimensions];
        for (int i = 0; i < dimensions; i++) {
            sizes[i] = data.getInt();
            if (sizes[i] < 0) {
                throw new DataFileException(file, "corrupt header: size " + i + " is negative (" + sizes[i] + ")");
            }
        }
        return sizes;
    }

    private static void checkPayload(Path file, ByteBuffer data, long expected, String promise) {
        if (data.remaining() < expected) {
            throw new DataFileException(file, "truncated: the header promises " + promise + " but "
                    + grouped(data.remaining()) + " follow");
        }
        if (data.remaining() > expected) {
            throw new DataFileException(file, "trailing bytes: the header promises " + promise + " but "
                    + grouped(data.remaining()) + " follow");
        }
    }

    private static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
