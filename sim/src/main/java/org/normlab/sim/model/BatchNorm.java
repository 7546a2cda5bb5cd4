package org.normlab.sim.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
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
 * Eval mode: {@code dz = u/s}, {@code Rẑ = Rz/s}, {@code R(dz) = Ru/s}.
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
    private final Scratch scratch = new Scratch();

    private BatchNormMode mode;
    private int rows;
    private int chunkRows;
    private int chunkCount;
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
        rows = (int) z.rows();
        boolean ghosts = mode == BatchNormMode.TRAIN && ghostBatchSize > 0 && ghostBatchSize < rows;
        chunkRows = ghosts ? ghostBatchSize : rows;
        chunkCount = (rows + chunkRows - 1) / chunkRows;
        zhat = like("zhat", z).assign(z);
        INDArray squares = like("squares", z);
        for (int c = 0; c < chunkCount; c++) {
            INDArray mean = feature("mean", c);
            INDArray variance = feature("variance", c);
            INDArray zc = chunk(zhat, c);
            if (mode == BatchNormMode.EVAL) {
                mean.assign(runningMean);
                variance.assign(runningVar);
            } else {
                zc.mean(mean, 0);
                zc.subiRowVector(mean);
                chunk(squares, c).assign(zc).muli(zc).mean(variance, 0);
            }
            if (mode == BatchNormMode.EVAL) {
                zc.subiRowVector(mean);
            }
            INDArray s = Transforms.sqrt(feature("scale", c).assign(variance).addi(epsilon), false);
            zc.diviRowVector(s);
            if (updateRunningStats && mode == BatchNormMode.TRAIN) {
                long n = zc.rows();
                double unbiased = n > 1 ? (double) n / (n - 1) : 1.0;
                runningMean.muli(1 - RUNNING_MOMENTUM).addi(mean.muli(RUNNING_MOMENTUM));
                runningVar.muli(1 - RUNNING_MOMENTUM).addi(variance.muli(RUNNING_MOMENTUM * unbiased));
            }
        }
        INDArray y = like("y", z);
        if (!affine()) {
            return y.assign(zhat);
        }
        Nd4j.getExecutioner().exec(new BroadcastMulOp(zhat, theta.get(gamma), y, 1));
        return y.addiRowVector(theta.get(beta));
    }

    /** dγ = Σ dy ẑ, dβ = Σ dy, dz = P(γ dy)/s (train) or γ dy/s (eval). */
    @Override
    public INDArray backward(INDArray dy, Params.Views theta, Params.Views grad) {
        this.dy = dy;
        u = like("u", dy);
        if (affine()) {
            like("product", dy).assign(dy).muli(zhat).sum(grad.get(gamma), 0);
            dy.sum(grad.get(beta), 0);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(dy, theta.get(gamma), u, 1));
        } else {
            u.assign(dy);
        }
        projectedU = mode == BatchNormMode.EVAL ? u : project(u, "projectedU", "meanU", "meanZhatU");
        return divideByScale(projectedU, like("dz", dy));
    }

    /** Rẑ = P(Rz)/s (train) or Rz/s (eval); Ry = Rγ ẑ + γ Rẑ + Rβ. */
    @Override
    public INDArray rForward(INDArray rz, Params.Views theta, Params.Views v) {
        this.rz = rz;
        INDArray projected = mode == BatchNormMode.EVAL ? rz : project(rz, "projectedRz", "meanRz", "meanZhatRz");
        rzhat = divideByScale(projected, like("rzhat", rz));
        INDArray ry = like("ry", rz);
        if (!affine()) {
            return ry.assign(rzhat);
        }
        Nd4j.getExecutioner().exec(new BroadcastMulOp(rzhat, theta.get(gamma), ry, 1));
        INDArray term = like("ryGamma", rz);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(zhat, v.get(gamma), term, 1));
        return ry.addi(term).addiRowVector(v.get(beta));
    }

    @Override
    public INDArray rBackward(INDArray rdy, Params.Views theta, Params.Views v, Params.Views out) {
        INDArray ru = like("ru", rdy);
        if (affine()) {
            INDArray product = like("product", rdy);
            product.assign(rdy).muli(zhat).addi(like("product2", rdy).assign(dy).muli(rzhat)).sum(out.get(gamma), 0);
            rdy.sum(out.get(beta), 0);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(rdy, theta.get(gamma), ru, 1));
            INDArray term = like("ruGamma", rdy);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(dy, v.get(gamma), term, 1));
            ru.addi(term);
        } else {
            ru.assign(rdy);
        }
        INDArray rdz = like("rdz", rdy);
        if (mode == BatchNormMode.EVAL) {
            return divideByScale(ru, rdz);
        }
        INDArray work = like("work", rdy);
        for (int c = 0; c < chunkCount; c++) {
            INDArray s = feature("scale", c);
            INDArray zh = chunk(zhat, c);
            INDArray ruc = chunk(ru, c);
            INDArray rzh = chunk(rzhat, c);
            INDArray w = chunk(work, c);
            INDArray out0 = chunk(rdz, c);
            // [Ru − m(Ru) − Rẑ m(ẑu) − ẑ m(Rẑ u + ẑ Ru)] / s
            out0.assign(ruc).subiRowVector(ruc.mean(feature("meanRu", c), 0));
            out0.subi(w.assign(rzh).muliRowVector(feature("meanZhatU", c)));
            INDArray mixed = feature("meanMixed", c);
            w.assign(rzh).muli(chunk(u, c)).addi(chunk(like("product", rdy), c).assign(zh).muli(ruc)).mean(mixed, 0);
            out0.subi(w.assign(zh).muliRowVector(mixed)).diviRowVector(s);
            // − (m(ẑ Rz)/s²) P(u)
            INDArray scaleChange = feature("scaleChange", c);
            w.assign(zh).muli(chunk(rz, c)).mean(scaleChange, 0);
            scaleChange.divi(s).divi(s);
            out0.subi(w.assign(chunk(projectedU, c)).muliRowVector(scaleChange));
        }
        return rdz;
    }

    /**
     * P(a) = a − m(a) − ẑ m(ẑ a) per (ghost) batch into the array called {@code name}; the per-feature means are
     * kept under {@code meanName} and {@code meanZhatName} for the R-backward pass.
     */
    private INDArray project(INDArray a, String name, String meanName, String meanZhatName) {
        INDArray out = like(name, a);
        INDArray work = like("work", a);
        for (int c = 0; c < chunkCount; c++) {
            INDArray ac = chunk(a, c);
            INDArray zh = chunk(zhat, c);
            INDArray meanZhatA = feature(meanZhatName, c);
            chunk(work, c).assign(zh).muli(ac).mean(meanZhatA, 0);
            chunk(out, c).assign(ac).subiRowVector(ac.mean(feature(meanName, c), 0))
                    .subi(chunk(work, c).assign(zh).muliRowVector(meanZhatA));
        }
        return out;
    }

    /** out = a / s, chunk by chunk. */
    private INDArray divideByScale(INDArray a, INDArray out) {
        for (int c = 0; c < chunkCount; c++) {
            Nd4j.getExecutioner().exec(new BroadcastDivOp(chunk(a, c), feature("scale", c), chunk(out, c), 1));
        }
        return out;
    }

    /** Rows of chunk c (the whole array when there is one chunk). */
    private INDArray chunk(INDArray a, int c) {
        if (chunkCount == 1) {
            return a;
        }
        int from = c * chunkRows;
        return a.get(NDArrayIndex.interval(from, Math.min(rows, from + chunkRows)), NDArrayIndex.all());
    }

    private INDArray like(String arrayName, INDArray a) {
        return scratch.matrix(arrayName, a.rows(), a.columns());
    }

    private INDArray feature(String arrayName, int c) {
        return scratch.vector(chunkCount == 1 ? arrayName : arrayName + c, runningMean.length());
    }
}
