package org.normlab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.normlab.sim.data.DataFileException;
import org.normlab.sim.figure.FigureFiles;
import org.normlab.sim.figure.Format;
import org.normlab.sim.figure.Style;
import org.normlab.sim.model.Network;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.HeadlessRace;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.MemoryEstimate;
import org.normlab.sim.run.OutputDirectory;
import org.normlab.sim.run.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code normlab run EXPERIMENT.json --out DIR}: reads and checks the experiment and its data, then races its runs
 * and writes the results into DIR all at once, and prints a summary table. A diverged run is a result: exit code 0,
 * reported on the terminal, in the table and in its metrics. Ctrl-C stops the runs at a step boundary and keeps what
 * they computed, marked interrupted: exit code 130.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Races the runs of an experiment file and writes the results to a directory.",
            "",
            "DIR receives experiment.json (with every default filled in) and probe-set.csv, and for each run a "
                + "folder RUN/ with metrics.csv (training, evaluations and probes), events.csv, probe-costs.csv "
                + "and checkpoint.json (none if the run diverged). It appears only when the race ends; nothing is "
                + "written if the experiment or its data are invalid.",
            "",
            "Ctrl-C stops every run at the end of its current step and keeps its files up to that step, a "
                + "checkpoint of it, and DIR/interrupted (run,step: where each run stopped).",
            "",
            "Exit codes: 0 done (also when a run diverged), 1 internal error, 2 invalid input or unwritable output, "
                + "130 interrupted."})
final class RunCommand implements Callable<Integer> {
    private static final double DEFAULT_FONT_SIZE = 8;

    @Parameters(paramLabel = "EXPERIMENT.json", description = "the experiment file")
    private Path experimentFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (must not exist "
            + "or be empty)")
    private Path out;

    @Option(names = "--force", description = "replace DIR even if it is not empty")
    private boolean force;

    @Mixin
    private AssetsFolder assets;

