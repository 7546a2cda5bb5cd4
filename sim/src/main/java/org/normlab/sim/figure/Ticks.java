package org.normlab.sim.figure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * An axis's extent and its ticks, in the axis's own coordinate ({@link Scale#map}: the value, or its log10). Linear
 * axes get 1–2–5 steps; log axes get a major tick at every decade (every k-th when there are many) and minor ticks
 * at 2…9 × 10^k; over fewer than two decades, labelled ticks at 1, 2 and 5 × 10^k, and 1–2–5 steps of the values
 * within less than one. The lab's chart axes label by the same rule ({@link #labelledValues}).
 */
public record Ticks(double low, double high, List<Tick> major, List<Double> minor) {
    /** A major tick: position in the axis coordinate, the value there and its label. */
    record Tick(double position, double value, Label label) {
    }

    private static final double MARGIN = 0.04;
    private static final int TARGET_MAJOR = 5;
    private static final double MAX_DECADES = 6;
    /** Below this many decades, a log axis labels 1, 2 and 5 × 10^k in plain numbers. */
    private static final double FEW_DECADES = 2;

    /** Ticks for data whose finite values (in the axis coordinate) span {@code [min, max]}; NaN when there are none. */
    static Ticks of(Scale scale, double min, double max) {
        if (Double.isNaN(min)) {
            min = 0;
            max = 1;
        }
        if (min == max) {
            double half = scale == Scale.LOG ? 0.5 : Math.max(Math.abs(min) * 0.1, 0.5);
            min -= half;
            max += half;
        }
        double pad = (max - min) * MARGIN;
        return within(scale, min - pad, max + pad);
    }

    /**
     * The values an axis spanning exactly {@code [lower, upper]} (in data units, {@code lower > 0} on a log axis) is
     * labelled at: 1–2–5 steps, or 1, 2 and 5 × 10^k over one to two decades, or every shown decade beyond.
     */
    public static List<Double> labelledValues(Scale scale, double lower, double upper) {
        return within(scale, scale.map(lower), scale.map(upper)).major().stream().map(Tick::value).toList();
    }

    /** Ticks of an axis spanning exactly {@code [low, high]} in the axis coordinate. */
    private static Ticks within(Scale scale, double low, double high) {
        if (scale == Scale.LOG && high - low >= 1) {
            return decades(low, high);
        }
        List<Tick> major = new ArrayList<>();
        double from = scale.unmap(low);
        double to = scale.unmap(high);
        for (double v : linearTicks(from, to, niceStep((to - from) / TARGET_MAJOR))) {
            major.add(new Tick(scale.map(v), v, Label.of(format(v))));
        }
        return new Ticks(low, high, major, List.of());
    }

    /**
     * A panel's x ({@code horizontal}) or y axis over every point it can show, error bars' ends and guides across it
     * included.
     */
    static Ticks of(Panel panel, boolean horizontal) {
        Scale scale = (horizontal ? panel.x() : panel.y()).scale();
        // A point counts where it is drawn: both coordinates finite, each on its own axis's scale.
        Scale other = (horizontal ? panel.y() : panel.x()).scale();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Curve curve : panel.curves()) {
            for (int i = 0; i < curve.size(); i++) {
                double v = scale.map(horizontal ? curve.x(i) : curve.y(i));
                if (Double.isFinite(v) && Double.isFinite(other.map(horizontal ? curve.y(i) : curve.x(i)))) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        for (ErrorBars bars : panel.bars()) {
            for (int i = 0; i < bars.size(); i++) {
                if (bars.shows(i, panel.x().scale(), panel.y().scale())) {
                    // A low end the log axis cannot show is drawn to the edge: it widens nothing.
                    double[] ends = horizontal ? new double[] {bars.x(i)} : new double[] {bars.low(i), bars.high(i)};
                    for (double end : ends) {
                        double v = scale.map(end);
                        if (Double.isFinite(v)) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                }
            }
        }
        Guide.Orientation across = horizontal ? Guide.Orientation.VERTICAL : Guide.Orientation.HORIZONTAL;
        for (Guide guide : panel.guides()) {
            double v = scale.map(guide.value());
            if (guide.orientation() == across && Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max ? Ticks.of(scale, min, max) : Ticks.of(scale, Double.NaN, Double.NaN);
    }

    private static Ticks decades(double low, double high) {
        int last = (int) Math.floor(high);
        int every = Math.max(1, (int) Math.ceil((last - Math.ceil(low) + 1) / MAX_DECADES));
        return decades(low, high, high - low < FEW_DECADES, every, false);
    }

    /**
     * Decade ticks: every {@code every}-th decade labelled (in plain numbers when {@code plain}, else 10^k), the other
     * decades and, at every decade, 2…9 × 10^k as minor ticks; with {@code oneTwoFive}, 2 and 5 × 10^k labelled
     * too.
     */
    private static Ticks decades(double low, double high, boolean oneTwoFive, int every, boolean plain) {
        int last = (int) Math.floor(high);
        List<Tick> major = new ArrayList<>();
        List<Double> minor = new ArrayList<>();
        for (int k = (int) Math.floor(low); k <= last; k++) {
            for (int m = 1; m <= 9 && (m == 1 || every == 1); m++) {
                double position = k + Math.log10(m);
                if (position < low || position > high) {
                    continue;
                }
                if (oneTwoFive && (m == 1 || m == 2 || m == 5)) {
                    double value = m * Math.pow(10, k);
                    major.add(new Tick(position, value, Label.of(format(value))));
                } else if (m == 1 && Math.floorMod(k, every) == 0) {
                    major.add(new Tick(k, Math.pow(10, k), Label.of(plain ? format(Math.pow(10, k)) : power(k))));
                } else {
                    minor.add(position);
                }
            }
        }
        return new Ticks(low, high, major, minor);
    }

    private static String power(int exponent) {
        return "10^{" + (exponent < 0 ? "−" + -exponent : exponent) + "}";
    }

    /**
     * Ticks of an axis {@code length} points long whose labels, in {@code text}'s font, do not touch: the densest of
     * the usual ticks over {@code range}'s extent whose labels keep a gap (horizontal labels side by side, vertical
     * ones stacked); a linear axis's values of thousands may read 1k, 2k, and very large or small ones are scaled
     * ({@link Fitted#note} then says by what, for the axis label); a log axis labels every k-th decade. When even two
     * labels do not fit, one.
     */
    static Fitted fitting(Ticks range, Scale scale, double length, boolean horizontal, TextPainter text) {
        List<Fitted> candidates = candidates(scale, range.low(), range.high());
        for (Fitted candidate : candidates) {
            if (fits(candidate.ticks(), length, horizontal, text)) {
                return candidate;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** Ticks and, when their labels are the values scaled by a power of ten, that factor ("×10^{−3}"), else null. */
    record Fitted(Ticks ticks, String note) {
    }

    /** Tick sets from densest to sparsest; the last has one tick (or none when the axis holds no round value). */
    private static List<Fitted> candidates(Scale scale, double low, double high) {
        List<Fitted> candidates = new ArrayList<>();
        if (scale == Scale.LOG && high - low >= 1) {
            boolean few = high - low < FEW_DECADES;
            if (few) {
                candidates.add(new Fitted(decades(low, high, true, 1, false), null));
            }
            for (int every = 1; ; every = every < 3 ? every + 1 : every * 2) {
                Ticks ticks = decades(low, high, false, every, few);
                candidates.add(new Fitted(ticks, null));
                if (ticks.major().size() <= 1) {
                    break;
                }
            }
            return candidates;
        }
        double from = scale.unmap(low);
        double to = scale.unmap(high);
        double step = niceStep((to - from) / (2 * TARGET_MAJOR));
        while (true) {
            List<Double> values = linearTicks(from, to, step);
            if (values.isEmpty() && !candidates.isEmpty()) {
                break;
            }
            List<Tick> plain = new ArrayList<>();
            values.forEach(v -> plain.add(new Tick(scale.map(v), v, Label.of(format(v)))));
            // The shorter labels first: 1k before 1000, 1.5 (×10⁻⁵) before 1.5×10⁻⁵.
            Fitted compact = compact(scale, low, high, values, step);
            if (compact != null) {
                candidates.add(compact);
            }
            candidates.add(new Fitted(new Ticks(low, high, plain, List.of()), null));
            if (values.size() <= 1) {
                break;
            }
            step = niceStep(step * 1.9);
        }
        return candidates;
    }

    /** Thousands as 1k, 2k (millions as 1M); else values beyond 10⁴ or below 10⁻² as multiples of a power of 10. */
    private static Fitted compact(Scale scale, double low, double high, List<Double> values, double step) {
        double max = values.stream().mapToDouble(Math::abs).max().orElse(0);
        if (max == 0) {
            return null;
        }
        List<Tick> major = new ArrayList<>();
        for (double unit : new double[] {1e6, 1e3}) {
            if (max >= unit && values.stream().allMatch(v -> v % unit == 0)) {
                String suffix = unit == 1e6 ? "M" : "k";
                values.forEach(v -> major.add(new Tick(scale.map(v), v,
                        Label.of(v == 0 ? "0" : format(v / unit) + suffix))));
                return new Fitted(new Ticks(low, high, major, List.of()), null);
            }
        }
        if (max < 1e4 && max >= 1e-2) {
            return null;
        }
        int exponent = (int) Math.floor(Math.log10(max));
        double factor = Math.pow(10, exponent);
        values.forEach(v -> major.add(new Tick(scale.map(v), v,
                Label.of(format(roundToStep(v / factor, step / factor))))));
        return new Fitted(new Ticks(low, high, major, List.of()), "×" + power(exponent));
    }

    /** Whether the labels keep a gap between them, placed as the layout places them (centered on their tick). */
    private static boolean fits(Ticks ticks, double length, boolean horizontal, TextPainter text) {
        double gap = (horizontal ? 0.6 : 0.25) * text.size();
        double previousEnd = Double.NEGATIVE_INFINITY;
        for (Tick tick : ticks.major()) {
            double center = (tick.position() - ticks.low()) / (ticks.high() - ticks.low()) * length;
            double half = (horizontal ? text.width(tick.label()) : text.top(tick.label())
                    + text.bottom(tick.label())) / 2;
            if (center - half < previousEnd + gap) {
                return false;
            }
            previousEnd = center + half;
        }
        return true;
    }

    /** 1, 2 or 5 times a power of ten, the nearest to {@code rough}. */
    private static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        return nice * magnitude;
    }

    private static List<Double> linearTicks(double low, double high, double step) {
        List<Double> ticks = new ArrayList<>();
        for (long i = (long) Math.ceil(low / step); i * step <= high; i++) {
            ticks.add(roundToStep(i * step, step));
        }
        return ticks;
    }

    /** Removes the binary noise of {@code i * step} (0.30000000000000004 → 0.3). */
    private static double roundToStep(double value, double step) {
        int digits = Math.max(1, (int) Math.ceil(Math.log10(Math.abs(value) / step + 1)) + 1);
        return new BigDecimal(value).round(new MathContext(digits)).doubleValue();
    }

    /** A tick label: plain decimal without trailing zeros, a typographic minus, scientific when very large/small. */
    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        String text;
        if (magnitude >= 1e6 || magnitude < 1e-4) {
            BigDecimal decimal = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
            int exponent = decimal.precision() - decimal.scale() - 1;
            String mantissa = decimal.movePointLeft(exponent).toPlainString();
            text = (mantissa.equals("1") ? "" : mantissa + "×") + "10^{" + exponent + "}";
        } else {
            text = new BigDecimal(value).round(new MathContext(12)).stripTrailingZeros().toPlainString();
        }
        return text.replace('-', '−');
    }
}
