package org.normlab.sim.model;

import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.normlab.sim.backend.PreparedOps;

/**
 * BatchNorm over the rows of a batch, per feature (sim/docs/math.md §1–2): {@code ẑ = (z − μ)/s},
 * {@code s = sqrt(σ² + ε)} with the biased batch variance, {@code y = γ ẑ + β}. In train mode the statistics are the
 * batch's own, computed separately over consecutive ghost batches of G rows when G > 0, and the running averages
 * follow them with momentum 0.1 (PyTorch's convention: the running variance takes the unbiased batch variance).
 * In eval mode the running averages are used and the layer is a fixed affine map per feature.
 *
 * <p>Train-mode derivatives, with m(·) the mean over a (ghost) batch and {@code P(a) = a − m(a) − ẑ·m(ẑa)} the
 * projection that removes what the batch statistics absorb (γ is constant per feature, so P(γ dy) = γ P(dy)):
 * backward {@code dz = (γ/s) P(dy)}; R-forward {@code Rẑ = P(Rz)/s}, {@code Ry = Rγ ẑ + γ Rẑ + Rβ}; R-backward
 * {@code R(dz) = ((Rγ − γ m(ẑ Rz)/s)/s) P(dy) + (γ/s)[R(dy) − m(R(dy)) − Rẑ m(ẑ dy) − ẑ m(Rẑ dy + ẑ R(dy))]},
 * which is sim/docs/math.md §2's formula with u = γ dy. Eval mode: {@code dz = γ dy/s}, {@code Rẑ = Rz/s},
 * {@code R(dz) = (Rγ dy + γ R(dy))/s}. Without affine parameters γ = 1 and Rγ = Rβ = 0.
 *
 * <p>Speed: per-feature statistics are tiny vectors, so they are computed in plain Java from one bulk copy; the
 * [n, f] work is done by whole-matrix ND4J calls (column sums, and broadcasting products and differences).
 */
final class BatchNorm implements Layer {
    static final double RUNNING_MOMENTUM = 0.1;

    private final String name;
    private final int gamma;
    private final int beta;
    private final int features;
    private final double epsilon;
    private final int ghostBatchSize;
    private final INDArray runningMean;
    private final INDArray runningVar;
    private final Scratch scratch = new Scratch();
    private final PreparedOps ops = new PreparedOps();
    /** Row views of each (ghost) batch, made once per array so prepared operations find the same views again. */
    private final Map<INDArray, INDArray[]> chunkViews = new IdentityHashMap<>();

    private long averagedBatches = -1;
    private BatchNormMode mode;
    private int rows;
    private int chunkRows;
    private int chunkCount;
    private double[][] scales;
    private double[][] meanZhatDyPerChunk;
    private double[][] meanZhatRzPerChunk;
    private INDArray zhat;
    private INDArray dy;
    private INDArray projectedDy;
    private INDArray rz;
    private INDArray rzhat;

    /** @param gamma tensor index of γ, or −1 for a BatchNorm without affine parameters (then β is −1 too) */
    BatchNorm(String name, int features, int gamma, int beta, double epsilon, int ghostBatchSize) {
        this.name = name;
        this.gamma = gamma;
        this.beta = beta;
        this.features = features;
        this.epsilon = epsilon;
        this.ghostBatchSize = ghostBatchSize;
        this.runningMean = Nd4j.zeros(DataType.DOUBLE, features);
        this.runningVar = Nd4j.ones(DataType.DOUBLE, features);
    }

    String name() {
        return name;
    }

    INDArray runningMean() {
        return runningMean;
    }

    INDArray runningVar() {
        return runningVar;
    }

    private boolean affine() {
        return gamma >= 0;
    }

