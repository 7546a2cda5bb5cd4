package org.normlab.sim.run;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the terminal: columns left-aligned to their widest cell, two spaces apart. */
public final class TextTable {
    private final List<List<String>> rows = new ArrayList<>();

    /** A table whose first row is {@code header}. */
    public TextTable(String... header) {
        rows.add(List.of(header));
    }

    /** Adds a row of as many cells as the header has. */
    public TextTable add(String... cells) {
        if (cells.length != rows.get(0).size()) {
            throw new IllegalArgumentException("a row must have " + rows.get(0).size() + " cells, had "
                    + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                line.append(row.get(c)).append(" ".repeat(width[c] - row.get(c).length() + 2));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
