package org.normlab.sim.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A figure's text: plain words and symbols in Unicode ({@code η}, {@code ‖w‖²}), where {@code _} and {@code ^} start
 * a subscript or superscript of one run of letters and digits (a sign may lead it, ½ counts as a digit) or of a
 * braced group: {@code λ_max}, {@code e^{-3}}, {@code P^-½}. One source for both outputs: the renderer draws the spans, and {@link #tex} writes each word with a symbol, a
 * subscript or a superscript in math mode ({@code $\lambda_{\mathrm{max}}$}), other words as text.
 */
public record Label(String markup) {
    /** Where a span sits relative to the baseline. */
    public enum Position { NORMAL, SUBSCRIPT, SUPERSCRIPT }

    /** A run of text drawn at one position. */
    public record Span(String text, Position position) {
    }

    private static final Map<Character, String> TEX_SYMBOLS = Map.ofEntries(
            Map.entry('‖', "\\|"), Map.entry('²', "^{2}"), Map.entry('³', "^{3}"), Map.entry('¹', "^{1}"),
            Map.entry('·', "\\cdot "), Map.entry('×', "\\times "), Map.entry('−', "-"), Map.entry('≤', "\\leq "),
            Map.entry('≥', "\\geq "), Map.entry('∞', "\\infty "), Map.entry('≈', "\\approx "),
            Map.entry('∇', "\\nabla "), Map.entry('½', "1/2"), Map.entry('ε', "\\varepsilon "),
            Map.entry('ϑ', "\\vartheta "), Map.entry('±', "\\pm "));
    private static final String GREEK = "αβγδεζηθικλμνξοπρστυφχψωΓΔΘΛΞΠΣΦΨΩ";
    private static final String[] GREEK_TEX = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
        "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "o", "pi", "rho", "sigma", "tau", "upsilon", "phi",
        "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega"};

    public Label {
        Objects.requireNonNull(markup, "markup");
    }

    public static Label of(String markup) {
        return new Label(markup);
    }

    /** The text split into runs at one baseline position each, markup removed. */
    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        StringBuilder normal = new StringBuilder();
        int i = 0;
        while (i < markup.length()) {
            char c = markup.charAt(i);
            int end = scriptEnd(i);
            if (end < 0) {
                normal.append(c);
                i++;
                continue;
            }
            if (!normal.isEmpty()) {
                spans.add(new Span(normal.toString(), Position.NORMAL));
                normal.setLength(0);
            }
            spans.add(new Span(scriptBody(i, end), c == '_' ? Position.SUBSCRIPT : Position.SUPERSCRIPT));
            i = end;
        }
        if (!normal.isEmpty()) {
            spans.add(new Span(normal.toString(), Position.NORMAL));
        }
        return spans;
    }

    /** The text without markup, e.g. for file names and plain-text column descriptions. */
    public String plain() {
        StringBuilder text = new StringBuilder();
        spans().forEach(span -> text.append(span.text()));
        return text.toString();
    }

    /** LaTeX: words with symbols or scripts in math mode, the rest as text with TeX's special characters escaped. */
    public String tex() {
        StringBuilder tex = new StringBuilder();
        for (String word : markup.split(" ", -1)) {
            if (!tex.isEmpty()) {
                tex.append(' ');
            }
            tex.append(isMath(word) ? "$" + mathTex(word) + "$" : escapeText(word));
        }
        return tex.toString();
    }

    /** Where the sub/superscript starting at {@code i} ends (exclusive), or -1 if {@code i} does not start one. */
    private int scriptEnd(int i) {
        char c = markup.charAt(i);
        if ((c != '_' && c != '^') || i + 1 >= markup.length()) {
            return -1;
        }
        if (markup.charAt(i + 1) == '{') {
            int close = markup.indexOf('}', i + 2);
            return close < 0 ? -1 : close + 1;
        }
        int end = i + 1;
        // A sign may lead the run, and a fraction such as ½ counts as a digit: P^-½.
        if (end + 1 < markup.length() && (markup.charAt(end) == '-' || markup.charAt(end) == '−')
                && isScriptCharacter(markup.charAt(end + 1))) {
            end++;
        }
        while (end < markup.length() && isScriptCharacter(markup.charAt(end))) {
            end++;
        }
        return end > i + 1 ? end : -1;
    }

    private static boolean isScriptCharacter(char c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.OTHER_NUMBER;
    }

    private String scriptBody(int i, int end) {
        return markup.charAt(i + 1) == '{' ? markup.substring(i + 2, end - 1) : markup.substring(i + 1, end);
    }

    private static boolean isMath(String word) {
        return word.chars().anyMatch(c -> c > 127 || c == '_' || c == '^');
    }

    private static String mathTex(String word) {
        Label inner = new Label(word);
        StringBuilder tex = new StringBuilder();
        for (Span span : inner.spans()) {
            String body = mathSymbols(span.text());
            switch (span.position()) {
                case NORMAL -> tex.append(body);
                case SUBSCRIPT -> tex.append("_{").append(body).append('}');
                case SUPERSCRIPT -> tex.append("^{").append(body).append('}');
            }
        }
        return tex.toString();
    }

    /** Greek letters and symbols as TeX commands; runs of two or more Latin letters upright (\mathrm). */
    private static String mathSymbols(String text) {
        StringBuilder tex = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int run = i;
            while (run < text.length() && isLatin(text.charAt(run))) {
                run++;
            }
            if (run - i >= 2) {
                tex.append("\\mathrm{").append(text, i, run).append('}');
                i = run;
                continue;
            }
            int greek = GREEK.indexOf(c);
            if (TEX_SYMBOLS.containsKey(c)) {
                tex.append(TEX_SYMBOLS.get(c));
            } else if (greek >= 0) {
                tex.append('\\').append(GREEK_TEX[greek]).append(' ');
            } else {
                tex.append(escapeMath(c));
            }
            i++;
        }
        return tex.toString().replace(" }", "}").replace(" ^", "^").replace(" _", "_").strip();
    }

    private static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String escapeMath(char c) {
        return switch (c) {
            case '%', '#', '&', '$', '{', '}' -> "\\" + c;
            case '\\' -> "\\backslash ";
            default -> String.valueOf(c);
        };
    }

    private static String escapeText(String text) {
        StringBuilder tex = new StringBuilder();
        for (char c : text.toCharArray()) {
            tex.append(switch (c) {
                case '%', '#', '&', '$', '{', '}' -> "\\" + c;
                case '\\' -> "\\textbackslash{}";
                case '~' -> "\\textasciitilde{}";
                default -> String.valueOf(c);
            });
        }
        return tex.toString();
    }
}
