package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normlab.sim.data.Dataset;

/**
 * Train-mode BatchNorm needs at least two rows per (ghost) batch and ghost batches that tile the batch: a 64-batch
 * with ghost batches of 63 trained to chance accuracy (a last ghost batch of one row has zero variance). Every batch
 * size a run trains or measures with is held to it — from the file, once the data is known, and live.
 */
class NormalizableBatchTest {
    private static final String SGD = "[{\"name\": \"sgd\", \"optimizer\": {\"name\": \"sgd\"}}]";
    private static final String NORMALIZES = " (batch_norm normalizes ghost batches of that many rows), was ";

    /** The tiny experiment (45 training examples, probe set of 32) with a BN network of ghost batches of {@code ghost}. */
    private static String tiny(int ghost, int batchSize, String runs) {
        return TinyExperiment.race("batch_norm", runs).replace("\"seed\": 4}", "\"seed\": 4, \"ghostBatchSize\": "
                + ghost + "}").replace("\"batchSize\": 16", "\"batchSize\": " + batchSize);
    }

    private static String refusal(String json) {
        return assertThrows(InvalidInputException.class, () -> ExperimentFile.parse(json, "t.json")).getMessage();
    }

    @ParameterizedTest(name = "ghost {0}, batch {1}")
    @CsvSource(delimiter = '|', value = {
        "63 | 64 | network.ghostBatchSize must divide the batch size 64 (training.batchSize) and be >= 2: one of 2, 4, "
                + "8, 16, 32, 64 (or 0 for the whole batch), was 63",
        "32 | 16 | network.ghostBatchSize must divide the batch size 16 (training.batchSize) and be >= 2: one of 2, 4, "
                + "8, 16 (or 0 for the whole batch), was 32",
        "1 | 16 | network.ghostBatchSize must be 0 (the whole batch) or >= 2 with batch_norm (a ghost batch of one row "
                + "has zero variance), was 1",
        "0 | 1 | training.batchSize must be >= 2 with batch_norm (a batch of one example has zero variance), was 1",
        "4 | 1 | training.batchSize must be a multiple of network.ghostBatchSize 4 (batch_norm normalizes ghost "
                + "batches of that many rows), was 1",
    })
    void aFileRefusesABatchItsBatchNormCannotNormalize(int ghost, int batchSize, String message) {
        assertEquals(message, refusal(tiny(ghost, batchSize, SGD)));
    }

    @Test
    void aFileRefusesAScheduledBatchSizeOrARunsOwnNetworkThatDoesNotFit() {
        String change = "[{\"name\": \"sgd\", \"optimizer\": {\"name\": \"sgd\"}, "
                + "\"changes\": [{\"step\": 3, \"name\": \"batchSize\", \"value\": 12}]}]";
        assertEquals("runs[0].changes[0]: batchSize must be a multiple of network.ghostBatchSize 8" + NORMALIZES + "12",
                refusal(tiny(8, 16, change)));
        String ownNetwork = "[{\"name\": \"sgd\", \"optimizer\": {\"name\": \"sgd\"}, "
                + "\"network\": {\"ghostBatchSize\": 6}}]";
        assertEquals("runs[0].network.ghostBatchSize must divide the batch size 16 (training.batchSize) and be >= 2: "
                + "one of 2, 4, 8, 16 (or 0 for the whole batch), was 6", refusal(tiny(8, 16, ownNetwork)));
    }

    @Test
    void withoutBatchNormAnyBatchIsFine() {
        ExperimentFile.parse(TinyExperiment.race("none", SGD).replace("\"batchSize\": 16", "\"batchSize\": 1"),
                "t.json");
    }

    private static Dataset train(Experiment experiment) {
        return experiment.data().load(Path.of("..", "assets")).train();
    }

    @Test
    void theFullBatchAndTheProbeSetAreCheckedOnceTheDataIsKnown() {
        Experiment fullBatch = ExperimentFile.parse(tiny(4, 0, SGD), "t.json");
        InvalidInputException full = assertThrows(InvalidInputException.class,
                () -> new Race(fullBatch, train(fullBatch)));
        assertEquals("run sgd, network.ghostBatchSize must divide the batch size 45 (training.batchSize 0: the full "
                + "batch) and be >= 2: one of 3, 5, 9, 15, 45 (or 0 for the whole batch), was 4", full.getMessage());

        Experiment probeSet = ExperimentFile.parse(tiny(8, 16, SGD).replace("\"size\": 32", "\"size\": 30"), "t.json");
        InvalidInputException probe = assertThrows(InvalidInputException.class,
                () -> new Race(probeSet, train(probeSet)));
        assertEquals("run sgd, the probe set (probe.size 30, at most the 45 training examples) must be a multiple of "
                + "network.ghostBatchSize 8" + NORMALIZES + "30", probe.getMessage());
    }

    @Test
    void aBatchSizeChangedLiveOrOnScheduleMustFitTheNetworkToo() throws InterruptedException {
        Experiment e = ExperimentFile.parse(tiny(4, 16, SGD), "t.json");
        Run run = new Run(e, e.runs().get(0), train(e));
        IllegalArgumentException notAMultiple = assertThrows(IllegalArgumentException.class,
                () -> run.set(Run.BATCH_SIZE, 18));
        assertEquals("batchSize must be a multiple of network.ghostBatchSize 4" + NORMALIZES + "18",
                notAMultiple.getMessage());
        IllegalArgumentException fullBatch = assertThrows(IllegalArgumentException.class,
                () -> run.check(Run.BATCH_SIZE, 0));
        assertEquals("batchSize 0 (the full batch) must be a multiple of network.ghostBatchSize 4" + NORMALIZES + "45",
                fullBatch.getMessage());
        assertEquals(16, run.batchSize(), "a refused change leaves the batch size");
        assertEquals(16.0, run.set(Run.BATCH_SIZE, 8));

        Experiment plain = ExperimentFile.parse(TinyExperiment.json(), "t.json");
        try (Race race = new Race(plain, train(plain))) {
            IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                    () -> race.send(TinyExperiment.RUN, new Command.Set(Run.BATCH_SIZE, 1)));
            assertEquals("batchSize must be >= 2 with batch_norm (a batch of one example has zero variance), was 1",
                    one.getMessage());
        }

        Experiment scheduled = ExperimentFile.parse(tiny(4, 16, "[{\"name\": \"sgd\", \"optimizer\": {\"name\": "
                + "\"sgd\"}, \"changes\": [{\"step\": 3, \"name\": \"batchSize\", \"value\": 0}]}]"), "t.json");
        InvalidInputException late = assertThrows(InvalidInputException.class,
                () -> new Run(scheduled, scheduled.runs().get(0), train(scheduled)));
        assertEquals("run sgd, changes[0]: batchSize 0 (the full batch) must be a multiple of network.ghostBatchSize 4"
                + NORMALIZES + "45", late.getMessage());
    }
}
