package org.normlab.sim.run;

/** Small experiments that train in well under a second, as JSON, for tests of runs, races and the command line. */
public final class TinyExperiment {
    private TinyExperiment() {
    }

    public static final int STEPS = 20;
    public static final int EVALUATE_EVERY = 5;
    /** The run of {@link #json()}. */
    public static final String RUN = "sgd";

    /** Spirals, 60 examples (45 train, 15 test), ReLU 2→6→2 (normalization %s), runs %s. */
    private static final String TEMPLATE = """
            {
              "name": "tiny",
              "data": {"kind": "spirals", "size": 60, "testFraction": 0.25, "seed": 3},
              "network": {"hiddenWidths": [6], "normalization": "%s", "seed": 4},
              "training": {"steps": %d, "batchSize": 16, "orderSeed": 5},
              "runs": %s,
              "probe": {"size": 32, "seed": 6},
              "logging": {"evaluateEvery": %d}
            }
            """;

    /** A BN network, one run "sgd": plain SGD with learning rate 0.1. */
    public static String json() {
        return race("batch_norm", "[{\"name\": \"sgd\", \"optimizer\": {\"name\": \"sgd\", \"learningRate\": 0.1}}]");
    }

    /** A plain ReLU net (no BN to rescue it) whose one run "sgd" has a learning rate that blows it up. */
    public static String divergingJson() {
        return race("none", "[{\"name\": \"sgd\", \"optimizer\": {\"name\": \"sgd\", \"learningRate\": 1e12}}]");
    }

    /** The tiny experiment with {@code normalization} ("batch_norm", "none", "mimic_norm") and the JSON array runs. */
    public static String race(String normalization, String runs) {
        return TEMPLATE.formatted(normalization, STEPS, runs, EVALUATE_EVERY);
    }

    public static Experiment experiment() {
        return ExperimentFile.parse(json(), "tiny.json");
    }
}
