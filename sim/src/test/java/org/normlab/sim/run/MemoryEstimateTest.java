package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.DataSpec;

class MemoryEstimateTest {
    private static final Path ASSETS = Path.of("..", "assets");
    /** The off-heap estimate is never below the arrays a run holds, and at most this many times them. */
    private static final double OFF_HEAP_FACTOR = 2;
    /**
     * The heap estimate counts what is held only for a while: the data set at its peak while it is prepared
     * ({@link MemoryEstimate#DATA_COPIES} copies, where one stays) and θ's plain-Java copies of initialization and
     * checkpoint. So it is at most this many times what a run holds after training.
     */
    private static final double HEAP_FACTOR = MemoryEstimate.DATA_COPIES + 1;
    /**
     * Steps of every counted run; each alternates between its batch and the probe set, so work arrays that were
     * reallocated whenever the row count changed would pile up (until GC, or held by prepared operations).
     */
    private static final int STEPS = 12;
    /** The CLI's and the tests' JVM: -Xmx2g, javacpp maxphysicalbytes 8G. */
    private static final MemoryEstimate.Limits COMMAND_LINE = new MemoryEstimate.Limits(2L << 30, 6L << 30,
            "javacpp maxphysicalbytes 8.00 GB less the 2.00 GB heap");

    /** Every optimizer of the engine as a run (MimicNorm on its own network). */
    static Stream<String> runs() {
        return Stream.of("{\"name\": \"sgd\"}", "{\"name\": \"momentum\"}", "{\"name\": \"nesterov\"}",
                "{\"name\": \"sgd_wd\"}", "{\"name\": \"adam\"}", "{\"name\": \"adamw\"}",
                "{\"name\": \"psi_sgd\", \"retraction\": true}", "{\"name\": \"wrs\"}", "{\"name\": \"insgd\"}",
                "{\"name\": \"pswa\", \"inner\": {\"name\": \"momentum\"}}",
                "{\"name\": \"pwalks\", \"inner\": {\"name\": \"adam\"}}",
                "{\"name\": \"pswm\", \"inner\": {\"name\": \"sgd_wd\"}}",
                "{\"name\": \"mimic_norm\", \"inner\": {\"name\": \"sgd\"}}, \"network\": {\"normalization\": "
                        + "\"mimic_norm\"}")
                .map(optimizer -> "{\"name\": \"r\", \"optimizer\": " + optimizer + "}");
    }

    @ParameterizedTest
    @MethodSource("runs")
    void theEstimateIsAboveTheArraysARunHoldsAndWithinAFactorOfThem(String run) throws InterruptedException {
        Experiment experiment = counted(run, STEPS);
        AllocatedArrays counted = countAfterTraining(experiment);
        MemoryEstimate estimate = MemoryEstimate.of(experiment, experiment.data().shape(ASSETS));
        assertWithinFactor(counted.offHeapBytes(), estimate.offHeapBytes(), OFF_HEAP_FACTOR, "off-heap");
        assertWithinFactor(counted.heapBytes(), estimate.heapBytes(), HEAP_FACTOR, "heap");
    }

    /** Teacher–student data in 20 dimensions, a 20→64→48→4 BN net, batch 32, every probe at every step. */
    private static Experiment counted(String run, int steps) {
        return ExperimentFile.parse("""
                {"name": "counted",
                 "data": {"kind": "teacher_student", "size": 1200, "dimension": 20, "classes": 4, "seed": 1},
                 "network": {"hiddenWidths": [64, 48]},
                 "training": {"steps": %d, "batchSize": 32},
                 "runs": [%s],
                 "probe": {"size": 256},
                 "probes": {"weightsEvery": 1, "evaluationsEvery": 1, "curvatureEvery": 1}}
                """.formatted(steps, run), "counted.json");
    }

    /** The arrays held by a race of the experiment after its last step, its data and its test set as one batch. */
    private static AllocatedArrays countAfterTraining(Experiment experiment) throws InterruptedException {
        DataSpec.Split data = experiment.data().load(ASSETS);
        Batch test = Batch.all(data.test());
        try (Race race = new Race(experiment, data.train())) {
            race.start();
            race.awaitIdle();
            return AllocatedArrays.of(race, data, test);
        }
    }

    @Test
    void aHiddenLayerAMillionWideIsRefusedWithTheEstimateTheLimitAndTheField() throws IOException {
        String preset = Files.readString(ASSETS.resolve("presets/spirals-sgd.json"))
                .replace("\"hiddenWidths\": [32, 32]", "\"hiddenWidths\": [1000000]");
        Experiment experiment = ExperimentFile.parse(preset, "wide.json");
        MemoryEstimate estimate = MemoryEstimate.of(experiment, experiment.data().shape(ASSETS));

        InvalidInputException refusal = assertThrows(InvalidInputException.class, () -> estimate.check(COMMAND_LINE));

        assertEquals("the experiment needs about 146 GB of off-heap memory for ND4J's arrays but 6.00 GB (javacpp "
                + "maxphysicalbytes 8.00 GB less the 2.00 GB heap) is the limit; most of it: work arrays for the probe "
                + "set (125 GB), sized by network.hiddenWidths, probe.size — make them smaller", refusal.getMessage());
    }

    /** The presets and the lab's measured races fit the command line's limits and the lab's (-Xmx1g, 5G physical). */
    @Test
    void everyPresetFitsTheLimitsItRunsUnder() throws IOException {
        MemoryEstimate.Limits lab = new MemoryEstimate.Limits(1L << 30, 4L << 30, "the lab's");
        List<Path> experiments;
        try (Stream<Path> presets = Files.list(ASSETS.resolve("presets"))) {
            experiments = Stream.concat(presets, Stream.of(Path.of("..", "app", "docs", "measurements",
                    "mnist-curvature.json"))).toList();
        }
        for (Path file : experiments) {
            Experiment experiment = ExperimentFile.read(file);
            MemoryEstimate estimate = MemoryEstimate.of(experiment, experiment.data().shape(ASSETS));
            estimate.check(COMMAND_LINE);
            estimate.check(lab);
        }
    }

    private static void assertWithinFactor(long counted, long estimated, double factor, String kind) {
        assertTrue(estimated >= counted && estimated <= factor * counted, kind + ": estimated " + estimated
                + " bytes, counted " + counted);
    }
}
