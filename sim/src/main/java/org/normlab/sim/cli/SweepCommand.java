package org.normlab.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.MemoryEstimate;
import org.normlab.sim.sweep.Grid;
import org.normlab.sim.sweep.LocalPool;
import org.normlab.sim.sweep.Sweep;
import org.normlab.sim.sweep.SweepEngine;
import org.normlab.sim.sweep.SweepFolder;
import org.normlab.sim.sweep.Trial;
import org.normlab.sim.sweep.TrialRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code normlab sweep SWEEP.json --out DIR}: trains every trial of a sweep — on a local pool of threads, or on
 * Apache Spark with {@code --engine spark} — and writes {@code sweep.csv}. Rerun into the same folder, it resumes.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Trains a base experiment over a grid of optimizers' hyperparameters, batch sizes, widths and "
                + "seeds, one trial per combination, and tabulates the results.",
            "",
            "DIR receives sweep.json (the sweep, its experiment inline), trials/trial-NNNNN/ (each as `normlab run` "
                + "writes a race of one run, plus result.csv and timing.csv), sweep.csv (one row per trial: its "
                + "axis values, final and best probe and test loss and accuracy, the step it diverged at, its "
                + "folder) and timings.csv (each trial's seconds, kept apart: timing is not reproducible).",
            "",
            "Rerunning the same sweep into DIR resumes it: finished trials are kept, the others run. Ctrl-C stops "
                + "the trials in progress (they are not kept) and writes the tables of the finished ones.",
            "",
            "Exit codes: 0 done, 1 internal error, 2 invalid input or unwritable output, 130 interrupted."})
final class SweepCommand implements Callable<Integer> {
    /** The rate a refused sweep's time is estimated at: a rough figure, said as such. */
    private static final double FLOPS_PER_CORE = 1e9;

