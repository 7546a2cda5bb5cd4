package org.normlab.sim.curvature;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.linalg.DenseSymmetric;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.linalg.SpectralDensity;
import org.normlab.sim.linalg.TopEigenvalues;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.Network;

/**
 * Every measurement of sim/docs/math.md §9 at one point, as {@code normlab probe} reports them: the top-k eigenvalues
 * of the loss's Hessian and of the Fisher (Gauss–Newton) with their bounds, their spectral densities by stochastic
 * Lanczos quadrature (whose p = 1 samples are Hutchinson's trace samples: {@code n vᵀAv = zᵀAz} for {@code v =
 * z/√n}), per-tensor curvature of the Hessian, batch sharpness, the landscape slices, and optionally the dense
 * matrices' full spectra. All on the loss of {@code probeSet} with BatchNorm in the given mode; weight decay and
 * optimizer constraints are not part of these matrices (the sharpness probe's objective includes them).
 *
 * <p>The Hessian's top-k, its density and the line slice are always measured; the other {@link Part}s only when
 * asked, so a view that draws a few of them (the lab's curvature panel) pays for no more. Each part draws from seeds
 * of its own, so a part's numbers do not depend on which others were measured.
 */
public final class CurvatureSurvey {
    /** Which second direction the plane slice takes besides the top eigenvector. */
    public enum Plane { RANDOM, EIGENVECTOR }

    /** The survey's optional parts, besides the Hessian's top-k, density and line slice. */
    public enum Part {
        /** The Fisher's top-k and density (and, with {@link #EXACT}, its dense spectrum). */
        FISHER,
        /** Per-tensor λ_max and trace of the Hessian's diagonal blocks. */
        LAYERS,
        /** The loss on the plane of two filter-normalized directions. */
        PLANE,
        /** The dense matrices' full spectra (at most {@link DenseSymmetric#MAX_DIMENSION} parameters). */
        EXACT;

        /** Everything but the dense spectra: what {@code normlab probe} measures without {@code --exact}. */
        public static Set<Part> estimates() {
            return EnumSet.of(FISHER, LAYERS, PLANE);
        }
    }

