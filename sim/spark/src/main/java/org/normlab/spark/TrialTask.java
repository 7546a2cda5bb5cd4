package org.normlab.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.VoidFunction;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.run.Progress;
import org.normlab.sim.sweep.Sweep;
import org.normlab.sim.sweep.SweepFolder;
import org.normlab.sim.sweep.TrialRunner;

/**
 * One Spark task: runs the trial of the given number into the sweep's folder. What it is sent — the sweep's JSON,
 * the folder and the assets' paths — is all it depends on. An executor reads the sweep and its data once and keeps
 * them for its later tasks ({@link #RUNNERS}).
 */
final class TrialTask implements VoidFunction<Integer> {
    private static final long serialVersionUID = 1L;
    /** Per executor JVM: the runner of each sweep it has been sent, with the sweep's data loaded. */
    private static final Map<TrialTask, TrialRunner> RUNNERS = new ConcurrentHashMap<>();

    private final String sweep;
    private final String folder;
    private final String assets;

    TrialTask(String sweep, String folder, String assets) {
        this.sweep = sweep;
        this.folder = folder;
        this.assets = assets;
    }

    @Override
    public void call(Integer index) throws InterruptedException {
        TrialRunner runner = RUNNERS.computeIfAbsent(this, TrialTask::runner);
        if (!runner.run(index, Progress.NONE)) {
            throw new IllegalStateException("trial " + index + " was stopped before its end");
        }
    }

    private TrialRunner runner() {
        Sweep parsed = Sweep.parse(sweep, Path.of(folder, SweepFolder.SWEEP).toString());
        DataSpec.Split data = parsed.trial(0).experiment().data().load(Path.of(assets));
        return new TrialRunner(parsed, data, Path.of(folder, SweepFolder.TRIALS));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrialTask t && t.sweep.equals(sweep) && t.folder.equals(folder)
                && t.assets.equals(assets);
    }

    @Override
    public int hashCode() {
        return sweep.hashCode() * 31 + folder.hashCode();
    }
}
