package org.normlab.sim.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.data.Dataset;

/**
 * A run rebuilt at a checkpoint: the experiment.json beside the run's folder, the run named by the folder with its
 * scheduled changes up to the checkpoint's step, its network restored from the checkpoint, and the probe set the
 * experiment draws (checked against the checkpoint's) from the training set {@code train}. Used by
 * {@code normlab probe} and {@code normlab bench --peer}.
 */
public record RestoredRun(Checkpoint checkpoint, Experiment experiment, String runName, Run run, ProbeSet probeSet,
                          Dataset train) {

    /** Reads {@code checkpointFile} and rebuilds its run; {@code load} reads the experiment's data. */
    public static RestoredRun restore(Path checkpointFile, Function<Experiment, DataSpec.Split> load) {
        Checkpoint checkpoint = Checkpoint.read(checkpointFile);
        Path runFolder = checkpointFile.toAbsolutePath().getParent();
        Path experimentFile = runFolder.getParent().resolve(HeadlessRace.EXPERIMENT);
        if (!Files.exists(experimentFile)) {
            throw new InvalidInputException("checkpoint " + checkpointFile + " must lie in a run's folder next to its "
                    + "race's " + HeadlessRace.EXPERIMENT + "; " + experimentFile + " does not exist");
        }
        Experiment experiment = ExperimentFile.read(experimentFile);
        String runName = runFolder.getFileName().toString();
        Experiment.RunSetup setup = experiment.runs().stream().filter(r -> r.name().equals(runName)).findFirst()
                .orElseThrow(() -> new InvalidInputException("checkpoint " + checkpointFile + ": " + experimentFile
                        + " has no run named '" + runName + "' (the checkpoint's folder)"));
        DataSpec.Split data = load.apply(experiment);
        ProbeSet probeSet = ProbeSet.draw(data.train(), experiment.probe().size(), experiment.probe().seed());
        if (!Arrays.equals(probeSet.indices(), checkpoint.probeSet().indices())) {
            throw new InvalidInputException("checkpoint " + checkpointFile + ": its probe set differs from the one "
                    + experimentFile + " draws from its data; were the data files changed?");
        }
        Run run = new Run(experiment, setup, data.train());
        if (!run.network().spec().equals(checkpoint.network())) {
            throw new InvalidInputException("checkpoint " + checkpointFile + ": its network " + checkpoint.network()
                    + " is not run " + runName + "'s " + run.network().spec());
        }
        for (Experiment.Change change : setup.changes()) {
            if (change.step() < checkpoint.step()) { // a change at step s applies after the probes of step s
                run.set(change.name(), change.value());
            }
        }
        run.scheduleAt(checkpoint.step());
        checkpoint.restore(run.network());
        return new RestoredRun(checkpoint, experiment, runName, run, probeSet, data.train());
    }
}
