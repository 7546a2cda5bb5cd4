package org.normlab.sim.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.normlab.sim.probe.Probes;

/**
 * The time each probe of a run took, {@code run,probe,measurements,seconds}: kept out of the metrics, whose bytes
 * never depend on timing. Probe names are written with {@code _} for spaces ({@code weight_norm}).
 */
final class ProbeCostsCsv {
    static final String HEADER = "run,probe,measurements,seconds";

    private ProbeCostsCsv() {
    }

    static void write(Path file, String run, List<Probes.Cost> costs) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(HEADER);
            out.newLine();
            for (Probes.Cost c : costs) {
                out.write(run + "," + c.probe().replace(' ', '_') + "," + c.measurements() + "," + c.seconds());
                out.newLine();
            }
        }
    }
}
