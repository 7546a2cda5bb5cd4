package org.normlab.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.sweep.Sweep;
import org.normlab.sim.sweep.SweepEngine;

/**
 * Runs a sweep's trials as Spark tasks, one task per trial ({@link TrialTask}). The driver sends the sweep as JSON
 * and the trials' numbers; a task rebuilds its trial from these alone, so its seeds and results never depend on the
 * worker, and a retried task finds or loses the atomic rename of its folder ({@link
 * org.normlab.sim.sweep.TrialRunner}). The output folder must be one that every executor sees at the same path:
 * the driver's machine for {@code local[N]}, a shared file system on a cluster.
 */
public final class SparkEngine implements SweepEngine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void run(Sweep sweep, Path folder, Path assets, List<Integer> pending, String master) {
        SparkConf conf = new SparkConf().setAppName("normlab sweep " + sweep.name());
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new InvalidInputException("--engine spark needs --master URL (e.g. local[2]), unless started by "
                    + "spark-submit --master URL");
        }
        if (conf.get("spark.master").startsWith("local") && !conf.contains("spark.ui.enabled")) {
            // In-process: no web UI to serve (its threads and start-up are overhead here).
            conf.set("spark.ui.enabled", "false");
        }
        if (pending.isEmpty()) {
            return;
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.parallelize(pending, pending.size())
                    .foreach(new TrialTask(sweep.toJson(), folder.toString(), assets.toString()));
        }
    }
}
