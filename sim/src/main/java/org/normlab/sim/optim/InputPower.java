package org.normlab.sim.optim;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How INSGD (Atici, Pan, Cetin, arXiv 2212.09921) measures the power of a Linear layer's inputs X [n, d]:
 * {@code q = mean_i ‖x_i‖₂²} ({@link Norm#L2}) or {@code q = mean_i ‖x_i‖₁} ({@link Norm#L1}).
 *
 * @param standardize the authors' code variant: each x_i is first standardized over its own d entries (zero mean,
 *                    unit biased variance; a constant row becomes 0). <b>(chosen)</b> reading of "each x_i
 *                    standardized before the norm" (sim/docs/math.md §3). Without it, the TMLR Algorithm 1 on raw inputs.
 */
public record InputPower(Norm norm, boolean standardize) {

    public enum Norm { L1, L2 }

    public InputPower {
        Objects.requireNonNull(norm, "norm");
    }

    /** q of the rows of {@code x}. */
    public double of(INDArray x) {
        long n = x.rows();
        if (!standardize) {
            // BLAS on the whole (contiguous) input: no allocation, unlike INDArray.norm2Number.
            return norm == Norm.L2 ? square(Nd4j.getBlasWrapper().level1().nrm2(x)) / n
                    : Nd4j.getBlasWrapper().level1().asum(x) / n;
        }
        double total = 0;
        for (double[] row : x.toDoubleMatrix()) {
            total += standardizedNorm(row);
        }
        return total / n;
    }

    private double standardizedNorm(double[] row) {
        double mean = 0;
        for (double v : row) {
            mean += v;
        }
        mean /= row.length;
        double variance = 0;
        for (double v : row) {
            variance += square(v - mean);
        }
        double sd = Math.sqrt(variance / row.length);
        if (sd == 0) {
            return 0;
        }
        double sum = 0;
        for (double v : row) {
            double z = (v - mean) / sd;
            sum += norm == Norm.L2 ? z * z : Math.abs(z);
        }
        return sum;
    }

    private static double square(double v) {
        return v * v;
    }
}
