package org.normlab.sim.run;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Appends whole lines to a file: lines are gathered in memory and handed to the operating system together, always
 * ending with a newline, never in pieces (a {@link java.io.BufferedWriter} writes whenever its buffer is full, so a
 * file of a killed process ended mid-number). Whatever is on disk, at any moment, parses line by line.
 */
final class LineWriter implements Closeable {
    /** About as many characters as a {@link java.io.BufferedWriter} holds: as few writes as before. */
    private static final int GATHER = 8192;

    private final Path file;
    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder();

    /** @param out the file's stream, unbuffered (each write goes to the operating system in one call) */
    LineWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Appends {@code text} and a newline; {@code text} holds no newline of its own. */
    void line(String text) throws IOException {
        pending.append(text).append('\n');
        if (pending.length() >= GATHER) {
            flush();
        }
    }

    /** Writes the gathered lines in one call. */
    void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw OutputDirectory.failure(file, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
