package org.normlab.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.sim.run.Experiment;

/** The benchmark's two races are the shipped preset's, widened and shortened: both must read as experiments. */
class MnistRaceBenchTest {
    private static final Path ASSETS = Path.of("..", "assets");

    @Test
    void theRaceWithAndWithoutProbesIsThePresetsAt256Wide() {
        for (boolean probes : List.of(true, false)) {
            Experiment e = MnistRaceBench.experiment(ASSETS, 50, probes);
            assertEquals(List.of(256, 256), e.network().hiddenWidths());
            assertEquals(50, e.training().steps());
            assertEquals(3, e.runs().size());
            assertNull(e.tour(), "the preset's tour speaks of its own steps and series, not the benchmark's");
            assertTrue(probes != e.probes().families().isEmpty(), "probes " + probes);
        }
    }
}
