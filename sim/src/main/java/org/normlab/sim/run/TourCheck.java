package org.normlab.sim.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@link Tour} against its experiment, playing it step by step without training: each action, mark and
 * claim must name a run in the race at that point (runs added by an earlier {@code add_run} count from then on,
 * removed ones no longer) and a series that run records; {@code run_to} moves forward and stays within
 * {@code training.steps}; marks and claims read only steps the runs have reached; a {@code set} names a hyperparameter
 * of the run's optimizer with a value in its domain. Every message starts with the 1-based tour step and the field's
 * path inside it, e.g. {@code tour step 3: claims[0].series …}.
 */
final class TourCheck {
    private static final Pattern STEP_PATH = Pattern.compile("^tour\\.steps\\[(\\d+)\\]\\.?");

    private final Experiment experiment;
    private final boolean withTest;
    private final Map<String, Experiment.RunSetup> runs = new LinkedHashMap<>();
    private final Map<String, List<String>> recorded = new LinkedHashMap<>();
    private final Set<String> everRecorded = new LinkedHashSet<>();
    private long position;
    private String where;

    private TourCheck(Experiment experiment) {
        this.experiment = experiment;
        this.withTest = experiment.data().testFraction() > 0;
        experiment.runs().forEach(this::join);
    }

    /**
     * @param experiment the tour's experiment (its own tour aside)
     * @throws IllegalArgumentException naming the tour step, the field and what is allowed
     */
    static void requireFits(Tour tour, Experiment experiment) {
        TourCheck check = new TourCheck(experiment);
        for (int i = 0; i < tour.steps().size(); i++) {
            check.where = "tour step " + (i + 1) + ": ";
            check.step(tour.steps().get(i));
        }
        for (int k = 0; k < tour.charts().size(); k++) {
            String chart = tour.charts().get(k);
            if (!check.everRecorded.contains(chart)) {
                throw new IllegalArgumentException("tour.charts[" + k + "] '" + chart + "' is not a series any run of "
                        + "the tour records;" + hint(chart, List.copyOf(check.everRecorded)));
            }
        }
    }

    /**
     * A message about a field under {@code tour.steps[i]} (Jackson's 0-based path) rewritten to name the tour step as
     * {@link #requireFits} does: {@code tour step i+1: rest}; other messages unchanged.
     */
    static String located(String message) {
        Matcher m = STEP_PATH.matcher(message);
        return m.find() ? "tour step " + (Integer.parseInt(m.group(1)) + 1) + ": " + message.substring(m.end())
                : message;
    }

    private void join(Experiment.RunSetup setup) {
        runs.put(setup.name(), setup);
        List<String> series = new ArrayList<>(Recorder.series(withTest));
        series.addAll(RunProbes.series(experiment, setup));
        recorded.put(setup.name(), series);
        everRecorded.addAll(series);
    }

    private void step(Tour.Step step) {
        for (int j = 0; j < step.actions().size(); j++) {
            action(step.actions().get(j), "do[" + j + "]");
        }
        for (int j = 0; j < step.marks().size(); j++) {
            mark(step.marks().get(j), "marks[" + j + "]");
        }
        for (int j = 0; j < step.claims().size(); j++) {
            claim(step.claims().get(j), "claims[" + j + "]");
        }
    }

    private void action(Tour.Action action, String at) {
        if (action instanceof Tour.Action.RunTo runTo) {
            if (runTo.step() <= position) {
                fail(at + ".step", "run_to must go forward: the runs are at step " + position + " here, was "
                        + runTo.step());
            }
            requireWithinTraining(runTo.step(), at + ".step");
            position = runTo.step();
        } else if (action instanceof Tour.Action.Set set) {
            Experiment.RunSetup setup = requireRun(set.run(), at + ".run");
            try {
                if (set.name().equals(Run.BATCH_SIZE)) {
                    BatchSize.requireWhole(set.value(), Run.BATCH_SIZE);
                } else {
                    setup.optimizer().transform(OptimizerSetup.Binding.NONE).hyperparameters()
                            .check(set.name(), set.value());
                }
            } catch (IllegalArgumentException e) {
                fail(at + ".name", "run " + set.run() + ": " + e.getMessage());
            }
        } else if (action instanceof Tour.Action.AddRun add) {
            Experiment.RunSetup setup = add.run();
            if (runs.containsKey(setup.name())) {
                fail(at + ".run.name", "'" + setup.name() + "' is a run of the race already; names must be distinct");
            }
            try {
                // The experiment's own checks of a run (its optimizer's normalization, its batch sizes).
                experiment.withRunSetups(List.of(setup));
            } catch (IllegalArgumentException e) {
                fail(at + ".run", e.getMessage().replaceFirst("^runs\\[0\\]\\.?", ""));
            }
            join(setup);
        } else if (action instanceof Tour.Action.RemoveRun remove) {
            requireRun(remove.run(), at + ".run");
            if (runs.size() == 1) {
                fail(at + ".run", "'" + remove.run() + "' is the last run of the race; a race keeps one");
            }
            runs.remove(remove.run());
        } else if (action instanceof Tour.Action.LogScale logScale) {
            requireSeriesOfSomeRun(logScale.series(), at + ".series");
        }
    }

