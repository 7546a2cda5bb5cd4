package org.normlab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.normlab.sim.data.DataFileException;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Network;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.HeadlessRun;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.OutputDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code normlab run EXPERIMENT.json --out DIR}: reads and checks the experiment and its data, then trains and
 * writes the results into DIR all at once. A diverged run is a result: exit code 0, reported on the terminal and in
 * the metrics.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Trains the network of an experiment file and writes the results to a directory.",
            "",
            "DIR receives metrics.csv, checkpoint.json, probe-set.csv and experiment.json (with every default",
            "filled in). It appears only when the run ends; nothing is written if the experiment or its data",
            "are invalid. Exit codes: 0 done (also when the run diverged), 1 internal error, 2 invalid input."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXPERIMENT.json", description = "the experiment file")
    private Path experimentFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (must not exist "
            + "or be empty)")
    private Path out;

    @Option(names = "--force", description = "replace DIR even if it is not empty")
    private boolean force;

    @Option(names = "--assets", paramLabel = "DIR", defaultValue = "${sys:normlab.assets:-assets}",
            description = "folder holding data/ (default: the repository's assets when started by the launcher, "
                    + "else ./assets)")
    private Path assets;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Experiment experiment = ExperimentFile.read(experimentFile);
        HeadlessRun run = new HeadlessRun(experiment, load(experiment.data()));
        OutputDirectory output = OutputDirectory.create(out, force);
        PrintWriter console = spec.commandLine().getOut();
        TerminalProgress progress = new TerminalProgress(console, System.console() != null, experiment.name());
        HeadlessRun.Summary summary;
        try {
            summary = run.execute(output, progress);
            output.commit();
        } catch (IOException | RuntimeException e) {
            output.discard();
            throw e;
        } finally {
            progress.finish();
        }
        console.println(report(experiment, summary));
        return 0;
    }

    private DataSpec.Split load(DataSpec data) {
        try {
            return data.load(assets);
        } catch (DataFileException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("data." + e.getMessage());
        }
    }

    private String report(Experiment experiment, HeadlessRun.Summary summary) {
        long total = experiment.training().steps();
        if (summary.diverged()) {
            return String.format(Locale.ROOT, "%s: diverged at step %d of %d (loss, gradient or parameters not "
                    + "finite); metrics in %s, no checkpoint", experiment.name(), summary.divergedAt(), total, out);
        }
        return String.format(Locale.ROOT, "%s: %d steps in %.1f s (%.0f steps/s); probe %s%s; results in %s",
                experiment.name(), summary.steps(), summary.seconds(), summary.steps() / summary.seconds(),
                scores(summary.probe()), summary.test() == null ? "" : "; test " + scores(summary.test()), out);
    }

    private static String scores(Network.Evaluation evaluation) {
        return String.format(Locale.ROOT, "loss %.4g, accuracy %.2f%%", evaluation.loss(),
                100 * evaluation.accuracy());
    }
}
