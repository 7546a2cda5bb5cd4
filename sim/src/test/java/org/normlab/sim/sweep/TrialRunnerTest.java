package org.normlab.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.run.Progress;

/** A trial's folder appears whole, once, and only for a trial that ended. */
class TrialRunnerTest {
    @TempDir
    Path temp;

    private TrialRunner runner(Path trials) throws IOException {
        Files.writeString(temp.resolve("base.json"), SweepTest.BASE);
        Sweep sweep = Sweep.read(Files.writeString(temp.resolve("sweep.json"), """
                {"experiment": "base.json", "optimizers": [{"run": "sgd", "grid": {"learningRate": [0.1, 0.2]}}]}
                """));
        DataSpec.Split data = sweep.base().data().load(temp);
        return new TrialRunner(sweep, data, Files.createDirectories(trials));
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aStoppedRunnerLeavesNoFolderAndRunsNothingMore() throws Exception {
        Path trials = temp.resolve("trials");
        TrialRunner runner = runner(trials);
        runner.stop();
        assertFalse(runner.run(0, Progress.NONE));
        assertEquals(List.of(), entries(trials));
    }

    @Test
    void duplicateAttemptsOfATrialLeaveOneFolderIdenticalToALoneRun() throws Exception {
        Path alone = temp.resolve("alone");
        assertTrue(runner(alone).run(1, Progress.NONE));
        Path raced = temp.resolve("raced");
        TrialRunner runner = runner(raced);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                attempts.add(pool.submit(() -> runner.run(1, Progress.NONE)));
            }
            for (Future<Boolean> attempt : attempts) {
                assertTrue(attempt.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("trial-00001"), entries(raced), "one folder, no partial copies left");
        for (String file : List.of("sgd/metrics.csv", "sgd/checkpoint.json", TrialRunner.RESULT, "experiment.json")) {
            assertArrayEquals(Files.readAllBytes(alone.resolve("trial-00001").resolve(file)),
                    Files.readAllBytes(raced.resolve("trial-00001").resolve(file)), file);
        }
    }
}