    private void mark(Tour.Mark mark, String at) {
        if (mark instanceof Tour.Mark.Circle circle) {
            requirePoint(circle.run(), circle.series(), circle.step(), at);
        } else if (mark instanceof Tour.Mark.Arrow arrow) {
            requirePoint(arrow.run(), arrow.series(), arrow.step(), at);
        } else if (mark instanceof Tour.Mark.Highlight highlight) {
            requireSeries(requireRunName(highlight.run(), at), highlight.series(), at + ".series");
        } else if (mark instanceof Tour.Mark.Band band) {
            requireSeriesOfSomeRun(band.series(), at + ".series");
            if (band.spansSteps()) {
                requireWithinTraining(band.toStep(), at + ".toStep");
            }
        }
    }

    private void claim(Tour.Claim claim, String at) {
        String run = requireRunName(claim.run(), at);
        requireSeries(run, claim.series(), at + ".series");
        requireReached(claim.lastStep(), at + (claim instanceof Tour.Claim.Trend ? ".to" : ".step"));
        if (claim instanceof Tour.Claim.AboveSeries c) {
            requireSeries(run, c.aboveSeries(), at + ".above_series");
        } else if (claim instanceof Tour.Claim.BelowSeries c) {
            requireSeries(run, c.belowSeries(), at + ".below_series");
        } else if (claim instanceof Tour.Claim.AboveRun c) {
            requireOtherRun(run, c.aboveRun(), claim.series(), at + ".above_run");
        } else if (claim instanceof Tour.Claim.BelowRun c) {
            requireOtherRun(run, c.belowRun(), claim.series(), at + ".below_run");
        }
    }

    private void requirePoint(String run, String series, long step, String at) {
        requireSeries(requireRunName(run, at), series, at + ".series");
        requireReached(step, at + ".step");
    }

    private void requireOtherRun(String run, String other, String series, String at) {
        requireRun(other, at);
        if (other.equals(run)) {
            fail(at, "must name another run than the claim's run '" + run + "'");
        }
        requireSeries(other, series, at);
    }

    private String requireRunName(String run, String at) {
        requireRun(run, at + ".run");
        return run;
    }

    private Experiment.RunSetup requireRun(String run, String at) {
        Experiment.RunSetup setup = runs.get(run);
        if (setup == null) {
            fail(at, "'" + run + "' is not a run of the race at this step;" + hint(run, List.copyOf(runs.keySet())));
        }
        return setup;
    }

    private void requireSeries(String run, String series, String at) {
        List<String> ids = recorded.get(run);
        if (!ids.contains(series)) {
            fail(at, "'" + series + "' is not a series run " + run + " records;" + hint(series, ids));
        }
    }

    private void requireSeriesOfSomeRun(String series, String at) {
        if (runs.keySet().stream().noneMatch(r -> recorded.get(r).contains(series))) {
            List<String> ids = runs.keySet().stream().flatMap(r -> recorded.get(r).stream()).distinct().toList();
            fail(at, "'" + series + "' is not a series any run of the race records at this step;" + hint(series, ids));
        }
    }

    private void requireReached(long step, String at) {
        if (step > position) {
            fail(at, "the runs are at step " + position + " here (the last run_to): a mark or claim reads only steps "
                    + "they have reached, was " + step);
        }
    }

    private void requireWithinTraining(long step, String at) {
        if (step > experiment.training().steps()) {
            fail(at, "must be at most training.steps (" + experiment.training().steps() + "), was " + step);
        }
    }

    /** " did you mean X?" when a name is close, else the names allowed. */
    private static String hint(String name, List<String> allowed) {
        return ExperimentFile.closest(name, allowed).map(c -> " did you mean " + c + "?")
                .orElse(" allowed here: " + String.join(", ", allowed));
    }

    private void fail(String field, String message) {
        throw new IllegalArgumentException(where + field + ": " + message);
    }
}
