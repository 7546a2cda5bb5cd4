package org.normlab.sim.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
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
 * <p>Files are untrusted: the header is read and checked first, and only the examples asked for are read, streaming,
 * so a file of any size (or {@code /dev/zero}) costs memory for those examples only. Every check that fails throws a
 * {@link DataFileException} naming the file: missing, unreadable, bad gzip, wrong magic, sizes out of range, header
 * or payload shorter than promised, trailing bytes, image and label counts that differ.
 */
public final class Idx {

    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;
    /** MNIST and Fashion-MNIST both have ten classes. */
    public static final int MNIST_CLASSES = 10;
    /** At most 4096×4096 pixels per image: an example's features are one Java array. */
    public static final int MAX_PIXELS = 1 << 24;

    private static final double PIXEL_MAX = 255.0;
    private static final int IMAGES_DIMENSIONS = 3;
    private static final int BUFFER = 1 << 16;

    private Idx() {
    }

    /**
     * What an IDX header promises: {@code count} examples of {@code rows × cols} bytes (labels: 1 × 1).
     */
    public record Header(int count, int rows, int cols) {
        /** Bytes per example. */
        public int exampleBytes() {
            return rows * cols;
        }
    }

    /** The header of an images file, checked; nothing past it is read. */
    public static Header imagesHeader(Path file) {
        try (Reader reader = Reader.images(file)) {
            return reader.header;
        }
    }

    /** The header of a labels file, checked; nothing past it is read. */
    public static Header labelsHeader(Path file) {
        try (Reader reader = Reader.labels(file)) {
            return reader.header;
        }
    }

    /**
     * The first {@code limit} examples (0 = all) of an MNIST-style pair of files as a data set named "mnist" with
     * 10 classes; each feature is a pixel divided by 255, row by row. Both headers are checked, and both files'
     * lengths against them, before any example is read; then only those examples are read.
     *
     * @throws IllegalArgumentException if {@code limit} is negative or exceeds the files' count
     */
    public static Dataset mnist(Path imagesFile, Path labelsFile, int limit) {
        try (Reader images = Reader.images(imagesFile); Reader labels = Reader.labels(labelsFile)) {
            int count = images.header.count();
            if (labels.header.count() != count) {
                throw new DataFileException(labelsFile, "holds " + labels.header.count() + " labels but "
                        + imagesFile + " holds " + count + " images");
            }
            int n = examplesUsed(imagesFile, count, limit);
            images.checkLength();
            labels.checkLength();
            int d = images.header.exampleBytes();
            double[][] features = new double[n][d];
            int[] kept = new int[n];
            byte[] pixels = new byte[d];
            byte[] label = new byte[1];
            for (int i = 0; i < n; i++) {
                images.example(i, pixels);
                labels.example(i, label);
                kept[i] = Byte.toUnsignedInt(label[0]);
                if (kept[i] >= MNIST_CLASSES) {
                    throw new DataFileException(labelsFile, "label " + kept[i] + " of example " + i
                            + " is outside [0, " + MNIST_CLASSES + ")");
                }
                for (int j = 0; j < d; j++) {
                    features[i][j] = Byte.toUnsignedInt(pixels[j]) / PIXEL_MAX;
                }
            }
            return new Dataset("mnist", features, kept, MNIST_CLASSES);
        }
    }

    /**
     * How many of the {@code count} examples of {@code imagesFile} a {@code limit} takes: all for 0.
     *
     * @throws IllegalArgumentException if {@code limit} is negative or exceeds {@code count}
     */
    static int examplesUsed(Path imagesFile, int count, int limit) {
        if (limit < 0 || limit > count) {
            throw new IllegalArgumentException("size must be in [0, " + count + "] (0 = all of " + imagesFile
                    + "), was " + limit);
        }
        return limit == 0 ? count : limit;
    }

    /** An IDX file opened for streaming, positioned after its checked header. */
    private static final class Reader implements Closeable {
        private final Path file;
        private final String what;
        private final boolean gzip;
        private final Header header;
        private final int headerBytes;
        private final DataInputStream in;

