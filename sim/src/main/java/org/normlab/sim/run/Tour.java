package org.normlab.sim.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.HashSet;
import java.util.List;

/**
 * A guided tour of an experiment (the optional {@code "tour"} of its file): the one to four charts a lesson shows and
 * its steps, each narration with the actions applied on entering it, "look here" marks and the claims that make the
 * narration checkable with numbers. The records check their own fields; {@link TourCheck} checks the tour against its
 * experiment (runs, series, steps, hyperparameters), step by step. The lab and the headless player apply the actions
 * themselves, in order.
 *
 * @param charts series ids (the lab's chart ids, e.g. {@code hessian.top_eig}) a presenter shows, 1 to 4, distinct
 * @param steps  the tour's steps, at least one
 */
public record Tour(List<String> charts, List<Step> steps) {
    /** Most charts a tour may show. */
    public static final int MAX_CHARTS = 4;

    public Tour {
        if (charts == null || charts.isEmpty() || charts.size() > MAX_CHARTS) {
            throw new IllegalArgumentException("charts must be an array of 1 to " + MAX_CHARTS + " series ids"
                    + (charts == null ? "" : ", had " + charts.size()));
        }
        charts = List.copyOf(charts);
        if (new HashSet<>(charts).size() != charts.size()) {
            throw new IllegalArgumentException("charts must name each series at most once, was " + charts);
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("steps must be a non-empty array of tour steps");
        }
        steps = List.copyOf(steps);
    }

    /**
     * The step the runs are at once tour step {@code index} (0-based) has applied its actions: its last
     * {@code run_to} or an earlier step's, 0 before any (e.g. for going back a step: reset, then run to this).
     */
    public long reachedAt(int index) {
        long reached = 0;
        for (Step step : steps.subList(0, index + 1)) {
            for (Action action : step.actions()) {
                if (action instanceof Action.RunTo runTo) {
                    reached = runTo.step();
                }
            }
        }
        return reached;
    }

    /**
     * One step of the tour.
     *
     * @param say     the narration, one or two sentences (shown with the marks)
     * @param ask     a question shown before the narration and marks, or null
     * @param actions applied in order on entering the step ({@code "do"} in the file), may be empty
     * @param marks   drawn on the charts with the narration, may be empty
     * @param claims  what the narration states, checked with numbers after the actions, may be empty
     */
    public record Step(String say, @JsonInclude(JsonInclude.Include.NON_NULL) String ask,
                       @JsonProperty("do") List<Action> actions, List<Mark> marks, List<Claim> claims) {
        public Step {
            if (say == null || say.isBlank()) {
                throw new IllegalArgumentException("say is required (the narration, a non-empty string)");
            }
            if (ask != null && ask.isBlank()) {
                throw new IllegalArgumentException("ask must be a non-empty question when given");
            }
            actions = actions == null ? List.of() : List.copyOf(actions);
            marks = marks == null ? List.of() : List.copyOf(marks);
            claims = claims == null ? List.of() : List.copyOf(claims);
        }
    }

    /** What a tour step does on entering it; the kind is the file's {@code "action"}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
    @JsonSubTypes({@JsonSubTypes.Type(value = Action.RunTo.class, name = "run_to"),
            @JsonSubTypes.Type(value = Action.Pause.class, name = "pause"),
            @JsonSubTypes.Type(value = Action.Set.class, name = "set"),
            @JsonSubTypes.Type(value = Action.AddRun.class, name = "add_run"),
            @JsonSubTypes.Type(value = Action.RemoveRun.class, name = "remove_run"),
            @JsonSubTypes.Type(value = Action.LogScale.class, name = "log_scale")})
    public sealed interface Action {

        /** Every run advances to exactly step {@code step} (from wherever it is), then pauses. */
        record RunTo(long step) implements Action {
            public RunTo {
                if (step < 1) {
                    throw new IllegalArgumentException("step must be an integer >= 1, was " + step);
                }
            }
        }

        /** Every run pauses (the lab's pause; nothing to do headless, where runs pause after each run_to). */
        record Pause() implements Action {
        }

        /** Hyperparameter {@code name} of run {@code run} becomes {@code value} from its next step. */
        record Set(String run, String name, double value) implements Action {
            public Set {
                requireText(run, "run", "a run's name");
                requireText(name, "name", "a hyperparameter of the run's optimizer, as in changes");
            }
        }

        /** A run joins the race at step 0 (a {@code runs[]} entry, laid over the same defaults). */
        record AddRun(Experiment.RunSetup run) implements Action {
            public AddRun {
                if (run == null) {
                    throw new IllegalArgumentException("run is required (an object like an entry of runs)");
                }
            }
        }