    @Override
    public INDArray forward(INDArray z, Params.Views theta, BatchNormMode mode, boolean updateRunningStats) {
        this.mode = mode;
        int newRows = (int) z.rows();
        boolean ghosts = mode == BatchNormMode.TRAIN && ghostBatchSize > 0 && ghostBatchSize < newRows;
        int newChunkRows = ghosts ? ghostBatchSize : newRows;
        if (newRows != rows || newChunkRows != chunkRows) {
            chunkViews.clear();
        }
        rows = newRows;
        chunkRows = newChunkRows;
        chunkCount = (rows + chunkRows - 1) / chunkRows;
        scales = new double[chunkCount][];
        zhat = like("zhat", z);
        for (int c = 0; c < chunkCount; c++) {
            INDArray zc = chunk(z, c);
            INDArray zhc = chunk(zhat, c);
            double[] mean;
            double[] variance;
            if (mode == BatchNormMode.EVAL) {
                mean = runningMean.data().asDouble();
                variance = runningVar.data().asDouble();
            } else {
                INDArray meanVector = scratch.vector("batchMean", features);
                INDArray varianceVector = scratch.vector("batchVariance", features);
                ops.columnMoments(zc, meanVector, varianceVector);
                mean = meanVector.data().asDouble();
                variance = varianceVector.data().asDouble();
            }
            ops.sub(zc, row("mean", mean), zhc);
            double[] inverse = new double[features];
            scales[c] = new double[features];
            for (int j = 0; j < features; j++) {
                scales[c][j] = Math.sqrt(variance[j] + epsilon);
                inverse[j] = 1 / scales[c][j];
            }
            ops.mul(zhc, row("inverseScale", inverse), zhc);
            if (updateRunningStats && mode == BatchNormMode.TRAIN) {
                updateRunningStatistics(mean, variance, zc.rows());
            }
        }
        INDArray y = like("y", z);
        return affine() ? ops.add(ops.mul(zhat, theta.get(gamma), y), theta.get(beta), y) : y.assign(zhat);
    }

    /**
     * Switches the running statistics from the exponential average to a plain average of the batches that follow
     * (PyTorch's {@code momentum=None}), starting from nothing; {@link #stopAveraging} switches back.
     */
    void startAveraging() {
        averagedBatches = 0;
        runningMean.assign(0.0);
        runningVar.assign(0.0);
    }

    void stopAveraging() {
        averagedBatches = -1;
    }

    private void updateRunningStatistics(double[] mean, double[] variance, long n) {
        double unbiased = n > 1 ? (double) n / (n - 1) : 1.0;
        double weight = averagedBatches < 0 ? RUNNING_MOMENTUM : 1.0 / ++averagedBatches;
        double[] runMean = runningMean.data().asDouble();
        double[] runVar = runningVar.data().asDouble();
        for (int j = 0; j < features; j++) {
            runMean[j] = (1 - weight) * runMean[j] + weight * mean[j];
            runVar[j] = (1 - weight) * runVar[j] + weight * unbiased * variance[j];
        }
        runningMean.data().setData(runMean);
        runningVar.data().setData(runVar);
    }

    /**
     * dγ = Σ dy ẑ, dβ = Σ dy, dz = (γ/s) P(dy) (train) or γ dy/s (eval). The column sums behind dγ and dβ are also
     * the means P needs, so each (ghost) batch costs two reductions.
     */
    @Override
    public INDArray backward(INDArray dy, Params.Views theta, Params.Views grad) {
        this.dy = dy;
        INDArray product = ops.mul(dy, zhat, like("product", dy));
        projectedDy = mode == BatchNormMode.EVAL ? dy : like("projectedDy", dy);
        INDArray dz = like("dz", dy);
        INDArray work = like("work", dy);
        double[] dgamma = new double[features];
        double[] dbeta = new double[features];
        meanZhatDyPerChunk = new double[chunkCount][];
        for (int c = 0; c < chunkCount; c++) {
            INDArray dyc = chunk(dy, c);
            double[] sumDy = columnSums(dyc);
            double[] sumProduct = columnSums(chunk(product, c));
            double[] meanDy = new double[features];
            double[] meanProduct = new double[features];
            meanZhatDyPerChunk[c] = meanProduct;
            for (int j = 0; j < features; j++) {
                dbeta[j] += sumDy[j];
                dgamma[j] += sumProduct[j];
                meanDy[j] = sumDy[j] / dyc.rows();
                meanProduct[j] = sumProduct[j] / dyc.rows();
            }
            if (mode == BatchNormMode.TRAIN) {
                INDArray pc = chunk(projectedDy, c);
                ops.sub(dyc, ops.mul(chunk(zhat, c), row("meanZhatA", meanProduct), chunk(work, c)), pc);
                ops.sub(pc, row("meanA", meanDy), pc);
            }
            ops.mul(chunk(projectedDy, c), row("gain", gains(theta, c)), chunk(dz, c));
        }
        if (affine()) {
            grad.get(gamma).assign(vector("dgamma", dgamma));
            grad.get(beta).assign(vector("dbeta", dbeta));
        }
        return dz;
    }

