package org.normlab.sim.figure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LaTeX table in the booktabs style papers use ({@code \toprule}, {@code \midrule}, {@code \bottomrule}, no vertical
 * rules), needing only the booktabs package. Cells are plain text: every character TeX treats specially is
 * escaped. A column whose cells are all numbers (or empty, or {@link #MISSING}) is right-aligned, so numbers written
 * with the same number of decimals ({@link #number}) line up; each number is set in math mode (a true minus sign,
 * {@code 1.2e-5} as 1.2×10⁻⁵). Other columns are left-aligned.
 */
public final class BooktabsTable {
    /** The cell of a value that does not exist (a run that never measured it, a run that did not diverge). */
    public static final String MISSING = "--";
    private static final Pattern NUMBER = Pattern.compile("([+-]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE]([+-]?\\d+))?");

    private BooktabsTable() {
    }

    /**
     * The table as a {@code table} float (or a bare {@code tabular} when {@code caption} and {@code label} are both
     * null), one row per line.
     *
     * @param header  column titles, plain text
     * @param rows    cells, plain text or numbers; each row as long as the header
     * @param caption the caption, plain text, or null for none
     * @param label   the {@code \label} key, or null for none (letters, digits and {@code :-_.} only)
     */
    public static String render(List<String> header, List<List<String>> rows, String caption, String label) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new IllegalArgumentException("table row " + (r + 1) + " has " + rows.get(r).size()
                        + " cells, the header " + header.size());
            }
        }
        if (label != null && !label.matches("[A-Za-z0-9:._-]+")) {
            throw new IllegalArgumentException("table label must be letters, digits and : . _ -, was " + label);
        }
        boolean floating = caption != null || label != null;
        StringBuilder tex = new StringBuilder("% Needs \\usepackage{booktabs}.\n");
        if (floating) {
            tex.append("\\begin{table}\n\\centering\n");
            if (caption != null) {
                tex.append("\\caption{").append(escape(caption)).append("}\n");
            }
            if (label != null) {
                tex.append("\\label{").append(label).append("}\n");
            }
        }
        StringBuilder columns = new StringBuilder();
        for (int c = 0; c < header.size(); c++) {
            columns.append(numeric(rows, c) ? 'r' : 'l');
        }
        tex.append("\\begin{tabular}{").append(columns).append("}\n\\toprule\n");
        tex.append(line(header.stream().map(BooktabsTable::escape).toList()));
        tex.append("\\midrule\n");
        for (List<String> row : rows) {
            tex.append(line(row.stream().map(BooktabsTable::cell).toList()));
        }
        tex.append("\\bottomrule\n\\end{tabular}\n");
        if (floating) {
            tex.append("\\end{table}\n");
        }
        return tex.toString();
    }

    /**
     * {@code value} to {@code significant} digits, as a plain decimal between 10⁻³ and 10⁶ and otherwise as
     * {@code 1.23e-5}; {@link #MISSING} for NaN.
     */
    public static String number(double value, int significant) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(significant));
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-3 && magnitude < 1e6) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        return rounded.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }

    /** TeX's ten special characters escaped, so {@code text} prints as written. */
    public static String escape(String text) {
        StringBuilder tex = new StringBuilder();
        for (char c : text.toCharArray()) {
            tex.append(switch (c) {
                case '&', '%', '$', '#', '_', '{', '}' -> "\\" + c;
                case '\\' -> "\\textbackslash{}";
                case '~' -> "\\textasciitilde{}";
                case '^' -> "\\textasciicircum{}";
                default -> String.valueOf(c);
            });
        }
        return tex.toString();
    }

    private static boolean numeric(List<List<String>> rows, int column) {
        for (List<String> row : rows) {
            String cell = row.get(column).strip();
            if (cell.isEmpty() || cell.equals(MISSING)) {
                continue;
            }
            if (!isNumber(cell)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String cell) {
        return NUMBER.matcher(cell).matches() || cell.equals("inf") || cell.equals("-inf");
    }

    /** A number in math mode, other cells escaped. */
    private static String cell(String text) {
        String cell = text.strip();
        if (cell.equals(MISSING)) {
            return MISSING;
        }
        if (cell.equals("inf") || cell.equals("-inf")) {
            return "$" + (cell.startsWith("-") ? "-" : "") + "\\infty$";
        }
        Matcher number = NUMBER.matcher(cell);
        if (!number.matches()) {
            return escape(text);
        }
        String sign = number.group(1).equals("-") ? "-" : "";
        String exponent = number.group(3) == null ? "" : "\\times 10^{" + Integer.parseInt(number.group(3)) + "}";
        return "$" + sign + number.group(2) + exponent + "$";
    }

    private static String line(List<String> cells) {
        return String.join(" & ", new ArrayList<>(cells)) + " \\\\\n";
    }
}