        private Reader(Path file, int magic, String what, int dimensions) {
            this.file = file;
            this.what = what;
            this.headerBytes = 4 * (1 + dimensions);
            InputStream raw = open(file);
            try {
                BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
                buffered.mark(2);
                this.gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
                buffered.reset();
                this.in = new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER),
                        BUFFER) : buffered);
                this.header = readHeader(magic, dimensions);
            } catch (IOException e) {
                closeQuietly(raw);
                throw readFailure(e);
            } catch (RuntimeException e) {
                closeQuietly(raw);
                throw e;
            }
        }

        static Reader images(Path file) {
            return new Reader(file, IMAGES_MAGIC, "images", IMAGES_DIMENSIONS);
        }

        static Reader labels(Path file) {
            return new Reader(file, LABELS_MAGIC, "labels", 1);
        }

        private static InputStream open(Path file) {
            try {
                return Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw new DataFileException(file, "no such file", e);
            } catch (IOException e) {
                throw new DataFileException(file, "cannot be read (" + e.getMessage() + ")", e);
            }
        }

        /**
         * Reads the header and checks the magic number before anything else, so a file of another kind (or an
         * endless stream) is refused after {@code headerBytes} bytes.
         */
        private Header readHeader(int magic, int dimensions) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(in.readNBytes(headerBytes));
            if (bytes.remaining() < 4) {
                throw truncatedHeader(bytes.remaining());
            }
            int found = bytes.getInt();
            if (found != magic) {
                throw new DataFileException(file, "not an IDX " + what + " file (magic " + found + ", expected "
                        + magic + ")");
            }
            if (bytes.limit() < headerBytes) {
                throw truncatedHeader(bytes.limit());
            }
            int[] sizes = new int[dimensions];
            for (int i = 0; i < dimensions; i++) {
                sizes[i] = bytes.getInt();
                if (sizes[i] < 0) {
                    throw new DataFileException(file, "corrupt header: size " + i + " is negative (" + sizes[i]
                            + ")");
                }
            }
            if (dimensions == 1) {
                return new Header(sizes[0], 1, 1);
            }
            if (sizes[1] < 1 || sizes[2] < 1 || (long) sizes[1] * sizes[2] > MAX_PIXELS) {
                throw new DataFileException(file, "corrupt header: images of " + sizes[1] + "×" + sizes[2]
                        + " pixels; each side must be >= 1 and an image at most " + grouped(MAX_PIXELS) + " pixels");
            }
            return new Header(sizes[0], sizes[1], sizes[2]);
        }

        private DataFileException truncatedHeader(int found) {
            return new DataFileException(file, "truncated: an IDX " + what + " header has " + headerBytes
                    + " bytes but the file has " + found);
        }

        /** Payload bytes the header promises. */
        private long payloadBytes() {
            return (long) header.count() * header.exampleBytes();
        }

        private String promise() {
            String examples = what.equals("images") ? header.count() + " images of " + header.rows() + "×"
                    + header.cols() : header.count() + " labels";
            return examples + " (" + grouped(payloadBytes()) + " bytes)";
        }

        /**
         * Checks that the payload has exactly the promised length without reading it: a plain file by its size, a
         * gzip file by the unpacked size its trailer records (modulo 2³²); only when that disagrees (a file cut
         * short, or several gzip members) is the stream read through, a buffer at a time, to count. A device or pipe
         * has no length to check: reading finds a short one.
         */
        void checkLength() {
            try {
                if (!Files.isRegularFile(file)) {
                    return;
                }
                long expected = headerBytes + payloadBytes();
                if (!gzip) {
                    compare(Files.size(file) - headerBytes);
                } else if (gzipTrailerSize() != (expected & 0xFFFFFFFFL)) {
                    compare(countedPayload());
                }
            } catch (IOException e) {
                throw readFailure(e);
            }
        }

        private void compare(long payload) {
            if (payload < payloadBytes()) {
                throw new DataFileException(file, "truncated: the header promises " + promise() + " but "
                        + grouped(payload) + " follow");
            }
            if (payload > payloadBytes()) {
                throw new DataFileException(file, "trailing bytes: the header promises " + promise() + " but "
                        + grouped(payload) + " follow");
            }
        }

        /** The gzip trailer's ISIZE: the unpacked size of the last member modulo 2³², little-endian. */
        private long gzipTrailerSize() throws IOException {
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                if (channel.size() < 4) {
                    return -1;
                }
                ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                channel.position(channel.size() - 4);
                while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
                    continue;
                }
                return Integer.toUnsignedLong(trailer.flip().getInt());
            }
        }

        /** Reads the whole payload through a fresh stream, keeping nothing, and returns its length. */
        private long countedPayload() throws IOException {
            try (InputStream whole = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER),
                    BUFFER)) {
                long total = 0;
                byte[] buffer = new byte[BUFFER];
                for (int read; (read = whole.read(buffer)) >= 0; ) {
                    total += read;
                }
                return total - headerBytes;
            }
        }

        /** Reads example {@code index} (the next one in the file) into {@code into}. */
        void example(int index, byte[] into) {
            try {
                in.readFully(into);
            } catch (EOFException e) {
                if (e.getMessage() != null) {
                    throw readFailure(e);
                }
                // A clean end of the data (a gzip stream cut short says so in its message).
                throw new DataFileException(file, "truncated: the header promises " + promise()
                        + " but the file ends within example " + index, e);
            } catch (IOException e) {
                throw readFailure(e);
            }
        }

        private DataFileException readFailure(IOException e) {
            if (e instanceof EOFException) {
                return new DataFileException(file, "not a valid gzip stream (it ends too early)", e);
            }
            if (e instanceof ZipException) {
                return new DataFileException(file, "not a valid gzip stream (" + e.getMessage() + ")", e);
            }
            return new DataFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }

        @Override
        public void close() {
            closeQuietly(in);
        }

        private static void closeQuietly(Closeable closeable) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (IOException e) {
                // Only read from: nothing is lost when closing fails.
            }
        }
    }

    private static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
