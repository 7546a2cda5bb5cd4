package org.normlab.sim.bench;

import java.util.Arrays;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;

/**
 * The training computation of a batch-normalized {@link Network}, written in plain Java with no ND4J: per hidden
 * layer a Linear without bias, train-mode BatchNorm (batch mean, biased variance, ε; sim/docs/math.md §1–2) and ReLU;
 * then a Linear classifier with bias and softmax cross-entropy averaged over examples. One call gives the loss and
 * the full gradient in the Network's parameter order (W0, γ0, β0, W1, γ1, β1, …, W_L, b_L; W stored [out][in]).
 *
 * <p>It is the benchmark's overhead floor — the same arithmetic with no per-call cost — and an independent check
 * of the engine's gradient. Activations are {@code double[][]} rows and every loop runs along a row, because
 * JDK 17 vectorizes such loops and not offset-indexed flat arrays. Buffers are allocated once, for one batch size.
 * Not thread-safe.
 */
public final class ReferenceMlp {
    /** Rows per block of the matrix products: 8 rows of 784 doubles (50 KB) stay in cache while W streams past. */
    private static final int ROW_BLOCK = 8;

    private final int batchSize;
    private final int parameterCount;
    private final Linear[] linears;
    private final BatchNormRelu[] batchNorms;

    /**
     * @param spec      a ReLU network with BatchNorm on every hidden layer (no ghost batches) and cross-entropy
     * @param batchSize rows of every batch this instance will see
     */
    public ReferenceMlp(NetworkSpec spec, int batchSize) {
        requireSupported(spec);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        int hidden = spec.hiddenWidths().size();
        linears = new Linear[hidden + 1];
        batchNorms = new BatchNormRelu[hidden];
        int offset = 0;
        int in = spec.inputSize();
        for (int l = 0; l <= hidden; l++) {
            boolean classifier = l == hidden;
            int out = classifier ? spec.outputSize() : spec.hiddenWidths().get(l);
            linears[l] = new Linear(in, out, offset, classifier, batchSize);
            offset += linears[l].parameterCount();
            if (!classifier) {
                batchNorms[l] = new BatchNormRelu(out, offset, spec.bnEpsilon(), batchSize);
                offset += 2 * out;
            }
            in = out;
        }
        this.parameterCount = offset;
    }

    private static void requireSupported(NetworkSpec spec) {
        String why = spec.normalization() != Normalization.BATCH_NORM ? "normalization " + spec.normalization()
                : spec.activation() != Activation.RELU ? "activation " + spec.activation()
                : spec.loss() != LossFunction.CROSS_ENTROPY ? "loss " + spec.loss()
                : spec.ghostBatchSize() != 0 ? "ghostBatchSize " + spec.ghostBatchSize()
                : null;
        if (why != null) {
            throw new IllegalArgumentException("ReferenceMlp computes only BATCH_NORM, RELU, CROSS_ENTROPY networks "
                    + "with ghostBatchSize 0; the spec has " + why);
        }
    }

    /** Length of θ and of the gradient; equals the Network's {@code params().size()} for the same spec. */
    public int parameterCount() {
        return parameterCount;
    }

    /**
     * Forward and backward pass on one batch.
     *
     * @param theta    flat parameters in the Network's layout (read only)
     * @param x        the batch's inputs, {@code batchSize} rows of {@code inputSize}
     * @param labels   the class of each row
     * @param gradient receives the flat gradient of the loss with respect to θ
     * @return the mean softmax cross-entropy over the batch
     */
    public double lossAndGradient(double[] theta, double[][] x, int[] labels, double[] gradient) {
        if (theta.length != parameterCount || gradient.length != parameterCount) {
            throw new IllegalArgumentException("theta and gradient must have " + parameterCount
                    + " entries, had " + theta.length + " and " + gradient.length);
        }
        if (x.length != batchSize || labels.length != batchSize) {
            throw new IllegalArgumentException("x and labels must have " + batchSize + " rows, had " + x.length
                    + " and " + labels.length);
        }
        double[][] a = x;
        for (int l = 0; l < linears.length; l++) {
            linears[l].load(theta);
            double[][] z = linears[l].forward(a);
            a = l < batchNorms.length ? batchNorms[l].forward(z, theta) : z;
        }
        Linear classifier = linears[linears.length - 1];
        double loss = crossEntropy(classifier.z, labels, classifier.delta);
        for (int l = linears.length - 1; l >= 0; l--) {
            double[][] input = l == 0 ? x : batchNorms[l - 1].a;
            double[][] inputGradient = l == 0 ? null : batchNorms[l - 1].da;
            linears[l].backward(input, inputGradient, gradient);
            if (l > 0) {
                batchNorms[l - 1].backward(linears[l - 1].delta, gradient);
            }
        }
        return loss;
    }

