package org.normlab.sim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.backend.Backend;
import org.normlab.sim.backend.RawArrays;
import org.normlab.sim.data.Batch;

/**
 * A multilayer perceptron built from a {@link NetworkSpec}, its parameters θ in one flat float64 vector, and the
 * exact derivatives of its loss: the gradient by backpropagation, the Hessian-vector product by Pearlmutter's
 * R-operator through every layer (BatchNorm in train mode included) and the Gauss–Newton product
 * {@code Gv = (1/n) Jᵀ M J v} (sim/docs/math.md §2), which for softmax cross-entropy and ½-MSE is the Fisher.
 *
 * <p>Not thread-safe: a network belongs to one run and is used from that run's thread.
 */
public final class Network {
    static {
        Backend.initialize();
    }

    /**
     * Flat vectors whose per-tensor views a network keeps, so products with the same vectors find them; each keeps
     * its vector alive until the cache is emptied.
     */
    public static final int CACHED_VECTORS = 16;

    /**
     * Examples from which a side-effect-free pass shares its first layer's product ({@link #forward}): keeping it
     * copies W, a cost of about one example's product, so minibatch passes (curvature probes) are better off without.
     */
    static final int SHARED_MIN_ROWS = 512;

    private final NetworkSpec spec;
    private final Params params;
    private final INDArray theta;
    private final Params.Views thetaViews;
    private final List<Layer> layers = new ArrayList<>();
    private final List<BatchNorm> batchNorms = new ArrayList<>();
    private final List<Linear> linears = new ArrayList<>();
    private final Map<INDArray, Params.Views> viewCache = new IdentityHashMap<>();
    private final Scratch scratch = new Scratch();
    private final INDArray discardedGradient;
    /** The point whose passes the layers hold for curvature products, or null; every other pass forgets it. */
    private HeldPoint held;
    /** The outputs of the last forward pass. */
    private INDArray output;

    public Network(NetworkSpec spec) {
        this.spec = spec;
        this.params = layout(spec);
        boolean bn = spec.normalization() == Normalization.BATCH_NORM;
        List<Integer> widths = spec.hiddenWidths();
        for (int l = 0; l <= widths.size(); l++) {
            boolean classifier = l == widths.size();
            int out = classifier ? spec.outputSize() : widths.get(l);
            boolean normalized = bn && !classifier;
            Linear linear = new Linear(params.tensor("W" + l), normalized ? null : params.tensor("b" + l), l == 0);
            layers.add(linear);
            linears.add(linear);
            if (normalized) {
                addBatchNorm(new BatchNorm("bn" + l, out, index("gamma" + l), index("beta" + l), spec.bnEpsilon(),
                        spec.ghostBatchSize()));
            }
            if (classifier && spec.normalization() == Normalization.MIMIC_NORM) {
                addBatchNorm(new BatchNorm("bn_logits", out, -1, -1, spec.bnEpsilon(), spec.ghostBatchSize()));
            }
            if (!classifier) {
                layers.add(new ActivationLayer(spec.activation()));
            }
        }
        this.theta = params.zeros();
        this.thetaViews = params.views(theta);
        this.discardedGradient = params.zeros();
        initialize();
    }

    /**
     * The parameter layout of a network of {@code spec} — names, shapes, offsets and the total count — without
     * building the network or allocating anything: W0, [b0], [gamma0, beta0], W1, …
     */
    public static Params layout(NetworkSpec spec) {
        Params.Builder layout = new Params.Builder();
        boolean bn = spec.normalization() == Normalization.BATCH_NORM;
        int in = spec.inputSize();
        List<Integer> widths = spec.hiddenWidths();
        for (int l = 0; l <= widths.size(); l++) {
            boolean classifier = l == widths.size();
            int out = classifier ? spec.outputSize() : widths.get(l);
            boolean normalized = bn && !classifier;
            layout.add("W" + l, Params.Role.WEIGHT, out, in, normalized);
            if (normalized) {
                layout.add("gamma" + l, Params.Role.BN_SCALE, 1, out, false);
                layout.add("beta" + l, Params.Role.BN_SHIFT, 1, out, false);
            } else {
                layout.add("b" + l, Params.Role.BIAS, 1, out, false);
            }
            in = out;
        }
        return layout.build();
    }

