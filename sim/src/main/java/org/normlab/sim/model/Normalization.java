package org.normlab.sim.model;

/** Where a network normalizes. See {@link NetworkSpec}. */
public enum Normalization {
    /** BatchNorm after every hidden Linear layer (which then has no bias). */
    BATCH_NORM,
    /** No normalization; every Linear layer has a bias. */
    NONE,
    /** MimicNorm: no BatchNorm in hidden layers, one BatchNorm without γ/β on the logits. */
    MIMIC_NORM
}
