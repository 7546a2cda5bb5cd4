package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.NetworkSpec;

class SgdExperimentTest {
    private static final long SEED = 5;
    private static final NetworkSpec NETWORK = NetworkSpec.of(2, List.of(4), 2, SEED);
    private static final Dataset DATA = new Dataset("four points",
            new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 1, 0}, 2);

    @Test
    void rejectsALearningRateThatIsNotPositive() {
        assertMessageNames("learningRate", () -> new SgdExperiment(NETWORK, DATA, 0, 2, SEED));
        assertMessageNames("learningRate", () -> new SgdExperiment(NETWORK, DATA, Double.NaN, 2, SEED));
    }

    @Test
    void rejectsABatchLargerThanTheData() {
        assertMessageNames("batchSize", () -> new SgdExperiment(NETWORK, DATA, 0.1, 5, SEED));
    }

    @Test
    void rejectsANetworkThatDoesNotFitTheData() {
        NetworkSpec threeInputs = NetworkSpec.of(3, List.of(4), 2, SEED);
        assertMessageNames("four points", () -> new SgdExperiment(threeInputs, DATA, 0.1, 2, SEED));
    }

    private static void assertMessageNames(String name, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
