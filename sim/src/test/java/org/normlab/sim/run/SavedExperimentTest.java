package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment as a run saves it ({@code DIR/experiment.json}, every default written out) is a complete recipe:
 * read back, it is the same experiment, and rerun, it reproduces every run's records bit for bit — scheduled
 * hyperparameter changes included.
 */
class SavedExperimentTest {
    private static final String RUNS = """
            [{"name": "sgd", "optimizer": {"name": "sgd", "learningRate": 0.1},
              "changes": [{"step": 7, "name": "learningRate", "value": 0.02}]},
             {"name": "adam", "optimizer": {"name": "adam", "learningRate": 0.01},
              "changes": [{"step": 5, "name": "beta1", "value": 0.5}]},
             {"name": "psi", "optimizer": {"name": "psi_sgd", "momentum": 0.9}}]
            """;

    @TempDir
    Path temp;

    @Test
    void aSavedExperimentReadsBackEqualAndRerunsToTheSameBytes() throws IOException, InterruptedException {
        Experiment original = ExperimentFile.parse(TinyExperiment.race("batch_norm", RUNS), "original.json");
        run(original, "first");
        Experiment saved = ExperimentFile.read(temp.resolve("first").resolve("experiment.json"));
        assertEquals(original, saved);
        run(saved, "rerun");
        for (Experiment.RunSetup run : original.runs()) {
            for (String file : new String[] {RunRecorder.METRICS, RunRecorder.EVENTS, RunRecorder.CHECKPOINT}) {
                assertArrayEquals(Files.readAllBytes(temp.resolve("first").resolve(run.name()).resolve(file)),
                        Files.readAllBytes(temp.resolve("rerun").resolve(run.name()).resolve(file)),
                        run.name() + "/" + file);
            }
        }
    }

    private void run(Experiment e, String folder) throws IOException, InterruptedException {
        OutputDirectory out = OutputDirectory.create(temp.resolve(folder), false);
        new HeadlessRace(e, e.data().load(Path.of("..", "assets"))).execute(out, Progress.NONE);
        out.commit(true);
    }
}
