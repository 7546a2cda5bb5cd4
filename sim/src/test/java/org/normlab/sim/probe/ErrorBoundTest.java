package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.sim.data.ToyData;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.Initialization;
import org.normlab.sim.model.LossFunction;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.optim.Optimizers;
import org.normlab.sim.series.Estimate;

/**
 * The recorded error bounds along a real trajectory on a net whose top two Hessian eigenvalues come within 2% of each
 * other: every recorded value lies within its recorded bound below the engine's own tight Lanczos, and a value marked
 * converged has a bound within the tolerance. A stop rule on the change of the estimate fails this on the same
 * trajectory (it stopped up to several percent low while marked converged).
 */
class ErrorBoundTest {
    static final int STEPS = 30;
    static final double LEARNING_RATE = 0.2;
    /** The reference: far more steps than the dimension needs, a bound at rounding level. */
    static final Lanczos TIGHT = new Lanczos(200, 1e-14);
    /** The tight reference's own error, relative: a few hundred roundings of a Hessian-vector product. */
    static final double REFERENCE_ERROR = 1e-12;
    static final double SMALL_GAP = 0.02;

    /** A BN ReLU MLP 8→8→6 on 200 teacher–student points in 6 classes; its top pair closes in on itself as it trains. */
    static ProbedTraining training() {
        NetworkSpec spec = new NetworkSpec(8, List.of(8), 6, Activation.RELU, Normalization.BATCH_NORM,
                Initialization.HE, LossFunction.CROSS_ENTROPY, 1e-5, 0, 2);
        return new ProbedTraining(spec, Optimizers.sgd(LEARNING_RATE), StepRule.gradientDescent(LEARNING_RATE),
                ToyData.teacherStudent(200, 8, 6, 5));
    }

    @Test
    void everyRecordedValueIsWithinItsBoundOfATightLanczos() {
        ProbedTraining run = training();
        Probes probes = Probes.of(run.network, StepRule.Kind.GD, EnumSet.of(Probes.Family.SHARPNESS,
                Probes.Family.FISHER), BatchNormMode.TRAIN, new Lanczos(), new Cadence(1, 1, 1), STEPS, 3);
        Recorded sink = new Recorded();
        List<String> failures = new ArrayList<>();
        int smallGaps = 0;
        for (int t = 0; t <= STEPS; t++) {
            if (t > 0) {
                run.step();
            }
            probes.atStep(run.context(), sink);
            for (Curvature c : Curvature.values()) {
                String prefix = (c == Curvature.HESSIAN ? Estimate.SHARPNESS : Estimate.FISHER).prefix();
                double value = sink.value(prefix + ".top_eig", t);
                double bound = sink.value(prefix + ".error_bound", t);
                EigenEstimate exact = TIGHT.largest(c.of(run.network, run.probeSet, BatchNormMode.TRAIN), 11);
                double slack = REFERENCE_ERROR * Math.abs(exact.value()) + exact.errorBound();
                if (!(exact.value() >= value - slack && exact.value() <= value + bound + slack)) {
                    failures.add(prefix + " at step " + t + ": recorded " + value + " + " + bound + ", tight "
                            + exact.value());
                }
                if (sink.value(prefix + ".converged", t) == 1 && bound > Lanczos.DEFAULT_TOLERANCE * Math.abs(value)) {
                    failures.add(prefix + " at step " + t + ": converged with bound " + bound + " > tolerance · "
                            + value);
                }
            }
            double[] spectrum = CurvatureProbesTest.denseEigenvalues(
                    Curvature.HESSIAN.of(run.network, run.probeSet, BatchNormMode.TRAIN));
            double top = spectrum[spectrum.length - 1];
            if (top - spectrum[spectrum.length - 2] < SMALL_GAP * top) {
                smallGaps++;
            }
        }
        assertTrue(smallGaps >= 2, "the trajectory should bring the top pair within 2% at two steps or more, did at "
                + smallGaps);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
