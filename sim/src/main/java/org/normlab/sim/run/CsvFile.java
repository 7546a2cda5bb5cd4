package org.normlab.sim.run;

import java.io.Closeable;
import java.io.IOException;

/**
 * A run's CSV file, its header first, then one row per {@link #row} in whole lines ({@link LineWriter}): what is on
 * disk parses even if the process is killed. Cells are written as {@link String#valueOf} gives them, so numbers take
 * Java's shortest exact form ({@code NaN} and {@code Infinity} as such); no cell holds a comma.
 */
abstract class CsvFile implements Closeable {
    private final LineWriter out;

    CsvFile(LineWriter out, String header) throws IOException {
        this.out = out;
        out.line(header);
    }

    /** Appends one row. */
    final void row(Object... cells) throws IOException {
        out.line(line(cells));
    }

    /** The cells as one CSV line, without its newline. */
    static String line(Object... cells) {
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cells[i]);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
