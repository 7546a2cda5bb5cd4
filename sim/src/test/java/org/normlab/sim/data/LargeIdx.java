package org.normlab.sim.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a large, valid single-member gzip IDX file that is small on disk and quick to make: the header and a
 * prefix, then zeros up to the payload's length. The zeros are deflated once, as one chunk ending in a full flush
 * (byte-aligned, no reference to earlier data), and that chunk's bytes repeated: a valid deflate stream of any
 * length at the cost of its CRC.
 */
final class LargeIdx {
    private static final int CHUNK = 1 << 20;
    private static final int GZIP_ID1 = 0x1f;
    private static final int GZIP_ID2 = 0x8b;
    private static final int DEFLATE = 8;

    private LargeIdx() {
    }

    /** {@code header}, then {@code prefix}, then zeros until the payload (prefix included) has {@code payload} bytes. */
    static void write(Path file, byte[] header, byte[] prefix, long payload) throws IOException {
        CRC32 crc = new CRC32();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {GZIP_ID1, (byte) GZIP_ID2, DEFLATE, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            ByteArrayOutputStream start = new ByteArrayOutputStream();
            start.write(header);
            start.write(prefix);
            byte[] startBytes = start.toByteArray();
            out.write(flushed(startBytes, startBytes.length));
            crc.update(startBytes);
            byte[] zeros = new byte[CHUNK];
            byte[] zeroChunk = flushed(zeros, CHUNK);
            long left = payload - prefix.length;
            for (; left >= CHUNK; left -= CHUNK) {
                out.write(zeroChunk);
                crc.update(zeros);
            }
            out.write(flushed(zeros, (int) left));
            crc.update(zeros, 0, (int) left);
            Deflater end = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            end.finish();
            byte[] buffer = new byte[64];
            out.write(buffer, 0, end.deflate(buffer));
            end.end();
            long total = header.length + payload;
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
                    .putInt((int) total).array());
        }
    }

    /** The raw deflate bytes of {@code data[0, length)} ending in a full flush, from a fresh dictionary. */
    private static byte[] flushed(byte[] data, int length) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data, 0, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, written);
        } while (written == buffer.length);
        deflater.end();
        return out.toByteArray();
    }
}
