package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Network;

class RunTest {
    /** axpy may fuse the multiply-add: allow a few ulps. */
    private static final double STEP_TOLERANCE = 1e-14;

    private static DataSpec.Split data(Experiment e) {
        return e.data().load(Path.of("..", "assets"));
    }

    @Test
    void aStepIsPlainSgdOnTheNextBatchOfTheSeededOrder() {
        Experiment e = TinyExperiment.experiment();
        DataSpec.Split data = data(e);
        Run run = new Run(e, e.runs().get(0), data.train());
        // A twin network with the same seed and a twin batch order compute the gradient the step must use.
        Network twin = new Network(e.network().toSpec(data.train().dimension(), data.train().numClasses()));
        BatchOrder order = new BatchOrder(data.train().size(), e.training().batchSize(), e.training().orderSeed());
        double eta = e.runs().get(0).optimizer().ownHyperparameters().get("learningRate");
        for (int step = 1; step <= 3; step++) {
            double[] before = run.network().theta().toDoubleVector();
            INDArray g = twin.params().zeros();
            double expectedLoss = twin.lossAndGradient(Batch.of(data.train(), order.next()), g);
            double[] gradient = g.toDoubleVector();

            double loss = run.step();

            assertEquals(expectedLoss, loss, 0.0);
            assertEquals(step, run.steps());
            double norm = g.norm2Number().doubleValue();
            assertEquals(norm, run.gradientNorm(), 1e-14 * norm, "‖g‖ (BLAS nrm2 sums in another order)");
            double[] after = run.network().theta().toDoubleVector();
            for (int i = 0; i < after.length; i++) {
                double expected = before[i] - eta * gradient[i];
                assertEquals(expected, after[i], STEP_TOLERANCE * Math.max(1, Math.abs(expected)), "θ[" + i + "]");
                twin.theta().putScalar(i, after[i]);
            }
        }
    }

    @Test
    void aHugeLearningRateStopsTheRunAtTheStepWhereItDiverged() {
        Experiment e = ExperimentFile.parse(TinyExperiment.divergingJson(), "diverging.json");
        Run run = new Run(e, e.runs().get(0), data(e).train());
        double loss = Double.NaN;
        while (!run.diverged() && run.steps() < TinyExperiment.STEPS) {
            loss = run.step();
        }
        assertTrue(run.diverged(), "diverged within " + TinyExperiment.STEPS + " steps");
        assertEquals(run.steps(), run.divergedAt());
        assertFalse(Double.isFinite(loss) && Double.isFinite(run.gradientNorm())
                && Double.isFinite(run.network().theta().sumNumber().doubleValue()), "something is not finite");
        IllegalStateException stopped = assertThrows(IllegalStateException.class, run::step);
        assertTrue(stopped.getMessage().contains("diverged at step " + run.divergedAt()));
    }

    /**
     * The tiny experiment's 45 training examples in batches of 16 make an epoch of 2 steps, the sampling period
     * unless one is given: only the run knows it, so the run refuses a sampling that does not fit it, initially, as a
     * scheduled change or live, naming the run.
     */
    @Test
    void aSamplingThatADefaultPeriodOfOneEpochCannotHoldIsRefusedByTheRun() {
        String holdsASample = " (sampleInterval <= period: a period holds a sample), was 3";
        assertEquals("run a, optimizer.sampleInterval must be an integer in [1, 2]" + holdsASample,
                refusal("\"sampleInterval\": 3", "[]"));
        assertEquals("run a, changes[1]: sampleInterval must be an integer in [1, 2]" + holdsASample,
                refusal("\"sampleInterval\": 1", "[{\"step\": 9, \"name\": \"period\", \"value\": 6}, "
                        + "{\"step\": 4, \"name\": \"sampleInterval\", \"value\": 3}]"));

        Experiment e = pswa("\"sampleInterval\": 2", "[]");
        Run run = new Run(e, e.runs().get(0), data(e).train());
        IllegalArgumentException live = assertThrows(IllegalArgumentException.class,
                () -> run.check("sampleInterval", 3));
        assertEquals("sampleInterval must be an integer in [1, 2]" + holdsASample, live.getMessage());
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class, () -> run.check("period", 1));
        assertTrue(shorter.getMessage().startsWith("period must be an integer >= 2"), shorter.getMessage());
    }

    /** The tiny experiment with one PSWA run "a" around SGD: its own {@code fields} and {@code changes}. */
    private static Experiment pswa(String fields, String changes) {
        return ExperimentFile.parse(TinyExperiment.race("batch_norm", "[{\"name\": \"a\", \"optimizer\": "
                + "{\"name\": \"pswa\", " + fields + ", \"inner\": {\"name\": \"sgd\"}}, \"changes\": " + changes
                + "}]"), "pswa.json");
    }

    private static String refusal(String fields, String changes) {
        Experiment e = pswa(fields, changes);
        return assertThrows(InvalidInputException.class, () -> new Run(e, e.runs().get(0), data(e).train()))
                .getMessage();
    }
}
