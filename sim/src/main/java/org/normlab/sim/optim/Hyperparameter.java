package org.normlab.sim.optim;

/**
 * One named, live hyperparameter of a {@link Transform}: stages read {@link #value()} on every step, so a value set
 * between two steps applies from the next one. Every value is checked against its {@link Domain}; a value outside it
 * is refused and the old value stays.
 *
 * <p>Not thread-safe: set it from the thread that steps the optimizer (the run drains its command queue there).
 */
public final class Hyperparameter {
    private final String name;
    private final Domain domain;
    private double value;

    public Hyperparameter(String name, Domain domain, double value) {
        this.name = name;
        this.domain = domain;
        set(value);
    }

    public String name() {
        return name;
    }

    public Domain domain() {
        return domain;
    }

    public double value() {
        return value;
    }

    /** The value of an integer hyperparameter (sampling interval, period, K), saturating at the largest int. */
    public int intValue() {
        return (int) value;
    }

    /**
     * Sets the value used from the next step on.
     *
     * @throws IllegalArgumentException naming this hyperparameter and its allowed range, if {@code v} is outside it
     */
    public void set(double v) {
        check(v);
        value = v;
    }

    /** @throws IllegalArgumentException naming this hyperparameter and its allowed range, if {@code v} is outside it */
    public void check(double v) {
        if (!domain.contains(v)) {
            throw new IllegalArgumentException(name + " must be " + domain + ", was " + v);
        }
    }

    @Override
    public String toString() {
        return name + " = " + value;
    }

    /**
     * The allowed values: an interval with open or closed ends ({@code max} may be infinite, never included),
     * optionally integers only.
     */
    public record Domain(double min, boolean includesMin, double max, boolean includesMax, boolean integer) {

        public Domain {
            if (!(min <= max)) {
                throw new IllegalArgumentException("min must be <= max, was [" + min + ", " + max + "]");
            }
        }

        /** [0, ∞): learning rates, weight decay. */
        public static Domain nonNegative() {
            return new Domain(0, true, Double.POSITIVE_INFINITY, false, false);
        }

        /** (0, ∞): ε terms that guard a division. */
        public static Domain positive() {
            return new Domain(0, false, Double.POSITIVE_INFINITY, false, false);
        }

        /** [0, 1): momenta and EMA factors. */
        public static Domain unitInterval() {
            return new Domain(0, true, 1, false, false);
        }

        /** The integers 1, 2, 3, …: intervals, periods, sample counts. */
        public static Domain counts() {
            return new Domain(1, true, Double.POSITIVE_INFINITY, false, true);
        }

        public boolean contains(double v) {
            boolean aboveMin = includesMin ? v >= min : v > min;
            boolean belowMax = includesMax ? v <= max : v < max;
            return aboveMin && belowMax && Double.isFinite(v) && (!integer || v == Math.rint(v));
        }

        @Override
        public String toString() {
            String interval = (includesMin ? "[" : "(") + format(min) + ", " + format(max) + (includesMax ? "]" : ")");
            return integer ? "an integer in " + interval : "in " + interval;
        }

        private static String format(double v) {
            if (v == Double.POSITIVE_INFINITY) {
                return "∞";
            }
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
