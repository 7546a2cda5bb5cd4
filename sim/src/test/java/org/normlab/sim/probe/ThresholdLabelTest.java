package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every threshold's label is the formula the engine computed it by: the label ({@link StepRule#formula}, which the
 * lab's legends and the exported figures show) is read as arithmetic, evaluated at the rule's own hyperparameters,
 * and compared with {@link StepRule#threshold}. A label names only its kind's symbols (η, and μ or Adam's β₁), so a
 * momentum rule labelled 2/η, or Adam's labelled with μ, fails here.
 */
class ThresholdLabelTest {
    /** The formula and the engine compute the same few operations in another order. */
    private static final double ROUNDING = 1e-14;

    static Stream<StepRule> rules() {
        return Stream.of(StepRule.gradientDescent(0.1), StepRule.gradientDescent(3e-4),
                StepRule.heavyBall(0.1, 0.9), StepRule.heavyBall(0.05, 0), StepRule.heavyBall(0.5, 0.37),
                new StepRule(StepRule.Kind.HEAVY_BALL, 0.1, 0.9, 0, 5e-4),
                StepRule.nesterov(0.1, 0.9), StepRule.nesterov(0.02, 0.5), StepRule.nesterov(0.1, 0),
                StepRule.adam(1e-3, 0.9, 1e-8), StepRule.adam(0.01, 0.5, 0), new StepRule(StepRule.Kind.ADAM, 1e-3,
                        0.99, 1e-8, 0.01),
                new StepRule(StepRule.Kind.SCALED, 0.1, 0, 0, 0), new StepRule(StepRule.Kind.SCALED, 1, 0.9, 0, 1e-4));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void theLabelEvaluatesToTheThreshold(StepRule rule) {
        String label = StepRule.formula(rule.kind());
        Map<String, Double> symbols = rule.kind() == StepRule.Kind.ADAM
                ? Map.of("η", rule.learningRate(), "β₁", rule.momentum())
                : Map.of("η", rule.learningRate(), "μ", rule.momentum());
        double labelled = new Formula(label, symbols).value();
        assertEquals(rule.threshold(), labelled, ROUNDING * rule.threshold(), rule + " labelled " + label);
    }

    @Test
    void adamsThresholdIsTheDimensionless38AtBeta09() {
        assertEquals(38, new Formula(StepRule.formula(StepRule.Kind.ADAM), Map.of("β₁", 0.9)).value(), 1e-12);
        assertEquals(38, StepRule.adam(1e-3, 0.9, 1e-8).threshold(), 1e-12);
    }

    @Test
    void noLabelWhereNoThresholdApplies() {
        StepRule none = new StepRule(StepRule.Kind.NONE, 0.1, 0.9, 0, 0);
        assertFalse(none.hasThreshold());
        assertTrue(StepRule.formula(StepRule.Kind.NONE).isEmpty());
        assertTrue(Double.isNaN(none.threshold()));
    }

    /**
     * A label read as arithmetic: numbers, the rule's symbols, {@code + − / ( )} and juxtaposition as multiplication
     * ({@code 2(1+μ)/η}); left to right within a product, as the labels are written.
     */
    private static final class Formula {
        private final String text;
        private final Map<String, Double> symbols;
        private int at;

        Formula(String text, Map<String, Double> symbols) {
            this.text = text;
            this.symbols = symbols;
        }

        double value() {
            double value = sum();
            if (at != text.length()) {
                throw new AssertionError("'" + text + "': unexpected '" + text.charAt(at) + "' at " + at);
            }
            return value;
        }

        private double sum() {
            double value = product();
            while (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '−')) {
                char op = text.charAt(at++);
                double next = product();
                value = op == '+' ? value + next : value - next;
            }
            return value;
        }

        private double product() {
            double value = factor();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '/') {
                    at++;
                    value /= factor();
                } else if (c == '(' || Character.isLetterOrDigit(c)) {
                    value *= factor();
                } else {
                    break;
                }
            }
            return value;
        }

        private double factor() {
            if (at >= text.length()) {
                throw new AssertionError("'" + text + "' ends too early");
            }
            char c = text.charAt(at);
            if (c == '(') {
                at++;
                double value = sum();
                if (at >= text.length() || text.charAt(at++) != ')') {
                    throw new AssertionError("'" + text + "': unbalanced parenthesis");
                }
                return value;
            }
            if (Character.isDigit(c)) {
                int start = at;
                while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                    at++;
                }
                return Double.parseDouble(text.substring(start, at));
            }
            for (Map.Entry<String, Double> symbol : symbols.entrySet()) {
                if (text.startsWith(symbol.getKey(), at)) {
                    at += symbol.getKey().length();
                    return symbol.getValue();
                }
            }
            throw new AssertionError("'" + text + "' names '" + text.substring(at) + "', not one of this rule's "
                    + "symbols " + symbols.keySet());
        }
    }
}