    /** Mean of −log softmax(f_i)[y_i]; writes dL/df = (softmax(f) − onehot(y))/n into {@code delta}. */
    private static double crossEntropy(double[][] logits, int[] labels, double[][] delta) {
        int n = logits.length;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double[] f = logits[i];
            double[] d = delta[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : f) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < f.length; j++) {
                d[j] = Math.exp(f[j] - max);
                sum += d[j];
            }
            loss += Math.log(sum) + max - f[labels[i]];
            for (int j = 0; j < f.length; j++) {
                d[j] = d[j] / sum / n;
            }
            d[labels[i]] -= 1.0 / n;
        }
        return loss / n;
    }

    /** {@code target += c · row}, the innermost loop of every product (the JIT vectorizes it). */
    private static void addScaled(double[] target, double c, double[] row) {
        for (int k = 0; k < target.length; k++) {
            target[k] += c * row[k];
        }
    }

    /** Four {@link #addScaled} in one pass: a quarter of the loads and stores of {@code target}. */
    private static void addScaled4(double[] target, double c0, double[] r0, double c1, double[] r1, double c2,
                                   double[] r2, double c3, double[] r3) {
        for (int k = 0; k < target.length; k++) {
            target[k] += c0 * r0[k] + c1 * r1[k] + c2 * r2[k] + c3 * r3[k];
        }
    }

    /**
     * {@code T += C S}, i.e. {@code T[t] += Σ_s C[t][s] S[s]} row by row. Blocks of target rows share each pass over
     * S, so a large S is read from memory once per block rather than once per row.
     */
    private static void addProduct(double[][] target, double[][] coefficients, double[][] source) {
        for (int t0 = 0; t0 < target.length; t0 += ROW_BLOCK) {
            int t1 = Math.min(target.length, t0 + ROW_BLOCK);
            int s = 0;
            for (; s + 4 <= source.length; s += 4) {
                for (int t = t0; t < t1; t++) {
                    double[] c = coefficients[t];
                    addScaled4(target[t], c[s], source[s], c[s + 1], source[s + 1], c[s + 2], source[s + 2],
                            c[s + 3], source[s + 3]);
                }
            }
            for (; s < source.length; s++) {
                for (int t = t0; t < t1; t++) {
                    addScaled(target[t], coefficients[t][s], source[s]);
                }
            }
        }
    }

    /** {@code T += Cᵀ S}, i.e. {@code T[t] += Σ_s C[s][t] S[s]}, blocked over source rows likewise. */
    private static void addTransposedProduct(double[][] target, double[][] coefficients, double[][] source) {
        for (int s0 = 0; s0 < source.length; s0 += ROW_BLOCK) {
            int s1 = Math.min(source.length, s0 + ROW_BLOCK);
            for (int t = 0; t < target.length; t++) {
                int s = s0;
                for (; s + 4 <= s1; s += 4) {
                    addScaled4(target[t], coefficients[s][t], source[s], coefficients[s + 1][t], source[s + 1],
                            coefficients[s + 2][t], source[s + 2], coefficients[s + 3][t], source[s + 3]);
                }
                for (; s < s1; s++) {
                    addScaled(target[t], coefficients[s][t], source[s]);
                }
            }
        }
    }

    /** {@code z = x Wᵀ (+ b)} and its backward pass; W is kept both as rows [out][in] and transposed [in][out]. */
    private static final class Linear {
        final int in;
        final int out;
        final int weightOffset;
        final boolean hasBias;
        final double[][] w;
        final double[][] wt;
        final double[][] dw;
        final double[] b;
        final double[] db;
        final double[][] z;
        /** dL/dz, written by the layer above. */
        final double[][] delta;

        Linear(int in, int out, int weightOffset, boolean hasBias, int n) {
            this.in = in;
            this.out = out;
            this.weightOffset = weightOffset;
            this.hasBias = hasBias;
            w = new double[out][in];
            wt = new double[in][out];
            dw = new double[out][in];
            b = new double[out];
            db = new double[out];
            z = new double[n][out];
            delta = new double[n][out];
        }

        int parameterCount() {
            return out * in + (hasBias ? out : 0);
        }

        int biasOffset() {
            return weightOffset + out * in;
        }

        void load(double[] theta) {
            for (int j = 0; j < out; j++) {
                System.arraycopy(theta, weightOffset + j * in, w[j], 0, in);
            }
            for (int k = 0; k < in; k++) {
                double[] column = wt[k];
                for (int j = 0; j < out; j++) {
                    column[j] = w[j][k];
                }
            }
            if (hasBias) {
                System.arraycopy(theta, biasOffset(), b, 0, out);
            }
        }

        double[][] forward(double[][] x) {
            for (double[] zi : z) {
                if (hasBias) {
                    System.arraycopy(b, 0, zi, 0, out);
                } else {
                    Arrays.fill(zi, 0.0);
                }
            }
            addProduct(z, x, wt);
            return z;
        }

        /** dW = δᵀx, db = Σ_i δ_i, and dx = δW into {@code dx} unless it is null. */
        void backward(double[][] x, double[][] dx, double[] gradient) {
            for (double[] row : dw) {
                Arrays.fill(row, 0.0);
            }
            addTransposedProduct(dw, delta, x);
            for (int j = 0; j < out; j++) {
                System.arraycopy(dw[j], 0, gradient, weightOffset + j * in, in);
            }
            if (hasBias) {
                Arrays.fill(db, 0.0);
                for (double[] di : delta) {
                    addScaled(db, 1.0, di);
                }
                System.arraycopy(db, 0, gradient, biasOffset(), out);
            }
            if (dx != null) {
                for (double[] row : dx) {
                    Arrays.fill(row, 0.0);
                }
                addProduct(dx, delta, w);
            }
        }
    }

    /**
     * Train-mode BatchNorm followed by ReLU: {@code a = max(0, γ ẑ + β)}, {@code ẑ = (z − μ)/s},
     * {@code s = sqrt(σ² + ε)}. Backward with {@code u = γ dy}: {@code dz = (u − m(u) − ẑ m(ẑu))/s}, where
     * {@code m(u) = γ dβ/n} and {@code m(ẑu) = γ dγ/n}, so no extra pass over the batch is needed.
     */
    private static final class BatchNormRelu {
        final int features;
        final int gammaOffset;
        final double epsilon;
        final double[] gamma;
        final double[] beta;
        final double[] mean;
        final double[] inverseScale;
        final double[] dGamma;
        final double[] dBeta;
        final double[] centred;
        final double[][] zhat;
        final double[][] a;
        /** dL/da, written by the Linear layer above. */
        final double[][] da;

        BatchNormRelu(int features, int gammaOffset, double epsilon, int n) {
            this.features = features;
            this.gammaOffset = gammaOffset;
            this.epsilon = epsilon;
            gamma = new double[features];
            beta = new double[features];
            mean = new double[features];
            inverseScale = new double[features];
            dGamma = new double[features];
            dBeta = new double[features];
            centred = new double[features];
            zhat = new double[n][features];
            a = new double[n][features];
            da = new double[n][features];
        }

        double[][] forward(double[][] z, double[] theta) {
            System.arraycopy(theta, gammaOffset, gamma, 0, features);
            System.arraycopy(theta, gammaOffset + features, beta, 0, features);
            int n = z.length;
            Arrays.fill(mean, 0.0);
            for (double[] zi : z) {
                addScaled(mean, 1.0 / n, zi);
            }
            double[] variance = inverseScale;
            Arrays.fill(variance, 0.0);
            for (double[] zi : z) {
                for (int j = 0; j < features; j++) {
                    centred[j] = zi[j] - mean[j];
                    variance[j] += centred[j] * centred[j] / n;
                }
            }
            for (int j = 0; j < features; j++) {
                inverseScale[j] = 1.0 / Math.sqrt(variance[j] + epsilon);
            }
            for (int i = 0; i < n; i++) {
                double[] zi = z[i];
                double[] zh = zhat[i];
                double[] ai = a[i];
                for (int j = 0; j < features; j++) {
                    zh[j] = (zi[j] - mean[j]) * inverseScale[j];
                    ai[j] = Math.max(0.0, gamma[j] * zh[j] + beta[j]);
                }
            }
            return a;
        }

        /** From dL/da (in {@link #da}), writes dγ and dβ into {@code gradient} and dL/dz into {@code dz}. */
        void backward(double[][] dz, double[] gradient) {
            int n = da.length;
            Arrays.fill(dGamma, 0.0);
            Arrays.fill(dBeta, 0.0);
            for (int i = 0; i < n; i++) {
                double[] dy = da[i];
                double[] ai = a[i];
                double[] zh = zhat[i];
                for (int j = 0; j < features; j++) {
                    dy[j] = ai[j] > 0 ? dy[j] : 0.0;
                    dGamma[j] += dy[j] * zh[j];
                    dBeta[j] += dy[j];
                }
            }
            System.arraycopy(dGamma, 0, gradient, gammaOffset, features);
            System.arraycopy(dBeta, 0, gradient, gammaOffset + features, features);
            for (int i = 0; i < n; i++) {
                double[] dy = da[i];
                double[] zh = zhat[i];
                double[] dzi = dz[i];
                for (int j = 0; j < features; j++) {
                    dzi[j] = gamma[j] * inverseScale[j] * (dy[j] - dBeta[j] / n - zh[j] * dGamma[j] / n);
                }
            }
        }
    }
}
