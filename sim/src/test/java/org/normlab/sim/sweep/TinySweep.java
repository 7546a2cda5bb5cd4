package org.normlab.sim.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sweep of a tiny net whose trials train in well under a second, for the tests of {@code normlab sweep}, its Spark
 * engine and the lab's sweep window: the experiment every trial trains ({@code base.json}) and the sweep file beside it.
 */
public final class TinySweep {
    private TinySweep() {
    }

    /** Spirals, 120 examples, ReLU 2→6→2, one run "sgd"; {@code %d} steps of batch 16, probe families {@code %s}. */
    private static final String BASE = """
            {"name": "tiny", "data": {"kind": "spirals", "size": 120, "noise": 0.05, "testFraction": 0.25, "seed": 3},
             "network": {"hiddenWidths": [6]}, "training": {"steps": %d, "batchSize": 16},
             "runs": [{"name": "sgd", "optimizer": {"name": "sgd"}}],
             "probe": {"size": 60}, "probes": {"families": %s}, "logging": {"evaluateEvery": 4}}
            """;

    /** The experiment of 8 steps, no probes. */
    public static String base() {
        return base(8, "[]");
    }

    /** The experiment of {@code steps} steps measuring the probe families of the JSON array {@code families}. */
    public static String base(int steps, String families) {
        return BASE.formatted(steps, families);
    }

    /** Writes {@code base} as {@code folder/base.json} and {@code sweep} beside it as {@code sweep.json}, its path. */
    public static Path write(Path folder, String base, String sweep) throws IOException {
        Files.writeString(folder.resolve("base.json"), base);
        return Files.writeString(folder.resolve("sweep.json"), sweep);
    }
}
