package org.normlab.sim.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;

/**
 * Periodic sampling over weight distributions (Tripathi et al., arXiv 1905.05774) as a wrapper around any inner
 * optimizer, the way Optax's {@code lookahead} holds its inner one. The inner optimizer steps as usual; every
 * {@code sampleInterval} s steps θ (after the step) is recorded as a sample, and at the end of each {@code period} of
 * P steps θ is replaced by
 * <ul>
 *   <li>{@link Kind#PSWA}: the mean of the period's samples;</li>
 *   <li>{@link Kind#PWALKS}: the mean of the period's last K samples ({@code samples});</li>
 *   <li>{@link Kind#PSWM}: the moving average {@code θ̄ ← βθ̄ + (1−β)θ} over the period's samples, restarted at each
 *       period's first sample ({@code averageBeta}).</li>
 * </ul>
 * <b>(chosen)</b> reconstruction of the paper's methods (sim/docs/math.md §3): defaults s = 1, P = one epoch, K = 5,
 * β = 0.9; the inner state is kept across a replacement unless {@link InnerState#RESET}. A period must hold what it
 * averages, s ≤ P (PWALKS: K·s ≤ P); values that break this, which would make the wrapper a silent no-op, are
 * refused. The step counter lives in the period, so a changed s, P or K applies from the next step.
 * After each replacement the {@code afterReplacement} hook runs with θ already replaced: the place to re-estimate
 * BatchNorm running statistics.
 */
public final class PeriodicSampling implements Transform {

    public enum Kind { PSWA, PWALKS, PSWM }

    /** What happens to the inner optimizer's state (momentum, moments) when θ is replaced. */
    public enum InnerState { KEEP, RESET }

    public static final int DEFAULT_INTERVAL = 1;
    public static final int DEFAULT_SAMPLES = 5;
    private static final String INTERVAL = "sampleInterval";
    private static final String PERIOD = "period";
    private static final String SAMPLES = "samples";
    public static final double DEFAULT_AVERAGE_BETA = 0.9;

    private final Transform inner;
    private final Kind kind;
    private final InnerState innerState;
    private final Runnable afterReplacement;
    private final Hyperparameter interval;
    private final Hyperparameter period;
    private final Hyperparameter samples;
    private final Hyperparameter averageBeta;
    private final Hyperparameters hyperparameters;

    /**
     * @param period           steps per period P (one epoch by default: pass the batches per epoch)
     * @param afterReplacement runs after every replacement (e.g. BN statistics re-estimation); {@code () -> { }}
     *                         for none
     */
    public PeriodicSampling(Transform inner, Kind kind, int period, InnerState innerState,
                            Runnable afterReplacement) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.innerState = Objects.requireNonNull(innerState, "innerState");
        this.afterReplacement = Objects.requireNonNull(afterReplacement, "afterReplacement");
        Hyperparameter.Domain counts = Hyperparameter.Domain.counts();
        this.interval = new Hyperparameter(INTERVAL, counts, DEFAULT_INTERVAL);
        this.period = new Hyperparameter(PERIOD, counts, period);
        this.samples = new Hyperparameter(SAMPLES, counts, DEFAULT_SAMPLES);
        this.averageBeta = new Hyperparameter("averageBeta", Hyperparameter.Domain.unitInterval(),
                DEFAULT_AVERAGE_BETA);
        List<Hyperparameters> parts = new ArrayList<>(List.of(inner.hyperparameters(),
                Hyperparameters.of(interval, this.period)));
        switch (kind) {
            case PWALKS -> parts.add(Hyperparameters.of(samples));
            case PSWM -> parts.add(Hyperparameters.of(averageBeta));
            case PSWA -> { }
        }
        this.hyperparameters = Hyperparameters.concat(parts).requiring(this::samplingProblem);
    }

    /**
     * Whether a period holds what it averages: K·s ≤ P for PWALKS (its last K samples), s ≤ P otherwise (one sample
     * at least). The message names the hyperparameter being changed (when all change at once, the first that can
     * be fixed alone: s, then K, then P) and its range given the others.
     */
    private Optional<String> samplingProblem(Map<String, Double> values, String changed) {
        // Counts below 2^53, so products and quotients of these doubles are exact.
        double s = values.get(INTERVAL);
        double p = values.get(PERIOD);
        double k = kind == Kind.PWALKS ? values.get(SAMPLES) : 1;
        if (k * s <= p) {
            return Optional.empty();
        }
        String why = kind == Kind.PWALKS ? " (samples × sampleInterval <= period: a period holds the samples it "
                + "averages), was " : " (sampleInterval <= period: a period holds a sample), was ";
        if (p >= k && !PERIOD.equals(changed) && !SAMPLES.equals(changed)) {
            return Optional.of(INTERVAL + " must be an integer in [1, " + count(p / k) + "]" + why + count(s));
        }
        if (kind == Kind.PWALKS && p >= s && !PERIOD.equals(changed)) {
            return Optional.of(SAMPLES + " must be an integer in [1, " + count(p / s) + "]" + why + count(k));
        }
        return Optional.of(PERIOD + " must be an integer >= " + count(k * s) + why + count(p));
    }

    private static long count(double value) {
        return (long) Math.floor(value);
    }

    @Override
    public State init(Params params, INDArray theta) {
        return new Sampler(params, inner.init(params, theta));
    }

    @Override
    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    private final class Sampler implements State {
        private final Params params;
        private final INDArray average;
        private State innerSteps;
        private int stepInPeriod;
        private int sampleCount;

        Sampler(Params params, State innerSteps) {
            this.params = params;
            this.innerSteps = innerSteps;
            this.average = params.zeros();
        }

        @Override
        public void update(INDArray u, INDArray theta) {
            innerSteps.update(u, theta);
        }

        @Override
        public Optional<SecondMoment> secondMoment() {
            return innerSteps.secondMoment();
        }

        @Override
        public void afterStep(INDArray theta) {
            innerSteps.afterStep(theta);
            stepInPeriod++;
            int s = interval.intValue();
            if (stepInPeriod % s == 0 && counts(stepInPeriod / s)) {
                record(theta);
            }
            if (stepInPeriod >= period.intValue()) {
                if (sampleCount > 0) {
                    replace(theta);
                }
                stepInPeriod = 0;
                sampleCount = 0;
            }
        }

        /** Whether the j-th sample of the period (from 1) enters the average: PWALKS keeps the last K. */
        private boolean counts(int j) {
            return kind != Kind.PWALKS || j > period.intValue() / interval.intValue() - samples.intValue();
        }

        private void record(INDArray theta) {
            if (sampleCount == 0) {
                average.assign(theta);
            } else if (kind == Kind.PSWM) {
                double beta = averageBeta.value();
                average.muli(beta);
                Nd4j.getBlasWrapper().level1().axpy(theta.length(), 1 - beta, theta, average);
            } else {
                average.addi(theta);
            }
            sampleCount++;
        }

        private void replace(INDArray theta) {
            if (kind == Kind.PSWM) {
                theta.assign(average);
            } else {
                average.div(sampleCount, theta);
            }
            if (innerState == InnerState.RESET) {
                innerSteps = inner.init(params, theta);
            }
            afterReplacement.run();
        }
    }
}
