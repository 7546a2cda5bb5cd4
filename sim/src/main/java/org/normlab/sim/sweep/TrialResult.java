package org.normlab.sim.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.normlab.sim.run.FinalAndBest;
import org.normlab.sim.run.Metric;

/**
 * What a trial's run reached, read from its {@code metrics.csv}: steps taken, the step it diverged at (0 if it did
 * not), and for the probe set and the test set the last evaluation ("final", before divergence for a diverged run)
 * and the best one (lowest loss, highest accuracy). Nothing here depends on timing, so it is the same bit for bit on
 * every engine. A value never measured (no test set) is NaN, written as an empty cell.
 */
public record TrialResult(long steps, long divergedAt, Evaluations probe, Evaluations test) {
    /** The columns of a trial's result, after its coordinates in {@code sweep.csv}. */
    public static final List<String> COLUMNS = List.of("steps", "diverged_at",
            "probe_loss_final", "probe_loss_best", "probe_accuracy_final", "probe_accuracy_best",
            "test_loss_final", "test_loss_best", "test_accuracy_final", "test_accuracy_best");

    /** Final and best loss and accuracy on one set. */
    public record Evaluations(double lossFinal, double lossBest, double accuracyFinal, double accuracyBest) {
        static final Evaluations NONE = new Evaluations(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Reads the run's {@code metrics.csv} ({@code run,step,metric,value}). */
    public static TrialResult of(Path metrics) throws IOException {
        FinalAndBest probeLoss = new FinalAndBest();
        FinalAndBest probeAccuracy = new FinalAndBest();
        FinalAndBest testLoss = new FinalAndBest();
        FinalAndBest testAccuracy = new FinalAndBest();
        long steps = 0;
        long divergedAt = 0;
        try (Stream<String> lines = Files.lines(metrics)) {
            for (String line : (Iterable<String>) lines.skip(1)::iterator) {
                String[] cells = line.split(",", -1);
                long step = Long.parseLong(cells[1]);
                String metric = cells[2];
                double value = Double.parseDouble(cells[3]);
                steps = Math.max(steps, step);
                if (metric.equals(Metric.DIVERGED.id())) {
                    divergedAt = step;
                } else if (metric.equals(Metric.PROBE_LOSS.id())) {
                    probeLoss.add(step, value);
                } else if (metric.equals(Metric.PROBE_ACCURACY.id())) {
                    probeAccuracy.add(step, value);
                } else if (metric.equals(Metric.TEST_LOSS.id())) {
                    testLoss.add(step, value);
                } else if (metric.equals(Metric.TEST_ACCURACY.id())) {
                    testAccuracy.add(step, value);
                }
            }
        }
        return new TrialResult(steps, divergedAt,
                evaluations(probeLoss, probeAccuracy), evaluations(testLoss, testAccuracy));
    }

    private static Evaluations evaluations(FinalAndBest loss, FinalAndBest accuracy) {
        return loss.empty() ? Evaluations.NONE
                : new Evaluations(loss.last(), loss.best(true), accuracy.last(), accuracy.best(false));
    }

    /** The cells of {@link #COLUMNS}: numbers in Java's shortest exact form, an empty cell for NaN or no divergence. */
    public List<String> cells() {
        List<String> cells = new ArrayList<>(List.of(Long.toString(steps),
                divergedAt == 0 ? "" : Long.toString(divergedAt)));
        for (Evaluations e : List.of(probe, test)) {
            for (double v : new double[] {e.lossFinal(), e.lossBest(), e.accuracyFinal(), e.accuracyBest()}) {
                cells.add(Double.isNaN(v) ? "" : Double.toString(v));
            }
        }
        return cells;
    }

    /** Reads {@link #cells} back. */
    public static TrialResult parse(List<String> cells) {
        double[] v = new double[8];
        for (int i = 0; i < 8; i++) {
            String cell = cells.get(2 + i);
            v[i] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        }
        return new TrialResult(Long.parseLong(cells.get(0)), cells.get(1).isEmpty() ? 0 : Long.parseLong(cells.get(1)),
                new Evaluations(v[0], v[1], v[2], v[3]), new Evaluations(v[4], v[5], v[6], v[7]));
    }

    /** Whether the run diverged. */
    public boolean diverged() {
        return divergedAt > 0;
    }
}
