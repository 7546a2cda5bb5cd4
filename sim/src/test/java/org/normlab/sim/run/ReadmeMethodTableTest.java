package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's method table ("Hyperparameters (default)") states the defaults the code fills in: every recipe has a
 * row naming it, every bracketed default that is a number or a word equals the value a file without that field
 * resolves to in each of the row's recipes that has the field, and at least one has it; a phrase (a default the run
 * fills in, "1 epoch") is not compared.
 */
class ReadmeMethodTableTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String HEADER = "| Method | Paper | Rule per step | Hyperparameters (default) |";
    private static final Pattern RECIPE_WORD = Pattern.compile("`(\\w+)`");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(e-?\\d+)?");

    @Test
    void everyRecipeHasARowWhoseDefaultsAreTheCodes() throws IOException {
        List<Row> rows = table();
        for (OptimizerSetup.Recipe recipe : OptimizerSetup.Recipe.values()) {
            assertTrue(rows.stream().anyMatch(row -> row.recipes().contains(recipe.word())),
                    recipe.word() + " has a row in the README's method table");
        }
        for (Row row : rows) {
            Map<String, String> stated = defaults(row.defaults());
            assertFalse(stated.isEmpty(), row.recipes() + " state their defaults");
            stated.forEach((field, value) -> {
                boolean filledInByTheRun = !NUMBER.matcher(value).matches() && !value.matches("\\w+");
                int holders = 0;
                for (String word : row.recipes()) {
                    JsonNode resolved = Json.mapper().valueToTree(withDefaults(word));
                    String where = word + "." + field + " (README: " + value + ")";
                    if (resolved.has(field)) {
                        holders++;
                        if (NUMBER.matcher(value).matches()) {
                            assertEquals(Double.parseDouble(value), resolved.get(field).doubleValue(), 0, where);
                        } else if (value.equals("off") || value.equals("on")) {
                            assertEquals(value.equals("on"), resolved.get(field).booleanValue(), where);
                        } else if (!filledInByTheRun) {
                            assertEquals(value, resolved.get(field).textValue(), where);
                        }
                    }
                }
                assertTrue(holders > 0 || filledInByTheRun, field + " (README: " + value + ") is a field of "
                        + row.recipes());
            });
        }
    }

    /** A row of the method table: the recipes its first cell names and its last cell. */
    private record Row(List<String> recipes, String defaults) {
    }

    /** A file that names only the recipe (and, for a wrapper, plain SGD inside). */
    private static OptimizerSetup withDefaults(String word) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("name", word);
        if (OptimizerSetup.Recipe.valueOf(word.toUpperCase(Locale.ROOT)).wraps()) {
            json.set("inner", JsonNodeFactory.instance.objectNode().put("name", "sgd"));
        }
        return OptimizerSetup.fromJson(json);
    }

    /** The rows of the method table. */
    private static List<Row> table() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int header = lines.indexOf(HEADER);
        assertTrue(header >= 0, "README has the method table: " + HEADER);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            rows.add(new Row(RECIPE_WORD.matcher(cells[1]).results().map(m -> m.group(1)).toList(),
                    cells[cells.length - 1]));
        }
        return rows;
    }

    /**
     * Field → the start of its bracket (up to a comma or semicolon), for every {@code field (…)} in {@code cell};
     * brackets may nest.
     */
    static Map<String, String> defaults(String cell) {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher field = Pattern.compile("(\\w+) \\(").matcher(cell);
        int from = 0;
        while (field.find(from)) {
            int depth = 1;
            int end = field.end();
            while (depth > 0) {
                char c = cell.charAt(end++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            String bracket = cell.substring(field.end(), end - 1);
            defaults.put(field.group(1), bracket.split("[,;]")[0].trim());
            from = end;
        }
        return defaults;
    }
}
