package org.normlab.sim.linalg;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The spectral density of a symmetric operator by stochastic Lanczos quadrature (Ghorbani, Krishnan, Xiao 2019;
 * sim/docs/math.md §9). From each of m normalized Rademacher probes v, k Lanczos steps with full reorthogonalization
 * give {@code T = S diag(θ) Sᵀ}: the Gauss quadrature of the measure {@code Σ_i (vᵀu_i)² δ(t − λ_i)} with nodes θ_j
 * and weights {@code τ_j = S_1j²}, exact for polynomials of degree ≤ 2k − 1. So {@code n Σ_j τ_j θ_j^p} is an
 * unbiased estimate of {@code tr(A^p)} for p ≤ 2k − 1 (n the dimension; for p = 1 it is Hutchinson's sample), and the
 * density {@code φ(t) = (1/m) Σ_v Σ_j τ_j 𝒩(t; θ_j, σ²)} integrates to 1. Costs m·k products.
 */
public final class SpectralDensity {
    private final long dimension;
    private final Quadrature[] probes;

    /** One probe's Gauss quadrature: nodes θ_j ascending, weights τ_j summing to 1. */
    public record Quadrature(double[] nodes, double[] weights) {
        /** {@code Σ_j τ_j θ_j^p}, which equals {@code vᵀ A^p v} for p ≤ 2k − 1. */
        public double moment(int p) {
            double sum = 0;
            for (int j = 0; j < nodes.length; j++) {
                sum += weights[j] * Math.pow(nodes[j], p);
            }
            return sum;
        }
    }

    private SpectralDensity(long dimension, Quadrature[] probes) {
        this.dimension = dimension;
        this.probes = probes;
    }

    /**
     * The density of {@code a} from {@code probes} ≥ 1 Rademacher vectors drawn from {@code new Random(seed)},
     * {@code steps} ≥ 1 Lanczos steps each (fewer when the Krylov space is exhausted: the quadrature is then exact).
     */
    public static SpectralDensity estimate(LinearOperator a, int probes, int steps, long seed) {
        if (probes < 1) {
            throw new IllegalArgumentException("probes must be ≥ 1, got " + probes);
        }
        int n = Math.toIntExact(a.dimension());
        Lanczos lanczos = new Lanczos(steps, 0);
        Random random = new Random(seed);
        Quadrature[] quadratures = new Quadrature[probes];
        for (int i = 0; i < probes; i++) {
            quadratures[i] = quadrature(lanczos, a, Rademacher.vector(n, 1 / Math.sqrt(n), random));
        }
        return new SpectralDensity(n, quadratures);
    }

    /** The Gauss quadrature of {@code a} at the unit start {@code v}, by the given solver's step limit. */
    static Quadrature quadrature(Lanczos lanczos, LinearOperator a, INDArray v) {
        Lanczos.Tridiagonal t = lanczos.expand(a, v, (steps, ritz, beta) -> false);
        SymmetricTridiagonal.Eigen eigen = t.eigen();
        double[] weights = new double[t.steps()];
        for (int j = 0; j < t.steps(); j++) {
            weights[j] = eigen.vectors()[0][j] * eigen.vectors()[0][j];
        }
        return new Quadrature(eigen.values(), weights);
    }

    /** The estimate of {@code tr(A^p)} with its standard error over the probes: samples {@code n Σ_j τ_j θ_j^p}. */
    public SampleMean traceOfPower(int p) {
        return SampleMean.of(Arrays.stream(probes).mapToDouble(q -> dimension * q.moment(p)).toArray());
    }

    /** The estimated fraction of eigenvalues below {@code t}: the probes' mean quadrature weight on nodes below it. */
    public double fractionBelow(double t) {
        double sum = 0;
        for (Quadrature q : probes) {
            for (int j = 0; j < q.nodes().length; j++) {
                sum += q.nodes()[j] < t ? q.weights()[j] : 0;
            }
        }
        return sum / probes.length;
    }

    /** The smallest node of any probe. */
    public double lowest() {
        return Arrays.stream(probes).mapToDouble(q -> q.nodes()[0]).min().orElseThrow();
    }

    /** The largest node of any probe. */
    public double highest() {
        return Arrays.stream(probes).mapToDouble(q -> q.nodes()[q.nodes().length - 1]).max().orElseThrow();
    }

    /** σ as a fraction of the nodes' range (a range of zero, one repeated eigenvalue, uses |that value| or 1). */
    public double sigma(double fractionOfRange) {
        double range = highest() - lowest();
        double scale = range > 0 ? range : Math.abs(highest()) > 0 ? Math.abs(highest()) : 1;
        return fractionOfRange * scale;
    }

    /** {@code points} ≥ 2 evenly spaced values from 3σ below the lowest node to 3σ above the highest. */
    public double[] grid(int points, double sigma) {
        double low = lowest() - 3 * sigma;
        double high = highest() + 3 * sigma;
        double[] t = new double[points];
        for (int i = 0; i < points; i++) {
            t[i] = low + (high - low) * i / (points - 1);
        }
        return t;
    }

    /** {@code φ(t) = (1/m) Σ_v Σ_j τ_j 𝒩(t; θ_j, σ²)} at each t. */
    public double[] density(double[] t, double sigma) {
        double[] phi = new double[t.length];
        double norm = 1 / (probes.length * sigma * Math.sqrt(2 * Math.PI));
        for (Quadrature q : probes) {
            for (int j = 0; j < q.nodes().length; j++) {
                for (int i = 0; i < t.length; i++) {
                    double z = (t[i] - q.nodes()[j]) / sigma;
                    phi[i] += norm * q.weights()[j] * Math.exp(-0.5 * z * z);
                }
            }
        }
        return phi;
    }
}