    /**
     * @param topK           eigenvalues per matrix, 1 to {@link #MAX_TOP_K}
     * @param probes         Rademacher probes for the densities and traces, ≥ 2 (a standard error needs two)
     * @param quadratureSteps Lanczos steps per density probe, ≥ 1
     * @param maxSteps       Lanczos step limit of the eigenvalue estimates, ≥ 1
     * @param tolerance      relative error bound of the eigenvalue estimates, in (0, 1)
     * @param batchSize      the training batch size for batch sharpness; 0 (full batch) skips it
     * @param slicePoints    points per slice axis, ≥ 3
     * @param planeRadius    the plane slice's extent along each filter-normalized direction, > 0
     * @param plane          the plane's second direction
     * @param parts          the optional parts to measure
     * @param seed           of every random vector (never the training RNG)
     */
    public record Settings(int topK, int probes, int quadratureSteps, int maxSteps, double tolerance, int batchSize,
                           int slicePoints, double planeRadius, Plane plane, Set<Part> parts, long seed) {
        public Settings {
            require(topK >= 1 && topK <= MAX_TOP_K, "topK must be in [1, " + MAX_TOP_K + "], got " + topK);
            require(probes >= 2, "probes must be ≥ 2, got " + probes);
            require(quadratureSteps >= 1, "quadratureSteps must be ≥ 1, got " + quadratureSteps);
            require(maxSteps >= 1, "maxSteps must be ≥ 1, got " + maxSteps);
            require(tolerance > 0 && tolerance < 1, "tolerance must be in (0, 1), got " + tolerance);
            require(batchSize >= 0, "batchSize must be ≥ 0, got " + batchSize);
            require(slicePoints >= 3, "slicePoints must be ≥ 3, got " + slicePoints);
            require(planeRadius > 0 && Double.isFinite(planeRadius), "planeRadius must be > 0, got " + planeRadius);
            require(parts != null, "parts must be a set of FISHER, LAYERS, PLANE, EXACT (empty: none)");
            parts = Set.copyOf(parts);
        }

        /** Whether part {@code p} is measured. */
        public boolean has(Part p) {
            return parts.contains(p);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** Top-k eigenvalues are asked of one Lanczos run; beyond ~20 a block method would serve better. */
    public static final int MAX_TOP_K = 20;

    /** The loss along the unit top eigenvector u: offsets a, losses, and the second-order model's λ = θ₁. */
    public record Line(double[] offsets, double[] losses, double lossAtOrigin, double curvature) {
    }

    /** The loss on a plane of two filter-normalized directions: offsets a (first), b (second), losses [i][j]. */
    public record PlaneSlice(Plane second, double[] a, double[] b, double[][] losses) {
    }

    /** One matrix's dense spectrum (exact mode). */
    public record Exact(double[] eigenvalues, double trace, double asymmetry) {
    }

    /**
     * What {@link #measure} found; {@code batch} empty for full-batch training; the parts not asked for empty
     * ({@code fisherTop}, {@code layers}: no elements; {@code exactFisher} needs both FISHER and EXACT).
     */
    public record Result(long parameters, List<EigenEstimate> hessianTop, List<EigenEstimate> fisherTop,
                         SpectralDensity hessianDensity, Optional<SpectralDensity> fisherDensity,
                         List<LayerCurvature.Block> layers, Optional<BatchSharpness.Result> batch, Line line,
                         Optional<PlaneSlice> plane, Optional<Exact> exactHessian, Optional<Exact> exactFisher) {
    }

    private CurvatureSurvey() {
    }

    /** §9's measurements that {@code s} asks for, of {@code network} on {@code probeSet}; the network is left as it was. */
    public static Result measure(Network network, Batch probeSet, BatchNormMode mode, Settings s) {
        long n = network.params().size();
        boolean exact = s.has(Part.EXACT);
        boolean fisherToo = s.has(Part.FISHER);
        if (exact && n > DenseSymmetric.MAX_DIMENSION) {
            throw new IllegalArgumentException("the exact mode needs at most " + DenseSymmetric.MAX_DIMENSION
                    + " parameters; this network has " + n);
        }
        LinearOperator hessian = Curvature.HESSIAN.of(network, probeSet, mode);
        LinearOperator fisher = Curvature.GAUSS_NEWTON.of(network, probeSet, mode);
        TopEigenvalues top = new TopEigenvalues(s.maxSteps(), s.tolerance());
        List<EigenEstimate> hessianTop = top.largest(hessian, s.topK(), s.seed());
        List<EigenEstimate> fisherTop = fisherToo ? top.largest(fisher, s.topK(), s.seed() + 1) : List.of();
        Lanczos lanczos = new Lanczos(s.maxSteps(), s.tolerance());
        Optional<BatchSharpness.Result> batch = s.batchSize() == 0 || s.batchSize() > probeSet.size()
                ? Optional.empty()
                : Optional.of(BatchSharpness.measure(network, probeSet, mode, s.batchSize(), lanczos, s.seed() + 2));
        return new Result(n, hessianTop, fisherTop,
                SpectralDensity.estimate(hessian, s.probes(), s.quadratureSteps(), s.seed() + 3),
                fisherToo ? Optional.of(SpectralDensity.estimate(fisher, s.probes(), s.quadratureSteps(), s.seed() + 4))
                        : Optional.empty(),
                s.has(Part.LAYERS) ? LayerCurvature.measure(hessian, network.params(), lanczos, s.probes(),
                        s.seed() + 5) : List.of(), batch,
                line(network, probeSet, mode, hessianTop.get(0), s.slicePoints()),
                s.has(Part.PLANE) ? Optional.of(plane(network, probeSet, mode, hessianTop, s)) : Optional.empty(),
                exact ? Optional.of(exact(hessian)) : Optional.empty(),
                exact && fisherToo ? Optional.of(exact(fisher)) : Optional.empty());
    }

    /**
     * Along u, over ±a* with {@code ½λa*² = 4 L(θ)}: wide enough that the quadratic model rises to five times the loss
     * (for λ ≤ 0 or a zero loss, ±1).
     */
    private static Line line(Network network, Batch probeSet, BatchNormMode mode, EigenEstimate top, int points) {
        double loss = network.loss(probeSet, mode);
        double lambda = top.value();
        double radius = lambda > 0 && loss > 0 ? Math.sqrt(8 * loss / lambda) : 1;
        double[] a = LandscapeSlice.offsets(radius, points);
        return new Line(a, LandscapeSlice.line(network, probeSet, mode, top.vector(), a), loss, lambda);
    }

    private static PlaneSlice plane(Network network, Batch probeSet, BatchNormMode mode, List<EigenEstimate> top,
                                    Settings s) {
        Plane second = s.plane() == Plane.EIGENVECTOR && top.size() >= 2 ? Plane.EIGENVECTOR : Plane.RANDOM;
        INDArray d1 = top.get(0).vector().dup();
        INDArray d2 = second == Plane.EIGENVECTOR ? top.get(1).vector().dup() : gaussian(d1.length(), s.seed() + 6);
        FilterNormalization.apply(d1, network.theta(), network.params());
        FilterNormalization.apply(d2, network.theta(), network.params());
        double[] a = LandscapeSlice.offsets(s.planeRadius(), s.slicePoints());
        return new PlaneSlice(second, a, a.clone(), LandscapeSlice.plane(network, probeSet, mode, d1, d2, a, a));
    }

    private static Exact exact(LinearOperator a) {
        DenseSymmetric dense = DenseSymmetric.of(a);
        return new Exact(dense.decompose().values(), dense.trace(), dense.asymmetry());
    }

    private static INDArray gaussian(long n, long seed) {
        Random random = new Random(seed);
        double[] x = new double[Math.toIntExact(n)];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return Nd4j.createFromArray(x);
    }
}