    /** Rẑ = P(Rz)/s (train) or Rz/s (eval); Ry = Rγ ẑ + γ Rẑ + Rβ. */
    @Override
    public INDArray rForward(INDArray rz, Params.Views theta, Params.Views v) {
        this.rz = rz;
        INDArray projected = mode == BatchNormMode.EVAL ? rz : projectRz(rz);
        rzhat = like("rzhat", rz);
        for (int c = 0; c < chunkCount; c++) {
            ops.mul(chunk(projected, c), row("inverseScale", inverse(scales[c])), chunk(rzhat, c));
        }
        INDArray ry = like("ry", rz);
        if (!affine()) {
            return ry.assign(rzhat);
        }
        ops.mul(rzhat, theta.get(gamma), ry);
        ops.add(ry, ops.mul(zhat, v.get(gamma), like("ryGamma", rz)), ry);
        return ops.add(ry, v.get(beta), ry);
    }

    @Override
    public INDArray rBackward(INDArray rdy, Params.Views theta, Params.Views v, Params.Views out) {
        double[] g = affine() ? values(theta.get(gamma)) : ones();
        double[] rg = affine() ? values(v.get(gamma)) : new double[features];
        INDArray work = like("work", rdy);
        // Rẑ dy + ẑ R(dy): its column sums are R(dγ) and, per (ghost) batch, n·m(Rẑ dy + ẑ R(dy)).
        INDArray mixed = ops.add(ops.mul(rzhat, dy, like("mixed", rdy)), ops.mul(zhat, rdy, work),
                like("mixed", rdy));
        INDArray rdz = like("rdz", rdy);
        double[] rdgamma = new double[features];
        double[] rdbeta = new double[features];
        for (int c = 0; c < chunkCount; c++) {
            INDArray rdyc = chunk(rdy, c);
            double[] sumMixed = columnSums(chunk(mixed, c));
            double[] sumRdy = columnSums(rdyc);
            for (int j = 0; j < features; j++) {
                rdgamma[j] += sumMixed[j];
                rdbeta[j] += sumRdy[j];
            }
            if (mode == BatchNormMode.TRAIN) {
                rBackwardTrain(c, g, rg, rdyc, divide(sumMixed, rdyc.rows()), divide(sumRdy, rdyc.rows()),
                        chunk(work, c), chunk(rdz, c));
            }
        }
        if (affine()) {
            out.get(gamma).assign(vector("rdgamma", rdgamma));
            out.get(beta).assign(vector("rdbeta", rdbeta));
        }
        if (mode == BatchNormMode.EVAL) {
            // (Rγ dy + γ R(dy)) / s
            double[] inverse = inverse(scales[0]);
            ops.mul(dy, row("rGain", times(rg, inverse)), rdz);
            ops.add(rdz, ops.mul(rdy, row("gain", times(g, inverse)), work), rdz);
        }
        return rdz;
    }