    @Option(names = "--figures", description = "when the race ends, also render its figures into DIR/figures "
            + "(SVG, PDF, PNG at 300 dpi, CSV and pgfplots, single column; `normlab figures` offers every option)")
    private boolean figures;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Experiment experiment = ExperimentFile.read(experimentFile);
        MemoryEstimate.of(experiment, data(() -> experiment.data().shape(assets.folder())))
                .check(MemoryEstimate.Limits.current());
        HeadlessRace race = new HeadlessRace(experiment, data(() -> experiment.data().load(assets.folder())));
        OutputDirectory output = OutputDirectory.create(out, force);
        Interruption interruption = new Interruption(race::stop);
        try {
            return race(experiment, race, output);
        } catch (RuntimeException e) {
            // Reported here rather than by the caller, so that after Ctrl-C the JVM ends only once it is said.
            CommandLine command = spec.commandLine();
            return command.getExecutionExceptionHandler().handleExecutionException(e, command, null);
        } finally {
            interruption.close();
        }
    }

    /** Races the runs, puts their results in place and reports: the table and one line saying where they are. */
    private int race(Experiment experiment, HeadlessRace race, OutputDirectory output)
            throws IOException, InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        TerminalProgress progress = new TerminalProgress(console, System.console() != null, experiment.name(),
                experiment.runs().size(), "runs");
        List<HeadlessRace.Summary> summaries;
        try {
            summaries = race.execute(output, progress);
        } catch (IOException e) {
            throw output.failed(e);
        } finally {
            progress.finish();
        }
        boolean interrupted = summaries.stream().anyMatch(HeadlessRace.Summary::interrupted);
        Path results = output.commit(!interrupted);
        console.print(table(summaries));
        if (summaries.stream().anyMatch(summary -> !summary.probeCosts().isEmpty())) {
            console.print(probeTimes(summaries));
        }
        if (interrupted) {
            console.println(interrupted(experiment, summaries, results));
            return NormLab.INTERRUPTED;
        }
        console.println(String.format(Locale.ROOT, "%s: %d runs of %d steps; results in %s", experiment.name(),
                summaries.size(), experiment.training().steps(), out));
        if (figures) {
            List<Path> written = FiguresCommand.render(out, out.resolve("figures"), List.of(Format.values()),
                    Style.Width.SINGLE_COLUMN, FigureFiles.DEFAULT_DPI, "SansSerif", DEFAULT_FONT_SIZE);
            console.println(written.size() + " figure files in " + out.resolve("figures"));
        }
        return 0;
    }

    /** The one line after an interrupted race: where each run stopped and where its results are. */
    private String interrupted(Experiment experiment, List<HeadlessRace.Summary> summaries, Path results) {
        LongSummaryStatistics steps = summaries.stream().mapToLong(HeadlessRace.Summary::steps).summaryStatistics();
        String where = results.equals(out.toAbsolutePath().normalize())
                ? out + " (marked by " + out.resolve(HeadlessRace.INTERRUPTED) + ")"
                : results + " (" + out + " keeps its earlier results)";
        return String.format(Locale.ROOT, "%s: interrupted; runs stopped at step %s of %d; results so far in %s",
                experiment.name(), steps.getMin() == steps.getMax() ? Long.toString(steps.getMin())
                        : steps.getMin() + " to " + steps.getMax(), experiment.training().steps(), where);
    }

    /** Reads or prepares the data; a problem with a file or with the data settings is the user's to fix. */
    static <T> T data(Supplier<T> read) {
        try {
            return read.get();
        } catch (DataFileException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("data." + e.getMessage());
        }
    }

    /**
     * One line per run: last probe-set (training) loss and accuracy, test accuracy — each with the step it is from
     * when that is not the run's last (a diverged run's) — speed, how it ended.
     */
    private static String table(List<HeadlessRace.Summary> summaries) {
        TextTable table = new TextTable("run", "optimizer", "steps", "probe loss", "probe acc.", "test acc.",
                "steps/s", "probes", "result");
        for (HeadlessRace.Summary s : summaries) {
            double probeSeconds = s.probeCosts().stream().mapToDouble(Probes.Cost::seconds).sum();
            String from = s.evaluatedAt() == s.steps() ? "" : " (step " + s.evaluatedAt() + ")";
            table.add(s.run(), s.optimizer(), Long.toString(s.steps()), number("%.4g", s.probe().loss()) + from,
                    percent(s.probe()) + from, s.test() == null ? "-" : percent(s.test()) + from,
                    number("%.0f", s.steps() / s.seconds()),
                    s.seconds() > 0 ? number("%.0f%% of time", 100 * probeSeconds / s.seconds()) : "-",
                    s.diverged() ? "diverged at step " + s.divergedAt()
                            : s.interrupted() ? "interrupted at step " + s.steps() : "done");
        }
        return table.toString();
    }

    /** Seconds each probe took per run (measurements in parentheses); "-" where a run has no such probe. */
    private static String probeTimes(List<HeadlessRace.Summary> summaries) {
        List<String> probes = summaries.stream().flatMap(s -> s.probeCosts().stream()).map(Probes.Cost::probe)
                .distinct().toList();
        List<String> header = new ArrayList<>(List.of("probe seconds"));
        header.addAll(probes);
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (HeadlessRace.Summary s : summaries) {
            List<String> row = new ArrayList<>(List.of(s.run()));
            for (String probe : probes) {
                row.add(s.probeCosts().stream().filter(c -> c.probe().equals(probe)).findFirst()
                        .map(c -> number("%.2f", c.seconds()) + " (" + c.measurements() + ")").orElse("-"));
            }
            table.add(row.toArray(String[]::new));
        }
        return table.toString();
    }

    private static String percent(Network.Evaluation evaluation) {
        return number("%.2f%%", 100 * evaluation.accuracy());
    }

    private static String number(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
