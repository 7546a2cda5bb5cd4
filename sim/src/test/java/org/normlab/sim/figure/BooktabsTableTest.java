package org.normlab.sim.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's structure, checked without TeX: one rule of each kind, a row per line, cells per row, escaping. */
class BooktabsTableTest {
    private static final List<String> HEADER = List.of("run", "final loss", "accuracy", "diverged at");
    private static final List<List<String>> ROWS = List.of(
            List.of("sgd_wd 10% & more", "0.0123", "0.975", BooktabsTable.MISSING),
            List.of("adam #2", "1.5e-5", "-0.25", "420"));

    private static long count(String text, String part) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }

    /** The lines between \midrule and \bottomrule, split into cells at unescaped ampersands. */
    private static List<List<String>> body(String tex) {
        String rows = tex.substring(tex.indexOf("\\midrule\n") + 9, tex.indexOf("\\bottomrule"));
        return rows.lines().map(line -> {
            assertTrue(line.endsWith(" \\\\"), line);
            return Arrays.asList(line.substring(0, line.length() - 3).split("(?<!\\\\)&", -1));
        }).toList();
    }

    @Test
    void oneRuleOfEachKindAndAsManyCellsPerRowAsColumns() {
        String tex = BooktabsTable.render(HEADER, ROWS, "Final metrics", "tab:final");
        assertEquals(1, count(tex, "\\toprule"));
        assertEquals(1, count(tex, "\\midrule"));
        assertEquals(1, count(tex, "\\bottomrule"));
        assertTrue(tex.indexOf("\\toprule") < tex.indexOf("\\midrule")
                && tex.indexOf("\\midrule") < tex.indexOf("\\bottomrule"));
        assertTrue(tex.contains("\\begin{tabular}{lrrr}"), "text left, numbers right: " + tex);
        List<List<String>> body = body(tex);
        assertEquals(ROWS.size(), body.size());
        body.forEach(row -> assertEquals(HEADER.size(), row.size(), row.toString()));
        assertTrue(tex.contains("\\caption{Final metrics}\n\\label{tab:final}"));
        assertEquals(count(tex, "\\begin{"), count(tex, "\\end{"));
    }

    @Test
    void everySpecialCharacterIsEscapedAndNumbersAreSetInMath() {
        assertEquals("\\&\\%\\$\\#\\_\\{\\}\\textasciitilde{}\\textasciicircum{}\\textbackslash{}",
                BooktabsTable.escape("&%$#_{}~^\\"));
        String tex = BooktabsTable.render(HEADER, ROWS, null, null);
        List<List<String>> body = body(tex);
        assertEquals("sgd\\_wd 10\\% \\& more ", body.get(0).get(0));
        assertEquals(" $1.5\\times 10^{-5}$ ", body.get(1).get(1));
        assertEquals(" $-0.25$ ", body.get(1).get(2), "a true minus sign, not a hyphen");
        assertEquals(" --", body.get(0).get(3));
        assertTrue(!tex.contains("\\begin{table}"), "no float without caption or label");
    }

    @Test
    void aColumnWithOneWordIsText() {
        String tex = BooktabsTable.render(List.of("a", "b"), List.of(List.of("1", "2"), List.of("x", "3")), null,
                null);
        assertTrue(tex.contains("\\begin{tabular}{lr}"), tex);
        assertEquals("x ", body(tex).get(1).get(0));
    }

    @Test
    void numbersHaveTheirSignificantDigits() {
        assertEquals("0.0123", BooktabsTable.number(0.012345, 3));
        assertEquals("1.23e-5", BooktabsTable.number(1.2345e-5, 3));
        assertEquals("1230", BooktabsTable.number(1234.5, 3));
        assertEquals(BooktabsTable.MISSING, BooktabsTable.number(Double.NaN, 3));
    }

    @Test
    void aRowOfTheWrongLengthOrABadLabelIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> BooktabsTable.render(HEADER, List.of(List.of("x")), null, null));
        assertThrows(IllegalArgumentException.class, () -> BooktabsTable.render(HEADER, ROWS, "c", "tab:a}b"));
    }
}
