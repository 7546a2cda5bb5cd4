package org.normlab.sim.linalg;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random sign vectors, the probes of Hutchinson's trace and of stochastic Lanczos quadrature: entries ±1 with equal
 * probability, so {@code E[z zᵀ] = I} with the least variance among such probes (Hutchinson 1990). Drawn from a
 * {@link Random} the caller seeds, never ND4J's generator, so a probe leaves the training RNG untouched.
 */
final class Rademacher {
    private Rademacher() {
    }

    /** A vector of n independent ±{@code magnitude} entries. */
    static INDArray vector(int n, double magnitude, Random random) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return Nd4j.createFromArray(z);
    }
}