    private int index(String tensor) {
        return params.tensor(tensor).index();
    }

    private void addBatchNorm(BatchNorm layer) {
        layers.add(layer);
        batchNorms.add(layer);
    }

    /** Draws the initial parameters from {@code spec.seed()} in plain Java, so they are the same on any backend. */
    private void initialize() {
        Random random = new Random(spec.seed());
        double[] values = new double[(int) params.size()];
        for (Params.Tensor t : params.tensors()) {
            int start = (int) t.offset();
            int end = start + (int) t.length();
            int fanIn = t.role() == Params.Role.WEIGHT ? t.cols() : fanInOfBias(t);
            int fanOut = t.rows();
            for (int i = start; i < end; i++) {
                values[i] = switch (t.role()) {
                    case BN_SCALE -> 1.0;
                    case BN_SHIFT -> 0.0;
                    case WEIGHT -> switch (spec.initialization()) {
                        case HE -> random.nextGaussian() * Math.sqrt(2.0 / fanIn);
                        case XAVIER -> uniform(random, Math.sqrt(6.0 / (fanIn + fanOut)));
                        case PYTORCH_UNIFORM -> uniform(random, 1.0 / Math.sqrt(fanIn));
                    };
                    case BIAS -> spec.initialization() == Initialization.PYTORCH_UNIFORM
                            ? uniform(random, 1.0 / Math.sqrt(fanIn)) : 0.0;
                };
            }
        }
        theta.assign(Nd4j.createFromArray(values));
    }

    private int fanInOfBias(Params.Tensor bias) {
        return params.tensors().get(bias.index() - 1).cols();
    }

