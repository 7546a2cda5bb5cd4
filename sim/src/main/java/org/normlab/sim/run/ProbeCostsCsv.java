package org.normlab.sim.run;

import java.util.List;
import org.normlab.sim.probe.Probes;

/**
 * The time each probe of a run took, {@code run,probe,measurements,seconds}: kept out of the metrics, whose bytes
 * never depend on timing; written at once when the run ends, its rows in {@link CsvFile}'s form. Probe names are
 * written with {@code _} for spaces ({@code weight_norm}).
 */
final class ProbeCostsCsv {
    static final String HEADER = "run,probe,measurements,seconds";

    private ProbeCostsCsv() {
    }

    /** The file's text. */
    static String text(String run, List<Probes.Cost> costs) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Probes.Cost c : costs) {
            text.append(CsvFile.line(run, c.probe().replace(' ', '_'), c.measurements(), c.seconds())).append('\n');
        }
        return text.toString();
    }
}
