package org.normlab.sim.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BatchNorm over the rows of a batch, per feature (algorithms.md §1–2): {@code ẑ = (z − μ)/s},
 * {@code s = sqrt(σ² + ε)} with the biased batch variance, {@code y = γ ẑ + β}. In train mode the statistics are the
 * batch's own, computed separately over consecutive ghost batches of G rows when G > 0, and the running averages
 * follow them with momentum 0.1 (PyTorch's convention: the running variance takes the unbiased batch variance).
 * In eval mode the running averages are used and the layer is a fixed affine map per feature.
 *
 * <p>Train-mode derivatives, with m(·) the mean over a (ghost) batch and {@code P(u) = u − m(u) − ẑ·m(ẑu)} the
 * projection that removes what the batch statistics absorb: backward {@code u = γ dy, dz = P(u)/s}; R-forward
 * {@code Rẑ = P(Rz)/s}; R-backward
 * {@code R(dz) = −(m(ẑ Rz)/s²) P(u) + [Ru − m(Ru) − Rẑ m(ẑu) − ẑ m(Rẑ u + ẑ Ru)]/s}, {@code Ru = Rγ dy + γ R(dy)}.
 */
final class BatchNorm implements Layer {
    static final double RUNNING_MOMENTUM = 0.1;

    private final String name;
    private final int gamma;
    private final int beta;
    private final double epsilon;
    private final int ghostBatchSize;
    private final INDArray runningMean;
    private final INDArray runningVar;

    private BatchNormMode mode;
    private final List<INDArrayIndex[]> chunks = new ArrayList<>();
    private final List<INDArray> scales = new ArrayList<>();
    private INDArray zhat;
    private INDArray dy;
    private INDArray u;
    private INDArray projectedU;
    private INDArray rz;
    private INDArray rzhat;

    /** @param gamma tensor index of γ, or −1 for a BatchNorm without affine parameters (then β is −1 too) */
    BatchNorm(String name, int features, int gamma, int beta, double epsilon, int ghostBatchSize) {
        this.name = name;
        this.gamma = gamma;
        this.beta = beta;
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
        int n = (int) z.rows();
        chunks.clear();
        scales.clear();
        zhat = Nd4j.create(DataType.DOUBLE, n, z.columns());
        if (mode == BatchNormMode.EVAL) {
            chunks.add(rows(0, n));
            INDArray s = Transforms.sqrt(runningVar.add(epsilon), false);
            scales.add(s);
            zhat.assign(z.subRowVector(runningMean).diviRowVector(s));
        } else {
            int g = ghostBatchSize > 0 ? ghostBatchSize : n;
            for (int r0 = 0; r0 < n; r0 += g) {
                INDArrayIndex[] chunk = rows(r0, Math.min(n, r0 + g));
                INDArray zc = z.get(chunk);
                INDArray mean = zc.mean(0);
                INDArray centred = zc.subRowVector(mean);
                INDArray var = centred.mul(centred).mean(0);
                INDArray s = Transforms.sqrt(var.add(epsilon), false);
                zhat.get(chunk).assign(centred.diviRowVector(s));
                chunks.add(chunk);
                scales.add(s);
                if (updateRunningStats) {
                    long rowsInChunk = zc.rows();
                    double unbiased = rowsInChunk > 1 ? (double) rowsInChunk / (rowsInChunk - 1) : 1.0;
                    runningMean.muli(1 - RUNNING_MOMENTUM).addi(mean.muli(RUNNING_MOMENTUM));
                    runningVar.muli(1 - RUNNING_MOMENTUM).addi(var.muli(RUNNING_MOMENTUM * unbiased));
                }
            }
        }
        return affine() ? zhat.mulRowVector(theta.get(gamma)).addiRowVector(theta.get(beta)) : zhat.dup();
    }

    /** dγ = Σ dy ẑ, dβ = Σ dy, dz = P(γ dy)/s (train) or γ dy/s (eval). */
    @Override
    public INDArray backward(INDArray dy, Params.Views theta, Params.Views grad) {
        this.dy = dy;
        if (affine()) {
            grad.get(gamma).assign(dy.mul(zhat).sum(0));
            grad.get(beta).assign(dy.sum(0));
            u = dy.mulRowVector(theta.get(gamma));
        } else {
            u = dy.dup();
        }
        if (mode == BatchNormMode.EVAL) {
            projectedU = u;
        } else {
            projectedU = Nd4j.create(DataType.DOUBLE, u.rows(), u.columns());
            for (INDArrayIndex[] chunk : chunks) {
                projectedU.get(chunk).assign(project(u.get(chunk), zhat.get(chunk)));
            }
        }
        return divideByScale(projectedU.dup());
    }

    /** Rẑ = P(Rz)/s (train) or Rz/s (eval); Ry = Rγ ẑ + γ Rẑ + Rβ. */
    @Override
    public INDArray rForward(INDArray rz, Params.Views theta, Params.Views v) {
        this.rz = rz;
        if (mode == BatchNormMode.EVAL) {
            rzhat = rz.dup();
        } else {
            rzhat = Nd4j.create(DataType.DOUBLE, rz.rows(), rz.columns());
            for (INDArrayIndex[] chunk : chunks) {
                rzhat.get(chunk).assign(project(rz.get(chunk), zhat.get(chunk)));
            }
        }
        divideByScale(rzhat);
        if (!affine()) {
            return rzhat.dup();
        }
        return rzhat.mulRowVector(theta.get(gamma))
                .addi(zhat.mulRowVector(v.get(gamma)))
                .addiRowVector(v.get(beta));
    }

    @Override
    public INDArray rBackward(INDArray rdy, Params.Views theta, Params.Views v, Params.Views out) {
        INDArray ru;
        if (affine()) {
            out.get(gamma).assign(rdy.mul(zhat).addi(dy.mul(rzhat)).sum(0));
            out.get(beta).assign(rdy.sum(0));
            ru = rdy.mulRowVector(theta.get(gamma)).addi(dy.mulRowVector(v.get(gamma)));
        } else {
            ru = rdy.dup();
        }
        if (mode == BatchNormMode.EVAL) {
            return divideByScale(ru);
        }
        INDArray rdz = Nd4j.create(DataType.DOUBLE, ru.rows(), ru.columns());
        for (int c = 0; c < chunks.size(); c++) {
            INDArrayIndex[] chunk = chunks.get(c);
            INDArray s = scales.get(c);
            INDArray zh = zhat.get(chunk);
            INDArray uc = u.get(chunk);
            INDArray ruc = ru.get(chunk);
            INDArray rzh = rzhat.get(chunk);
            INDArray scaleChange = zh.mul(rz.get(chunk)).mean(0).divi(s).divi(s);
            INDArray inner = ruc.subRowVector(ruc.mean(0))
                    .subi(rzh.mulRowVector(zh.mul(uc).mean(0)))
                    .subi(zh.mulRowVector(rzh.mul(uc).addi(zh.mul(ruc)).mean(0)))
                    .diviRowVector(s);
            rdz.get(chunk).assign(inner.subi(projectedU.get(chunk).mulRowVector(scaleChange)));
        }
        return rdz;
    }

    /** P(a) = a − m(a) − ẑ m(ẑ a) over the rows of one (ghost) batch, as a new array. */
    private static INDArray project(INDArray a, INDArray zh) {
        return a.subRowVector(a.mean(0)).subi(zh.mulRowVector(zh.mul(a).mean(0)));
    }

    /** Divides each chunk's rows of {@code a} by that chunk's s, in place. */
    private INDArray divideByScale(INDArray a) {
        for (int c = 0; c < chunks.size(); c++) {
            a.get(chunks.get(c)).diviRowVector(scales.get(c));
        }
        return a;
    }

    private static INDArrayIndex[] rows(int from, int to) {
        return new INDArrayIndex[] {NDArrayIndex.interval(from, to), NDArrayIndex.all()};
    }
}