    /**
     * R(dz) on (ghost) batch c: {@code ((Rγ − γ m(ẑ Rz)/s)/s) P(dy) + (γ/s)[R(dy) − m(R(dy)) − Rẑ m(ẑ dy) − ẑ m(mixed)]}
     * with the means the backward and R-forward passes already took.
     */
    private void rBackwardTrain(int c, double[] g, double[] rg, INDArray rdyc, double[] meanMixed, double[] meanRdy,
                                INDArray wc, INDArray out) {
        INDArray zh = chunk(zhat, c);
        double[] s = scales[c];
        ops.sub(rdyc, row("meanRdy", meanRdy), out);
        ops.sub(out, ops.mul(chunk(rzhat, c), row("meanZhatDy", meanZhatDyPerChunk[c]), wc), out);
        ops.sub(out, ops.mul(zh, row("meanMixed", meanMixed), wc), out);
        double[] gain = new double[features];
        double[] outer = new double[features];
        for (int j = 0; j < features; j++) {
            gain[j] = g[j] / s[j];
            outer[j] = (rg[j] - g[j] * meanZhatRzPerChunk[c][j] / s[j]) / s[j];
        }
        ops.mul(out, row("gain", gain), out);
        ops.add(out, ops.mul(chunk(projectedDy, c), row("outer", outer), wc), out);
    }

    /** Rẑ's numerator P(Rz) = Rz − m(Rz) − ẑ m(ẑ Rz), per (ghost) batch; keeps m(ẑ Rz) for R-backward. */
    private INDArray projectRz(INDArray rz) {
        INDArray out = like("projectedRz", rz);
        INDArray work = like("work", rz);
        meanZhatRzPerChunk = new double[chunkCount][];
        for (int c = 0; c < chunkCount; c++) {
            INDArray rzc = chunk(rz, c);
            INDArray zh = chunk(zhat, c);
            INDArray wc = chunk(work, c);
            meanZhatRzPerChunk[c] = columnMeans(ops.mul(zh, rzc, wc));
            ops.sub(rzc, row("meanRz", columnMeans(rzc)), chunk(out, c));
            ops.sub(chunk(out, c), ops.mul(zh, row("meanZhatRz", meanZhatRzPerChunk[c]), wc), chunk(out, c));
        }
        return out;
    }

    /** γ/s of chunk c. */
    private double[] gains(Params.Views theta, int c) {
        double[] g = affine() ? values(theta.get(gamma)) : ones();
        return times(g, inverse(scales[c]));
    }

    /** Column sums of a [rows, features] array, in one reduction. */
    private double[] columnSums(INDArray a) {
        return ops.columnSums(a, scratch.matrix("columnSums", 1, features)).data().asDouble();
    }

    /** Column means of a [rows, features] array, in one reduction. */
    private double[] columnMeans(INDArray a) {
        double[] means = columnSums(a);
        for (int j = 0; j < features; j++) {
            means[j] /= a.rows();
        }
        return means;
    }

    /** A [1, features] array holding {@code values}, for broadcasting over rows. */
    private INDArray row(String arrayName, double[] values) {
        INDArray r = scratch.matrix(arrayName, 1, features);
        r.data().setData(values);
        return r;
    }

    /** The elements of a contiguous vector view, in one bulk copy. */
    private static double[] values(INDArray vector) {
        return vector.data().asDouble();
    }

    /** A [features] vector holding {@code values}. */
    private INDArray vector(String arrayName, double[] values) {
        INDArray v = scratch.vector(arrayName, features);
        v.data().setData(values);
        return v;
    }

    private double[] ones() {
        double[] ones = new double[features];
        java.util.Arrays.fill(ones, 1.0);
        return ones;
    }

    private static double[] inverse(double[] a) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = 1 / a[j];
        }
        return out;
    }

    private static double[] divide(double[] a, double divisor) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = a[j] / divisor;
        }
        return out;
    }

    private static double[] times(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = a[j] * b[j];
        }
        return out;
    }

    /** Rows of chunk c (the whole array when there is one chunk). */
    private INDArray chunk(INDArray a, int c) {
        if (chunkCount == 1) {
            return a;
        }
        return chunkViews.computeIfAbsent(a, array -> {
            INDArray[] views = new INDArray[chunkCount];
            for (int k = 0; k < chunkCount; k++) {
                int from = k * chunkRows;
                views[k] = array.get(NDArrayIndex.interval(from, Math.min(rows, from + chunkRows)),
                        NDArrayIndex.all());
            }
            return views;
        })[c];
    }

    private INDArray like(String arrayName, INDArray a) {
        return scratch.matrix(arrayName, a.rows(), a.columns());
    }
}
