package org.normlab.sim.cli;

import java.util.Locale;
import org.normlab.sim.run.InvalidInputException;

/** An option's allowed range, checked with one message naming the option: "--dpi must be in [36, 2400], was 10". */
final class OptionRange {
    private OptionRange() {
    }

    static void check(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s must be in [%s, %s], was %s", option,
                    number(min), number(max), number(value)));
        }
    }

    /** A whole number without a decimal point. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