        /** Run {@code run} leaves the race. */
        record RemoveRun(String run) implements Action {
            public RemoveRun {
                requireText(run, "run", "a run's name");
            }
        }

        /** The chart of series {@code series} switches its value axis to log scale ({@code on}) or back. */
        record LogScale(String series, boolean on) implements Action {
            public LogScale {
                requireText(series, "series", "a series id");
            }
        }
    }

    /** "Look here" on the charts; the kind is the file's {@code "mark"}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mark")
    @JsonSubTypes({@JsonSubTypes.Type(value = Mark.Circle.class, name = "circle"),
            @JsonSubTypes.Type(value = Mark.Arrow.class, name = "arrow"),
            @JsonSubTypes.Type(value = Mark.Highlight.class, name = "highlight"),
            @JsonSubTypes.Type(value = Mark.Band.class, name = "band")})
    public sealed interface Mark {
        /** The series whose chart carries the mark. */
        String series();

        /** A circle round run {@code run}'s value of {@code series} at {@code step}. */
        record Circle(String run, String series, long step) implements Mark {
            public Circle {
                requirePoint(run, series, step);
            }
        }

        /** An arrow to run {@code run}'s value of {@code series} at {@code step}, labelled {@code text} if given. */
        record Arrow(String run, String series, long step, @JsonInclude(JsonInclude.Include.NON_NULL) String text)
                implements Mark {
            public Arrow {
                requirePoint(run, series, step);
            }
        }

        /** Run {@code run}'s curve of {@code series} drawn heavier than the others. */
        record Highlight(String run, String series) implements Mark {
            public Highlight {
                requireText(run, "run", "a run's name");
                requireText(series, "series", "a series id");
            }
        }

        /**
         * A shaded band on the chart of {@code series}: of values {@code [low, high]} (horizontal) or of steps
         * {@code [fromStep, toStep]} (vertical); exactly one of the two pairs is given.
         */
        record Band(String series, @JsonInclude(JsonInclude.Include.NON_NULL) Double low,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Double high,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Long fromStep,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Long toStep) implements Mark {
            public Band {
                requireText(series, "series", "a series id");
                boolean values = low != null || high != null;
                boolean span = fromStep != null || toStep != null;
                if (values == span) {
                    throw new IllegalArgumentException("a band needs either low and high (values) or fromStep and "
                            + "toStep (steps)");
                }
                if (values && !(low != null && high != null && Double.isFinite(low) && Double.isFinite(high)
                        && low < high)) {
                    throw new IllegalArgumentException("low and high must be finite numbers with low < high, was "
                            + low + " and " + high);
                }
                if (span && !(fromStep != null && toStep != null && fromStep >= 0 && fromStep < toStep)) {
                    throw new IllegalArgumentException("fromStep and toStep must be steps with 0 <= fromStep < "
                            + "toStep, was " + fromStep + " and " + toStep);
                }
            }

            /** Whether this band spans steps rather than values. */
            @JsonIgnore
            public boolean spansSteps() {
                return fromStep != null;
            }
        }
    }

    /**
     * What the narration states about run {@code run}'s series {@code series}, checked with numbers: at one step
     * against a number, another series or another run, or as a trend over a span of steps. The kind is the test's
     * field ({@code above}, {@code near}, {@code rises}, …); exactly one test per claim.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(value = Claim.Above.class, name = "above"),
            @JsonSubTypes.Type(value = Claim.Below.class, name = "below"),
            @JsonSubTypes.Type(value = Claim.Between.class, name = "between"),
            @JsonSubTypes.Type(value = Claim.Near.class, name = "near"),
            @JsonSubTypes.Type(value = Claim.AboveSeries.class, name = "above_series"),
            @JsonSubTypes.Type(value = Claim.BelowSeries.class, name = "below_series"),
            @JsonSubTypes.Type(value = Claim.AboveRun.class, name = "above_run"),
            @JsonSubTypes.Type(value = Claim.BelowRun.class, name = "below_run"),
            @JsonSubTypes.Type(value = Claim.Rises.class, name = "rises"),
            @JsonSubTypes.Type(value = Claim.Falls.class, name = "falls"),
            @JsonSubTypes.Type(value = Claim.Monotone.class, name = "monotone")})
    public sealed interface Claim {
        String run();

        String series();

        /** The first step the claim reads. */
        @JsonIgnore
        long firstStep();

        /** The last step the claim reads: the runs must have reached it. */
        @JsonIgnore
        long lastStep();

        /** A claim about the value at one step. */
        sealed interface AtStep extends Claim {
            long step();

            @Override
            default long firstStep() {
                return step();
            }

            @Override
            default long lastStep() {
                return step();
            }
        }

        /** A claim about the values over the measured steps in {@code [from, to]}. */
        sealed interface Trend extends Claim {
            long from();

            long to();

            @Override
            default long firstStep() {
                return from();
            }

            @Override
            default long lastStep() {
                return to();
            }
        }

        /** The value is greater than {@code above}. */
        record Above(String run, String series, long step, double above) implements AtStep {
            public Above {
                requirePoint(run, series, step);
                requireFinite(above, "above");
            }
        }

        /** The value is less than {@code below}. */
        record Below(String run, String series, long step, double below) implements AtStep {
            public Below {
                requirePoint(run, series, step);
                requireFinite(below, "below");
            }
        }

        /** The value lies in {@code [between[0], between[1]]}. */
        record Between(String run, String series, long step, List<Double> between) implements AtStep {
            public Between {
                requirePoint(run, series, step);
                if (between == null || between.size() != 2 || between.get(0) == null || between.get(1) == null
                        || !(Double.isFinite(between.get(0)) && Double.isFinite(between.get(1)))
                        || !(between.get(0) < between.get(1))) {
                    throw new IllegalArgumentException("between must be [low, high], two finite numbers with low < "
                            + "high, was " + between);
                }
                between = List.copyOf(between);
            }
        }

        /** The value is within relative distance {@code within} of {@code near}: |v − near| ≤ within·|near|. */
        record Near(String run, String series, long step, double near, double within) implements AtStep {
            public Near {
                requirePoint(run, series, step);
                requireFinite(near, "near");
                if (!(within > 0 && within < 1)) {
                    throw new IllegalArgumentException("within must be a relative tolerance in (0, 1), was "
                            + within);
                }
            }
        }

        /** The value is greater than run {@code run}'s series {@code above_series} at the same step. */
        record AboveSeries(String run, String series, long step, @JsonProperty("above_series") String aboveSeries)
                implements AtStep {
            public AboveSeries {
                requirePoint(run, series, step);
                requireText(aboveSeries, "above_series", "a series id");
            }
        }

        /** The value is less than run {@code run}'s series {@code below_series} at the same step. */
        record BelowSeries(String run, String series, long step, @JsonProperty("below_series") String belowSeries)
                implements AtStep {
            public BelowSeries {
                requirePoint(run, series, step);
                requireText(belowSeries, "below_series", "a series id");
            }
        }

        /** The value is greater than run {@code above_run}'s value of the same series at the same step. */
        record AboveRun(String run, String series, long step, @JsonProperty("above_run") String aboveRun)
                implements AtStep {
            public AboveRun {
                requirePoint(run, series, step);
                requireText(aboveRun, "above_run", "a run's name");
            }
        }

        /** The value is less than run {@code below_run}'s value of the same series at the same step. */
        record BelowRun(String run, String series, long step, @JsonProperty("below_run") String belowRun)
                implements AtStep {
            public BelowRun {
                requirePoint(run, series, step);
                requireText(belowRun, "below_run", "a run's name");
            }
        }

        /** The value at {@code to} is greater than at {@code from}. */
        record Rises(String run, String series, long from, long to, boolean rises) implements Trend {
            public Rises {
                requireSpan(run, series, from, to);
                requireTrue(rises, "rises");
            }
        }

        /** The value at {@code to} is less than at {@code from}. */
        record Falls(String run, String series, long from, long to, boolean falls) implements Trend {
            public Falls {
                requireSpan(run, series, from, to);
                requireTrue(falls, "falls");
            }
        }

        /** Each measured value in {@code [from, to]} is at least (increasing) or at most (decreasing) the one before. */
        record Monotone(String run, String series, long from, long to, Direction monotone) implements Trend {
            public Monotone {
                requireSpan(run, series, from, to);
                if (monotone == null) {
                    throw new IllegalArgumentException("monotone must be one of increasing, decreasing");
                }
            }
        }

        /** The direction of a {@link Monotone} claim. */
        enum Direction {
            INCREASING, DECREASING
        }
    }

    private static void requireText(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required (" + what + ")");
        }
    }

    private static void requirePoint(String run, String series, long step) {
        requireText(run, "run", "a run's name");
        requireText(series, "series", "a series id");
        if (step < 0) {
            throw new IllegalArgumentException("step must be an integer >= 0, was " + step);
        }
    }

    private static void requireSpan(String run, String series, long from, long to) {
        requireText(run, "run", "a run's name");
        requireText(series, "series", "a series id");
        if (!(from >= 0 && from < to)) {
            throw new IllegalArgumentException("from and to must be steps with 0 <= from < to, was " + from + " and "
                    + to);
        }
    }

    private static void requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
    }

    private static void requireTrue(boolean value, String field) {
        if (!value) {
            throw new IllegalArgumentException(field + " must be true (a claim states a trend; for the opposite use "
                    + "the other word)");
        }
    }
}