    private static double uniform(Random random, double bound) {
        return (2 * random.nextDouble() - 1) * bound;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Params params() {
        return params;
    }

    /** θ, the live flat parameter vector: optimizers update it in place. */
    public INDArray theta() {
        return theta;
    }

    /** Names of the BatchNorm layers, in order ("bn0", "bn1", …, or "bn_logits" for MimicNorm). */
    public List<String> batchNormNames() {
        return batchNorms.stream().map(BatchNorm::name).toList();
    }

    /**
     * Moves this network to {@code other}'s point: θ and the BatchNorm running statistics copied (a network of the
     * same spec); nothing computed at the old point is used after, as what is held is checked by value.
     */
    public void copyPointFrom(Network other) {
        theta.assign(other.theta());
        for (String name : batchNormNames()) {
            INDArray[] from = other.runningStatistics(name);
            INDArray[] to = runningStatistics(name);
            to[0].assign(from[0]);
            to[1].assign(from[1]);
        }
    }

    /** The running mean and variance of BatchNorm {@code name}, live (write to restore a checkpoint). */
    public INDArray[] runningStatistics(String name) {
        for (BatchNorm b : batchNorms) {
            if (b.name().equals(name)) {
                return new INDArray[] {b.runningMean(), b.runningVar()};
            }
        }
        throw new IllegalArgumentException("no BatchNorm layer named '" + name + "'");
    }

    /** All BN running statistics as one copy, for restoring after something must not change them. */
    public List<INDArray> copyRunningStatistics() {
        List<INDArray> copy = new ArrayList<>();
        for (BatchNorm b : batchNorms) {
            copy.add(b.runningMean().dup());
            copy.add(b.runningVar().dup());
        }
        return Collections.unmodifiableList(copy);
    }

    /**
     * The input X [n, in] that Linear layer {@code linearLayer} (0 = first) saw in the last forward pass, live:
     * valid until the next pass, not to be written. INSGD reads its input power from it.
     */
    public INDArray linearInput(int linearLayer) {
        return linears.get(linearLayer).input();
    }

    /**
     * Replaces every BatchNorm's running statistics by the plain average of the batch statistics of train-mode
     * forward passes over {@code batches} (after periodic sampling replaced θ, the old averages describe other
     * weights). Parameters are untouched.
     */
    public void reestimateRunningStatistics(Iterable<Batch> batches) {
        batchNorms.forEach(BatchNorm::startAveraging);
        try {
            for (Batch batch : batches) {
                forward(batch.x(), BatchNormMode.TRAIN, true);
            }
        } finally {
            batchNorms.forEach(BatchNorm::stopAveraging);
        }
    }

    /** The training step's loss and gradient: train-mode BN whose running statistics follow this batch. */
    public double lossAndGradient(Batch batch, INDArray gradientOut) {
        return lossAndGradient(batch, BatchNormMode.TRAIN, true, viewsOf(gradientOut));
    }

    /** Loss and gradient with no side effect on running statistics. */
    public double gradient(Batch batch, BatchNormMode mode, INDArray gradientOut) {
        return lossAndGradient(batch, mode, false, viewsOf(gradientOut));
    }

    private double lossAndGradient(Batch batch, BatchNormMode mode, boolean updateRunningStats,
                                   Params.Views gradient) {
        INDArray f = forward(batch.x(), mode, updateRunningStats);
        INDArray df = scratch.matrix("df", f.rows(), f.columns());
        double loss = spec.loss().value(f, batch.y(), df);
        backward(df, gradient);
        return loss;
    }

    /** The loss, with no side effects. */
    public double loss(Batch batch, BatchNormMode mode) {
        return spec.loss().value(forward(batch.x(), mode, false), batch.y(), null);
    }

    /** The network's outputs (logits for cross-entropy), with no side effects. */
    public INDArray outputs(INDArray x, BatchNormMode mode) {
        return forward(x, mode, false).dup();
    }

    /** Loss and accuracy with no side effects. */
    public Evaluation evaluate(Batch batch, BatchNormMode mode) {
        INDArray f = forward(batch.x(), mode, false);
        INDArray predicted = f.argMax(1);
        int correct = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (predicted.getInt(i) == batch.labels()[i]) {
                correct++;
            }
        }
        return new Evaluation(spec.loss().value(f, batch.y(), null), (double) correct / batch.size());
    }

    /** Loss and classification accuracy of a batch. */
    public record Evaluation(double loss, double accuracy) {
    }

    /** {@code out = H v}, the exact Hessian of the loss on {@code batch} times v (R-operator). */
    public void hessianVectorProduct(Batch batch, BatchNormMode mode, INDArray v, INDArray out) {
        INDArray f = holdPoint(batch, mode, true);
        Params.Views direction = viewsOf(v);
        INDArray rdf = scratch.matrix("rdf", f.rows(), f.columns());
        spec.loss().hessianTimes(f, rForward(direction), rdf);
        Params.Views result = viewsOf(out);
        for (int i = layers.size() - 1; i >= 0 && rdf != null; i--) {
            rdf = layers.get(i).rBackward(rdf, thetaViews, direction, result);
        }
    }

    /** {@code out = (1/n) Jᵀ M J v}, the Gauss–Newton (= Fisher for these losses) matrix times v. */
    public void gaussNewtonVectorProduct(Batch batch, BatchNormMode mode, INDArray v, INDArray out) {
        INDArray f = holdPoint(batch, mode, false);
        INDArray mjv = scratch.matrix("rdf", f.rows(), f.columns());
        spec.loss().hessianTimes(f, rForward(viewsOf(v)), mjv);
        backward(mjv, viewsOf(out));
    }

