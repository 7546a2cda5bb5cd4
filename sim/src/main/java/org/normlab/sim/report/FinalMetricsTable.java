package org.normlab.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.normlab.sim.figure.BooktabsTable;
import org.normlab.sim.run.FinalAndBest;
import org.normlab.sim.series.Quantity;

/**
 * The table a paper reports a race in: per run, the final and the best probe-set and test loss and accuracy (best:
 * the lowest loss, the highest accuracy measured), and the step it diverged at — as a booktabs LaTeX table
 * ({@link BooktabsTable}). A column no run measured is left out; accuracies in percent.
 */
public final class FinalMetricsTable {
    /** The file {@code normlab figures} and the lab's export write it to. */
    public static final String FILE = "final-metrics.tex";
    private static final int DIGITS = 3;
    private static final List<Quantity> LOSSES = List.of(Quantity.PROBE_LOSS, Quantity.TEST_LOSS);
    private static final List<Quantity> ACCURACIES = List.of(Quantity.PROBE_ACCURACY, Quantity.TEST_ACCURACY);

    private FinalMetricsTable() {
    }

    /** One run: its name, its series by id, and the step it diverged at (null if it did not). */
    public record Run(String name, Map<String, RunFigures.Series> series, Long divergedAt) {
    }

    /** The table of {@code runs}, in their order. */
    public static String render(List<Run> runs, String caption, String label) {
        List<String> header = new ArrayList<>(List.of("run"));
        List<List<String>> rows = new ArrayList<>();
        runs.forEach(run -> rows.add(new ArrayList<>(List.of(run.name()))));
        for (Quantity quantity : List.of(Quantity.PROBE_LOSS, Quantity.PROBE_ACCURACY, Quantity.TEST_LOSS,
                Quantity.TEST_ACCURACY)) {
            if (runs.stream().noneMatch(run -> run.series().containsKey(quantity.id()))) {
                continue;
            }
            boolean accuracy = ACCURACIES.contains(quantity);
            String name = quantity.id().replace('.', ' ') + (accuracy ? " (%)" : "");
            header.add("final " + name);
            header.add("best " + name);
            for (int r = 0; r < runs.size(); r++) {
                RunFigures.Series series = runs.get(r).series().get(quantity.id());
                FinalAndBest values = FinalAndBest.of(series == null ? new double[0] : series.values());
                double scale = accuracy ? 100 : 1;
                rows.get(r).add(BooktabsTable.number(scale * values.last(), DIGITS));
                rows.get(r).add(BooktabsTable.number(scale * values.best(LOSSES.contains(quantity)), DIGITS));
            }
        }
        header.add("diverged at");
        for (int r = 0; r < runs.size(); r++) {
            Long diverged = runs.get(r).divergedAt();
            rows.get(r).add(diverged == null ? BooktabsTable.MISSING : Long.toString(diverged));
        }
        return BooktabsTable.render(header, rows, caption, label);
    }
}
