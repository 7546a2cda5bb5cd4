package org.normlab.sim.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.run.HeadlessRace;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.OutputDirectory;
import org.normlab.sim.run.Progress;

/**
 * Runs trials of a sweep into its {@code trials/} folder, each as {@code normlab run} writes a race (one run), plus
 * {@value #RESULT} (its {@link TrialResult}) and {@value #TIMING} (its seconds, apart: timing is never part of what
 * must be identical). A trial's folder appears whole, by one rename ({@link OutputDirectory}), and only for a trial
 * that ran to its end or diverged: a folder that exists is a finished trial, which is never run again. So a retried
 * or duplicated attempt (a Spark task run twice) finds the folder or loses the rename, and discards its own copy —
 * identical anyway, since a trial is a pure function of the sweep and its number. Safe for several threads.
 */
public final class TrialRunner {
    /** A finished trial's result: the header {@link TrialResult#COLUMNS} and one row. */
    public static final String RESULT = "result.csv";
    /** A finished trial's time: {@code seconds} and one value, the seconds its run took (probes included). */
    public static final String TIMING = "timing.csv";

    private final Sweep sweep;
    private final DataSpec.Split data;
    private final Path trials;
    private final Set<HeadlessRace> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /** @param trials the sweep's {@code trials/} folder */
    public TrialRunner(Sweep sweep, DataSpec.Split data, Path trials) {
        this.sweep = sweep;
        this.data = data;
        this.trials = trials;
    }

    /** Whether the trial folder {@code folder} holds a finished trial. */
    public static boolean finished(Path folder) {
        return Files.isRegularFile(folder.resolve(RESULT));
    }

    /**
     * Runs trial {@code index} unless its folder exists; true if the folder now holds its results, false if the
     * trial was stopped ({@link #stop}) before its end (nothing of it is kept).
     *
     * @throws InvalidInputException naming the trial and the file, if its results could not be written
     */
    public boolean run(int index, Progress progress) throws InterruptedException {
        Trial trial = sweep.trial(index);
        Path target = trials.resolve(trial.folder());
        if (finished(target)) {
            return true;
        }
        if (stopped) {
            return false;
        }
        HeadlessRace race;
        OutputDirectory out;
        try {
            race = new HeadlessRace(trial.experiment(), data);
            out = OutputDirectory.create(target, false);
        } catch (InvalidInputException e) {
            if (finished(target)) {
                return true;
            }
            throw new InvalidInputException(trial.describe() + ": " + e.getMessage());
        }
        running.add(race);
        try {
            if (stopped) {
                race.stop();
            }
            List<HeadlessRace.Summary> summaries;
            try {
                summaries = race.execute(out, named(trial, progress));
            } catch (IOException e) {
                throw new InvalidInputException(trial.describe() + ": " + out.failed(e).getMessage());
            }
            HeadlessRace.Summary summary = summaries.get(0);
            if (summary.interrupted()) {
                out.discard();
                return false;
            }
            try {
                TrialResult result = TrialResult.of(out.file(summary.run()).resolve("metrics.csv"));
                write(out.file(RESULT), String.join(",", TrialResult.COLUMNS) + "\n"
                        + String.join(",", result.cells()) + "\n");
                write(out.file(TIMING), "seconds\n" + summary.seconds() + "\n");
            } catch (IOException e) {
                throw new InvalidInputException(trial.describe() + ": " + out.failed(e).getMessage());
            }
            try {
                out.commit(true);
            } catch (InvalidInputException e) {
                if (!finished(target)) {
                    throw new InvalidInputException(trial.describe() + ": " + e.getMessage());
                }
                // Another attempt of this trial finished first: its folder stays, this copy goes.
                out.discard();
            }
            return true;
        } finally {
            running.remove(race);
        }
    }

    /**
     * Builds trial {@code index} on the data without running it, so that what only the data can refuse (a batch
     * larger than the training set, a probe set a network cannot normalize) is refused before any trial runs.
     *
     * @throws InvalidInputException naming the trial and the field
     */
    public void check(int index) {
        Trial trial = sweep.trial(index);
        try {
            new HeadlessRace(trial.experiment(), data);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(trial.describe() + ": " + e.getMessage());
        }
    }

    /** Stops the trials running now at their next step (their folders are not kept) and starts no more. */
    public void stop() {
        stopped = true;
        running.forEach(HeadlessRace::stop);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Progress reported under the trial's folder name, as the run name is the same in every trial. */
    private static Progress named(Trial trial, Progress progress) {
        return new Progress() {
            @Override
            public void stepped(String run, long step, long totalSteps) {
                progress.stepped(trial.folder(), step, totalSteps);
            }

            @Override
            public void diverged(String run, long step) {
                progress.diverged(trial.describe(), step);
            }
        };
    }
}
