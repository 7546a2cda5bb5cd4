package org.normlab.sim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's {@code metrics.csv} as a headless run does: train loss and gradient norm every step; probe and
 * test evaluations and the sharpness with its error bound and threshold every {@code evaluateEvery} steps and at the
 * last step.
 */
final class RunMetrics {
    private static final double LEARNING_RATE = 0.1;
    /** Every sharpness estimate's error bound. */
    static final double BOUND = 0.5;

    private RunMetrics() {
    }

    /** A decaying loss with wiggles that differ between runs. */
    static double trainLoss(int step, String run) {
        return 0.7 * Math.exp(-step / 50.0) + 0.01 * (1 + Math.sin(step + run.hashCode()));
    }

    /** The sharpness estimate at {@code step}: rising towards 2/η. */
    static double sharpness(int step) {
        return (2 / LEARNING_RATE) * (1 - Math.exp(-step / 40.0));
    }

    /** @param divergedAt the step the run diverges at (its gradient norm infinite), or 0 for a run to the end */
    static Path write(Path folder, String run, int steps, int evaluateEvery, int divergedAt) throws IOException {
        List<String> lines = new ArrayList<>(List.of("run,step,metric,value"));
        int last = divergedAt > 0 ? divergedAt : steps;
        for (int step = 0; step < last + (divergedAt > 0 ? 1 : 0); step++) {
            boolean diverges = step == divergedAt && divergedAt > 0;
            lines.add(run + "," + step + ",train.loss," + trainLoss(step, run));
            lines.add(run + "," + step + ",grad.norm," + (diverges ? Double.POSITIVE_INFINITY : 1 + 1.0 / (1 + step)));
            if (diverges) {
                lines.add(run + "," + step + ",diverged,1.0");
            }
        }
        for (int step = 0; step <= last && divergedAt == 0; step += evaluateEvery) {
            lines.add(run + "," + step + ",probe.loss," + trainLoss(step, "probe"));
            lines.add(run + "," + step + ",probe.accuracy," + (1 - trainLoss(step, "probe") / 2));
            lines.add(run + "," + step + ",test.loss," + trainLoss(step, "test"));
            lines.add(run + "," + step + ",test.accuracy," + (1 - trainLoss(step, "test") / 2));
            lines.add(run + "," + step + ",hessian.top_eig," + sharpness(step));
            lines.add(run + "," + step + ",hessian.error_bound," + BOUND);
            lines.add(run + "," + step + ",hessian.threshold," + 2 / LEARNING_RATE);
        }
        Files.createDirectories(folder);
        Files.write(folder.resolve(RunFigures.METRICS_FILE), lines);
        return folder;
    }
}
