package org.normlab.sim.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Comparisons for the derivative tests, in double precision. */
final class Numerics {
    private Numerics() {
    }

    /** ‖a − b‖ / ‖b‖ (absolute when b = 0). */
    static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    static double relativeError(INDArray a, double[] b) {
        return relativeError(a.toDoubleVector(), b);
    }

    static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), Double.MIN_NORMAL);
    }
}
