package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.sim.data.Dataset;

/** The batch size changes between steps like a hyperparameter, checked against the training set. */
class BatchSizeChangeTest {
    private static final String CHANGES = """
            [{"name": "a", "optimizer": {"name": "sgd", "learningRate": 0.1},
              "changes": [{"step": 3, "name": "batchSize", "value": 8}, {"step": 6, "name": "batchSize", "value": 0}]},
             {"name": "b", "optimizer": {"name": "momentum", "learningRate": 0.05},
              "changes": [{"step": 3, "name": "batchSize", "value": 8}]}]
            """;

    private final Experiment experiment = ExperimentFile.parse(TinyExperiment.race("batch_norm", CHANGES), "t.json");
    private final Dataset train = experiment.data().load(Path.of("..", "assets")).train();

    @Test
    void aChangeAppliesFromTheNextStepWithTheSameBatchesForEveryRunThatMakesIt() {
        Run a = new Run(experiment, experiment.runs().get(0), train);
        Run b = new Run(experiment, experiment.runs().get(1), train);
        for (int step = 1; step <= 8; step++) {
            a.step();
            b.step();
            long rows = step <= 3 ? 16 : step <= 6 ? 8 : train.size();
            assertEquals(rows, a.network().linearInput(0).rows(), "run a, step " + step);
            assertEquals(step <= 3 ? 16 : 8, b.network().linearInput(0).rows(), "run b, step " + step);
            if (step <= 6) {
                assertEquals(a.network().linearInput(0), b.network().linearInput(0), "same batch at step " + step);
            }
            for (Experiment.Change c : experiment.runs().get(0).changes()) {
                if (c.step() == step) {
                    a.set(c.name(), c.value());
                }
            }
            if (step == 3) {
                assertEquals(16.0, b.set(Run.BATCH_SIZE, 8));
            }
        }
    }

    @Test
    void aBatchSizeOutsideTheTrainingSetIsRefusedWithItsRange() {
        Run a = new Run(experiment, experiment.runs().get(0), train);
        for (double bad : List.of(-1.0, 2.5, train.size() + 1.0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.set(Run.BATCH_SIZE, bad));
            assertEquals("batchSize must be a whole number in [0, " + train.size() + "] (0 = full batch), was " + bad,
                    e.getMessage());
        }
        a.step();
        assertEquals(16, a.network().linearInput(0).rows(), "a refused change leaves the run as it was");
    }

    @Test
    void anExperimentFileRefusesAnImpossibleScheduledBatchSize() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExperimentFile.parse(
                TinyExperiment.race("batch_norm", """
                        [{"name": "a", "optimizer": {"name": "sgd"},
                          "changes": [{"step": 3, "name": "batchSize", "value": -4}]}]
                        """), "t.json"));
        assertTrue(e.getMessage().contains("changes[0]: batchSize must be a whole number >= 0"), e.getMessage());
        Experiment tooLarge = ExperimentFile.parse(TinyExperiment.race("batch_norm", """
                [{"name": "a", "optimizer": {"name": "sgd"},
                  "changes": [{"step": 3, "name": "batchSize", "value": 4000}]}]
                """), "t.json");
        InvalidInputException late = assertThrows(InvalidInputException.class,
                () -> new Run(tooLarge, tooLarge.runs().get(0), train));
        assertTrue(late.getMessage().contains("run a, changes[0]: batchSize must be a whole number in [0, "),
                late.getMessage());
    }
}