    /**
     * Makes the layers hold the forward pass at the current θ on {@code batch} (and the loss gradient's backward
     * pass when {@code withBackward}), running only what they do not hold yet; returns the outputs f. The passes
     * do not depend on a product's direction, so the products of one estimate share them.
     */
    private INDArray holdPoint(Batch batch, BatchNormMode mode, boolean withBackward) {
        List<INDArray> state = pointState(batch);
        if (held == null || !held.matches(batch, mode, state)) {
            forward(batch.x(), mode, false);
            held = HeldPoint.of(batch, mode, state);
        }
        INDArray f = output;
        if (withBackward && !held.holdsBackward()) {
            INDArray df = scratch.matrix("df", f.rows(), f.columns());
            spec.loss().value(f, batch.y(), df);
            backward(df, viewsOf(discardedGradient));
            held.holdBackward(true);
        }
        return f;
    }

    /** What the passes at a point depend on: θ, the batch and the running statistics (eval mode reads them). */
    private List<INDArray> pointState(Batch batch) {
        List<INDArray> state = new ArrayList<>(3 + 2 * batchNorms.size());
        state.add(theta);
        state.add(batch.x());
        state.add(batch.y());
        for (BatchNorm b : batchNorms) {
            state.add(b.runningMean());
            state.add(b.runningVar());
        }
        return state;
    }

    /** {@code J v}: the directional derivative of the outputs along v (R-forward pass), as a new array. */
    INDArray jacobianVectorProduct(Batch batch, BatchNormMode mode, INDArray v) {
        forward(batch.x(), mode, false);
        return rForward(viewsOf(v)).dup();
    }

    /**
     * Runs the layers on a copy of {@code x} in the network's own input array, which stays the same object from
     * batch to batch so the first layer's prepared operations are reused. A pass of at least
     * {@value #SHARED_MIN_ROWS} examples that leaves the running statistics alone (an evaluation, a probe) shares the
     * first layer's product with the next such pass over the same examples at the same θ, whatever the BatchNorm
     * mode ({@link HeldProduct}); the input array still holding those examples, it is not even copied again.
     */
    private INDArray forward(INDArray x, BatchNormMode mode, boolean updateRunningStats) {
        held = null;
        INDArray input = scratch.matrix("input", x.rows(), x.columns());
        boolean shared = !updateRunningStats && x.rows() >= SHARED_MIN_ROWS;
        boolean sameInput = shared && RawArrays.sameBits(input, x);
        if (!sameInput) {
            RawArrays.copy(x, input);
        }
        INDArray a = shared ? linears.get(0).forwardShared(input, thetaViews, sameInput)
                : layers.get(0).forward(input, thetaViews, mode, updateRunningStats);
        for (Layer layer : layers.subList(1, layers.size())) {
            a = layer.forward(a, thetaViews, mode, updateRunningStats);
        }
        output = a;
        return a;
    }

    /** The first layer's products computed so far: fewer than its passes when they share ({@link #forward}). */
    long firstLayerProducts() {
        return linears.get(0).products();
    }

    private void backward(INDArray dOutput, Params.Views grad) {
        if (held != null) {
            held.holdBackward(false);
        }
        INDArray d = dOutput;
        for (int i = layers.size() - 1; i >= 0 && d != null; i--) {
            d = layers.get(i).backward(d, thetaViews, grad);
        }
    }

    private INDArray rForward(Params.Views v) {
        INDArray r = null;
        for (Layer layer : layers) {
            r = layer.rForward(r, thetaViews, v);
        }
        return r;
    }

    /** Per-tensor views of a flat vector, built once per vector: optimizers and probes reuse their buffers. */
    private Params.Views viewsOf(INDArray flat) {
        if (flat == theta) {
            return thetaViews;
        }
        if (viewCache.size() > CACHED_VECTORS) {
            viewCache.clear();
        }
        return viewCache.computeIfAbsent(flat, params::views);
    }
}