    @Parameters(paramLabel = "SWEEP.json", description = "the sweep file")
    private Path sweepFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder: new, empty, or "
            + "holding this same sweep (resumed)")
    private Path out;

    @Option(names = "--engine", paramLabel = "pool|spark", defaultValue = "pool",
            description = "pool (default): threads in this process; spark: Apache Spark tasks (needs the spark "
                    + "module: sim/spark/normlab-spark or spark-submit)")
    private String engine;

    @Option(names = "--master", paramLabel = "URL", description = "the Spark master, e.g. local[2], "
            + "spark://host:7077, yarn, k8s://https://host:6443 (only with --engine spark; default: as spark-submit "
            + "set it)")
    private String master;

    @Option(names = "--threads", paramLabel = "N", description = "trials at once on the pool (default: one per core)")
    private Integer threads;

    @Option(names = "--yes", description = "run a sweep of more than " + Sweep.CONFIRM_ABOVE + " trials")
    private boolean yes;

    @Mixin
    private AssetsFolder assets;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads != null && threads < 1) {
            throw new InvalidInputException("--threads must be an integer >= 1, was " + threads);
        }
        SweepEngine cluster = engine();
        Sweep sweep = Sweep.read(sweepFile);
        Experiment first = sweep.trial(0).experiment();
        DataSpec.Shape shape = RunCommand.data(() -> first.data().shape(assets.folder()));
        MemoryEstimate.of(first, shape).check(MemoryEstimate.Limits.current());
        if (sweep.size() > Sweep.CONFIRM_ABOVE && !yes) {
            throw new InvalidInputException(String.format(Locale.ROOT, "the sweep has %d trials, more than %d; "
                    + "roughly %s on %d cores here (at %.0g flop/s a core, probes not counted): pass --yes to run it",
                    sweep.size(), Sweep.CONFIRM_ABOVE, hours(estimatedSeconds(sweep, shape) / cores), cores,
                    FLOPS_PER_CORE));
        }
        sweep.checkTrials();
        DataSpec.Split data = RunCommand.data(() -> first.data().load(assets.folder()));
        TrialRunner runner = new TrialRunner(sweep, data, null);
        Set<List<Object>> checked = new HashSet<>();
        for (int i = 0; i < sweep.size(); i++) {
            Trial trial = sweep.trial(i);
            if (checked.add(List.of(trial.optimizer(), Objects.toString(trial.batchSize()),
                    Objects.toString(trial.width())))) {
                runner.check(i);
            }
        }
        SweepFolder folder = SweepFolder.open(out, sweep);
        List<Integer> pending = folder.pending();
        if (cluster != null) {
            cluster.run(sweep, out.toAbsolutePath().normalize(), assets.folder().toAbsolutePath().normalize(), pending,
                    master);
            return report(sweep, folder, pending, folder.pending().isEmpty());
        }
        runner = new TrialRunner(sweep, data, folder.trials());
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getOut(), System.console() != null,
                sweep.name(), pending.size(), "trials");
        Interruption interruption = new Interruption(runner::stop);
        try {
            boolean complete = LocalPool.run(runner, pending, threads != null ? threads : cores, progress);
            progress.finish();
            return report(sweep, folder, pending, complete);
        } catch (RuntimeException e) {
            // Reported here rather than by the caller, so that after Ctrl-C the JVM ends only once it is said.
            progress.finish();
            folder.writeTables();
            CommandLine command = spec.commandLine();
            return command.getExecutionExceptionHandler().handleExecutionException(e, command, null);
        } finally {
            interruption.close();
        }
    }

    /** Writes the tables and says how many trials finished and where the results are. */
    private int report(Sweep sweep, SweepFolder folder, List<Integer> pending, boolean complete) {
        int finished = folder.writeTables();
        String results = String.format(Locale.ROOT, "%s: %d of %d trials finished (%d run now); results in %s",
                sweep.name(), finished, sweep.size(), pending.size() - (sweep.size() - finished),
                out.resolve(SweepFolder.TABLE));
        PrintWriter console = spec.commandLine().getOut();
        if (!complete) {
            console.println(results + "; interrupted: rerun the same command to resume");
            return NormLab.INTERRUPTED;
        }
        console.println(results);
        return 0;
    }

    /** The engine chosen, or null for the local pool. */
    private SweepEngine engine() {
        if (engine.equals("pool")) {
            if (master != null) {
                throw new InvalidInputException("--master is for --engine spark; the pool runs here");
            }
            return null;
        }
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) {
            if (e.name().equals(engine)) {
                return e;
            }
        }
        if (engine.equals("spark")) {
            throw new InvalidInputException("--engine spark needs the spark module on the class path: start "
                    + "sim/spark/normlab-spark, or spark-submit its jar (see README, Sweeps)");
        }
        throw new InvalidInputException("--engine must be pool or spark, was '" + engine + "'");
    }

    /**
     * Seconds of arithmetic the whole sweep needs at most, roughly: per step, forward and backward cost about six
     * multiply-adds per parameter and example; every trial counted at the largest width and batch of the sweep.
     */
    private static double estimatedSeconds(Sweep sweep, DataSpec.Shape shape) {
        Experiment base = sweep.base();
        List<Integer> widths = base.network().hiddenWidths();
        int widest = largest(sweep.spec().grid().width(), widths.stream().mapToInt(w -> w).max().orElse(0));
        int batch = largest(sweep.spec().grid().batchSize(), base.training().batchSize());
        long parameters = 0;
        int in = shape.dimension();
        for (int i = 0; i < widths.size(); i++) {
            parameters += (long) (in + 1) * widest;
            in = widest;
        }
        parameters += (long) (in + 1) * shape.classes();
        int examples = batch == 0 ? shape.trainExamples() : batch;
        return 6.0 * parameters * examples * base.training().steps() * sweep.size() / FLOPS_PER_CORE;
    }

    private static int largest(Grid grid, int fallback) {
        return grid == null ? fallback : (int) grid.values().stream().mapToDouble(v -> v).max().orElseThrow();
    }

    private static String hours(double seconds) {
        return seconds < 3600 ? String.format(Locale.ROOT, "%.0f min", Math.ceil(seconds / 60))
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
