package org.normlab.sim.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The values one axis of a sweep takes, in order: an explicit array ({@code [0.01, 0.1]}) or a range
 * {@code {"from": 1e-3, "to": 1, "count": 8}} spaced evenly in the logarithm (the default, for learning rates) or,
 * with {@code "scale": "linear"}, evenly. A range's ends are exactly {@code from} and {@code to}; the points between
 * use {@link StrictMath}, so every JVM computes the same grid. Written back as the array of its values.
 */
public record Grid(@JsonValue List<Double> values) {
    private static final Set<String> RANGE_FIELDS = Set.of("from", "to", "count", "scale");

    public Grid {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("must give at least one value (an empty grid has no trials)");
        }
        values = List.copyOf(values);
        for (int i = 0; i < values.size(); i++) {
            if (!Double.isFinite(values.get(i))) {
                throw new IllegalArgumentException("must hold finite numbers; value [" + i + "] was " + values.get(i));
            }
            if (values.indexOf(values.get(i)) < i) {
                throw new IllegalArgumentException("must hold distinct values; value [" + i + "] repeats "
                        + values.get(i));
            }
        }
    }

    /** Reads an array of numbers or a range object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Grid of(JsonNode node) {
        if (node.isArray()) {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isNumber()) {
                    throw new IllegalArgumentException("must hold numbers; value [" + i + "] was " + node.get(i));
                }
                values.add(node.get(i).doubleValue());
            }
            return new Grid(values);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be an array of values or {\"from\", \"to\", \"count\"}, was "
                    + node);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RANGE_FIELDS.contains(name)) {
                throw new IllegalArgumentException("must not have a field '" + name + "'; a range has from, to, "
                        + "count and scale (log or linear)");
            }
        }
        double from = number(node, "from");
        double to = number(node, "to");
        JsonNode count = node.get("count");
        if (count == null || !count.isIntegralNumber() || count.asInt() < 1) {
            throw new IllegalArgumentException("count must be an integer >= 1, was " + count);
        }
        JsonNode scale = node.get("scale");
        boolean log = scale == null || scale.asText().equals("log");
        if (scale != null && !(scale.isTextual() && (log || scale.asText().equals("linear")))) {
            throw new IllegalArgumentException("scale must be log or linear, was " + scale);
        }
        if (log && !(from > 0 && to > 0)) {
            throw new IllegalArgumentException("must have from > 0 and to > 0 to be spaced in the logarithm, was "
                    + "from " + from + ", to " + to + " (\"scale\": \"linear\" spaces evenly)");
        }
        return log ? logSpaced(from, to, count.asInt()) : linear(from, to, count.asInt());
    }

    private static double number(JsonNode range, String field) {
        JsonNode value = range.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(field + " is required (a number), was " + value);
        }
        return value.doubleValue();
    }

    /** {@code count} values from {@code from} to {@code to}, evenly spaced in the logarithm. */
    static Grid logSpaced(double from, double to, int count) {
        double a = StrictMath.log(from);
        double b = StrictMath.log(to);
        return spaced(from, to, count, t -> StrictMath.exp(a + t * (b - a)));
    }

    /** {@code count} values from {@code from} to {@code to}, evenly spaced. */
    static Grid linear(double from, double to, int count) {
        return spaced(from, to, count, t -> from + t * (to - from));
    }

    private static Grid spaced(double from, double to, int count, java.util.function.DoubleUnaryOperator at) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(i == 0 ? from : i == count - 1 ? to : at.applyAsDouble(i / (double) (count - 1)));
        }
        return new Grid(values);
    }

    public int size() {
        return values.size();
    }

    public double get(int i) {
        return values.get(i);
    }
}
