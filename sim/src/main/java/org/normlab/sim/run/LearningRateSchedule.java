package org.normlab.sim.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Locale;

/**
 * A run's learning-rate schedule (sim/docs/math.md, "Learning-rate schedules"): a dimensionless factor {@code f(t)}
 * that multiplies the run's <em>base</em> learning rate, so the step after t steps uses {@code η_t = η·f(t)}. The
 * base is the optimizer's {@code learningRate}: a scheduled change or a lab edit of it sets the base, and the schedule
 * keeps shaping it. Chosen by {@code kind}, e.g. {@code {"kind": "cosine", "steps": 1000, "floor": 0.01}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LearningRateSchedule.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Step.class, name = "step"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Cosine.class, name = "cosine"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Exponential.class, name = "exponential"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Warmup.class, name = "warmup")})
public sealed interface LearningRateSchedule {

    /** The factor of the step taken after {@code t} steps (t ≥ 0), a finite number ≥ 0. */
    double factor(long t);

    /** A short description for the lab, e.g. {@code cosine over 1000 steps to 0.01×}. */
    @JsonIgnore
    String label();

    /** f(t) = 1: the base learning rate throughout. */
    record Constant() implements LearningRateSchedule {
        public double factor(long t) {
            return 1;
        }

        public String label() {
            return "constant";
        }
    }

    /**
     * f(t) = γ^⌊t/s⌋: the learning rate multiplied by {@code gamma} every {@code every} steps.
     *
     * @param every s ≥ 1
     * @param gamma γ in (0, ∞)
     */
    record Step(Long every, Double gamma) implements LearningRateSchedule {
        public Step {
            if (every == null || every < 1) {
                throw new IllegalArgumentException("every must be an integer >= 1 (steps between decays)"
                        + (every == null ? ", is required" : ", was " + every));
            }
            requirePositive(gamma, "gamma", "the factor applied every 'every' steps");
        }

        public double factor(long t) {
            return Math.pow(gamma, Math.floorDiv(t, every));
        }

        public String label() {
            return "×" + format(gamma) + " every " + every + " steps";
        }
    }

    /**
     * f(t) = m + ½(1 − m)(1 + cos(π·min(t, T)/T)): from 1 down to {@code floor} m over T steps, then m. With η₀ the
     * base, this is {@code η_min + ½(η₀ − η_min)(1 + cos(πt/T))} with {@code η_min = m·η₀}.
     *
     * @param steps T ≥ 1
     * @param floor m in [0, 1], default 0
     */
    record Cosine(Long steps, Double floor) implements LearningRateSchedule {
        public Cosine {
            if (steps == null || steps < 1) {
                throw new IllegalArgumentException("steps must be an integer >= 1 (the length of the decay)"
                        + (steps == null ? ", is required" : ", was " + steps));
            }
            floor = floor == null ? 0.0 : floor;
            if (!(floor >= 0 && floor <= 1)) {
                throw new IllegalArgumentException("floor must be in [0, 1] (the final fraction of the base "
                        + "learning rate), was " + floor);
            }
        }

        public double factor(long t) {
            double progress = (double) Math.min(t, steps) / steps;
            return floor + 0.5 * (1 - floor) * (1 + Math.cos(Math.PI * progress));
        }

        public String label() {
            return "cosine over " + steps + " steps to " + format(floor) + "×";
        }
    }

    /**
     * f(t) = ρ^t.
     *
     * @param rate ρ in (0, ∞): below 1 a decay, above 1 a growth
     */
    record Exponential(Double rate) implements LearningRateSchedule {
        public Exponential {
            requirePositive(rate, "rate", "the factor per step");
        }

        public double factor(long t) {
            return Math.pow(rate, t);
        }

        public String label() {
            return "×" + format(rate) + " per step";
        }
    }

    /**
     * Linear warm-up over w steps, then {@code then} from its own start: f(t) = (t + 1)/w for t &lt; w (the first
     * step already moves; the w-th uses the full base), else {@code then.f(t − w)}.
     *
     * @param steps w ≥ 1
     * @param then  the schedule after the warm-up (default constant); not another warm-up
     */
    record Warmup(Long steps, LearningRateSchedule then) implements LearningRateSchedule {
        public Warmup {
            if (steps == null || steps < 1) {
                throw new IllegalArgumentException("steps must be an integer >= 1 (the length of the warm-up)"
                        + (steps == null ? ", is required" : ", was " + steps));
            }
            then = then == null ? new Constant() : then;
            if (then instanceof Warmup) {
                throw new IllegalArgumentException("then must be constant, step, cosine or exponential, not another "
                        + "warmup");
            }
        }

        public double factor(long t) {
            return t < steps ? (double) (t + 1) / steps : then.factor(t - steps);
        }

        public String label() {
            return "warm-up " + steps + " steps" + (then instanceof Constant ? "" : ", then " + then.label());
        }
    }

    private static void requirePositive(Double value, String field, String what) {
        if (value == null || !(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0 (" + what + ")"
                    + (value == null ? ", is required" : ", was " + value));
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
