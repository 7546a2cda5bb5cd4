package org.normlab.sim.run;

/** A small experiment that trains in well under a second, as JSON, for tests of runs and the command line. */
public final class TinyExperiment {
    private TinyExperiment() {
    }

    public static final int STEPS = 20;
    public static final int EVALUATE_EVERY = 5;

    /** Spirals, 60 examples (45 train, 15 test), BN ReLU 2→6→2, SGD; {@code %s} = extra fields of "training". */
    private static final String TEMPLATE = """
            {
              "name": "tiny",
              "data": {"kind": "spirals", "size": 60, "testFraction": 0.25, "seed": 3},
              "network": {"hiddenWidths": [6], "normalization": "%s", "seed": 4},
              "training": {"steps": %d, "batchSize": 16, "orderSeed": 5,
                           "optimizer": {"name": "sgd", "learningRate": %s}},
              "probe": {"size": 32, "seed": 6},
              "logging": {"evaluateEvery": %d}
            }
            """;

    public static String json() {
        return TEMPLATE.formatted("batch_norm", STEPS, "0.1", EVALUATE_EVERY);
    }

    /** A plain ReLU net (no BN to rescue it) with a learning rate that makes it blow up within a few steps. */
    public static String divergingJson() {
        return TEMPLATE.formatted("none", STEPS, "1e12", EVALUATE_EVERY);
    }

    public static Experiment experiment() {
        return ExperimentFile.parse(json(), "tiny.json");
    }
}
