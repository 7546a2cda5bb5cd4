package org.normlab.sim.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.Json;

/**
 * Every shipped preset's tour, played headless on the preset as shipped (as far as the tour's last run_to), makes
 * only claims its runs' numbers bear out.
 */
class TourTest {
    private static final Path ASSETS = Path.of("..", "assets");

    static Stream<String> presetsWithTours() throws IOException {
        try (Stream<Path> files = Files.list(ASSETS.resolve("presets"))) {
            List<Path> presets = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            Stream.Builder<String> withTours = Stream.builder();
            for (Path preset : presets) {
                JsonNode tree = Json.mapper().readTree(Files.readString(preset));
                if (tree.has("tour")) {
                    withTours.add(preset.getFileName().toString());
                }
            }
            return withTours.build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presetsWithTours")
    void everyClaimOfTheTourHolds(String preset) throws InterruptedException {
        Experiment experiment = ExperimentFile.read(ASSETS.resolve("presets").resolve(preset));
        List<TourPlayer.Failure> failures = TourPlayer.play(experiment, experiment.data().load(ASSETS));
        assertEquals(List.of(), failures.stream().map(TourPlayer.Failure::toString).toList(), preset);
    }
}
