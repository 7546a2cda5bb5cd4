package org.normlab.app.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.normlab.sim.run.LearningRateSchedule;

/**
 * A learning-rate schedule as the setup form shows it, one line of words and numbers: empty (none),
 * {@code constant}, {@code step EVERY GAMMA}, {@code cosine STEPS [FLOOR]}, {@code exponential RATE}, or
 * {@code warmup STEPS [then one of the others]}. The numbers are those of the experiment file's fields
 * ({@link LearningRateSchedule}), which check them.
 */
final class ScheduleText {
    static final String FORMS = "constant, step EVERY GAMMA, cosine STEPS [FLOOR], exponential RATE, "
            + "warmup STEPS [then …]";

    private ScheduleText() {
    }

    /** The line for {@code schedule} (null: empty), read back by {@link #parse} to an equal schedule. */
    static String format(LearningRateSchedule schedule) {
        if (schedule == null) {
            return "";
        }
        if (schedule instanceof LearningRateSchedule.Step s) {
            return "step " + s.every() + " " + s.gamma();
        } else if (schedule instanceof LearningRateSchedule.Cosine c) {
            return "cosine " + c.steps() + (c.floor() == 0 ? "" : " " + c.floor());
        } else if (schedule instanceof LearningRateSchedule.Exponential e) {
            return "exponential " + e.rate();
        } else if (schedule instanceof LearningRateSchedule.Warmup w) {
            return "warmup " + w.steps() + (w.then() instanceof LearningRateSchedule.Constant ? ""
                    : " " + format(w.then()));
        }
        return "constant";
    }

    /**
     * The schedule a line describes, null for an empty line.
     *
     * @throws IllegalArgumentException "schedule …" naming what is wrong and the forms allowed
     */
    static LearningRateSchedule parse(String text) {
        List<String> words = Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            return null;
        }
        try {
            return parse(words);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule: " + e.getMessage() + " (allowed: " + FORMS + ")", e);
        }
    }

    private static LearningRateSchedule parse(List<String> words) {
        String kind = words.get(0).toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "constant" -> {
                count(words, 1, 1);
                yield new LearningRateSchedule.Constant();
            }
            case "step" -> {
                count(words, 3, 3);
                yield new LearningRateSchedule.Step(integer(words.get(1)), number(words.get(2)));
            }
            case "cosine" -> {
                count(words, 2, 3);
                yield new LearningRateSchedule.Cosine(integer(words.get(1)),
                        words.size() > 2 ? number(words.get(2)) : null);
            }
            case "exponential" -> {
                count(words, 2, 2);
                yield new LearningRateSchedule.Exponential(number(words.get(1)));
            }
            case "warmup" -> {
                if (words.size() < 2) {
                    throw new IllegalArgumentException("warmup takes its number of steps, was 'warmup'");
                }
                yield new LearningRateSchedule.Warmup(integer(words.get(1)),
                        words.size() > 2 ? parse(words.subList(2, words.size())) : null);
            }
            default -> throw new IllegalArgumentException("'" + words.get(0) + "' is not a kind of schedule");
        };
    }

    private static void count(List<String> words, int min, int max) {
        if (words.size() < min || words.size() > max) {
            throw new IllegalArgumentException(words.get(0) + " takes " + (min == max ? min - 1 : (min - 1) + " or "
                    + (max - 1)) + " numbers, was '" + String.join(" ", words) + "'");
        }
    }

    private static long integer(String word) {
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + word + "' is not an integer");
        }
    }

    private static double number(String word) {
        try {
            return Double.parseDouble(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + word + "' is not a number");
        }
    }
}
