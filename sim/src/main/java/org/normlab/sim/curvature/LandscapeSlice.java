package org.normlab.sim.curvature;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;

/**
 * The loss on a line or plane through the current parameters, {@code L(θ + a·d₁ + b·d₂)} (sim/docs/math.md §9), on a
 * batch with BatchNorm in the given mode (train mode: each point's own batch statistics, as the curvature numbers).
 * Along the unit top eigenvector u the quadratic {@code L(θ) + ½λa²} is the second-order model: a GD step of η along
 * u overshoots when λ > 2/η. The network's parameters are restored bit for bit afterwards; running statistics are
 * not touched (the loss has no side effects).
 */
public final class LandscapeSlice {
    private LandscapeSlice() {
    }

    /** {@code L(θ + a_i d)} for each offset a_i. */
    public static double[] line(Network network, Batch batch, BatchNormMode mode, INDArray d, double[] a) {
        double[][] plane = plane(network, batch, mode, d, d.mul(0), a, new double[] {0});
        double[] losses = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            losses[i] = plane[i][0];
        }
        return losses;
    }

    /** {@code L(θ + a_i d₁ + b_j d₂)}, indexed [i][j]. */
    public static double[][] plane(Network network, Batch batch, BatchNormMode mode, INDArray d1, INDArray d2,
                                   double[] a, double[] b) {
        INDArray theta = network.theta();
        INDArray origin = theta.dup();
        double[][] losses = new double[a.length][b.length];
        try {
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    theta.assign(origin);
                    theta.addi(d1.mul(a[i])).addi(d2.mul(b[j]));
                    losses[i][j] = network.loss(batch, mode);
                }
            }
        } finally {
            theta.assign(origin);
        }
        return losses;
    }

    /** {@code points} ≥ 2 offsets evenly spaced over [−radius, radius] (0 among them when points is odd). */
    public static double[] offsets(double radius, int points) {
        double[] a = new double[points];
        for (int i = 0; i < points; i++) {
            a[i] = -radius + 2 * radius * i / (points - 1);
        }
        return a;
    }
}
