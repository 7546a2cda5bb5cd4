package org.normlab.sim.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each detector on constructed series whose events are known by construction. */
class EventsTest {
    private final Events events = new Events();
    private final List<Event> found = new ArrayList<>();

    private void observe(String series, long step, double value) {
        events.observe(series, step, value, found::add);
    }

    private List<Event> of(Event.Kind kind) {
        return found.stream().filter(e -> e.kind() == kind).toList();
    }

    /**
     * Crossing is decided on the estimate's lower end: an interval [θ₁, θ₁ + b] that holds the threshold is not yet a
     * crossing; the first θ₁ above it is, and only the first.
     */
    @Test
    void sharpnessFirstCrossingItsThreshold() {
        double threshold = 20;
        double[] estimates = {5, 12, 19.5, 21, 19, 25};
        for (int i = 0; i < estimates.length; i++) {
            observe("hessian.top_eig", 10L * i, estimates[i]);
            observe("hessian.error_bound", 10L * i, 1.0);
            observe("hessian.threshold", 10L * i, threshold);
        }
        List<Event> crossings = of(Event.Kind.THRESHOLD_CROSSING);
        assertEquals(1, crossings.size(), "" + found);
        Event crossing = crossings.get(0);
        assertEquals(30, crossing.step(), "19.5 ≤ 20 ≤ 20.5 is undecided; 21 is above for certain");
        assertEquals("hessian.top_eig", crossing.series());
        assertEquals(21, crossing.value());
        assertEquals(threshold, crossing.reference());
    }

    /** Each estimate crosses on its own, and a threshold without an estimate at its step is no crossing. */
    @Test
    void crossingsPerEstimateAndStep() {
        observe("hessian.top_eig", 0, 50);
        observe("preconditioned_hessian.threshold", 0, 38);
        observe("preconditioned_hessian.top_eig", 5, 40);
        observe("hessian.threshold", 10, 20);
        observe("preconditioned_hessian.threshold", 5, 38);
        assertEquals(List.of("preconditioned_hessian.top_eig"), of(Event.Kind.THRESHOLD_CROSSING).stream()
                .map(Event::series).toList());
    }

    /** Writes a prediction and an RMS angle at {@code step}, as the probe does (prediction first). */
    private void angle(long step, double predicted, double rms) {
        observe("weight.equilibrium_angular_update.layer0", step, predicted);
        observe("weight.angular_update_rms.layer0", step, rms);
    }

    /**
     * Within 5% at every step of a 200-step stretch: marked at the stretch's last step. A step outside restarts the
     * stretch; a new prediction (a changed ηλ) lets the layer reach its new equilibrium again.
     */
    @Test
    void angularUpdateReachingItsEquilibrium() {
        double p = 0.1;
        for (long t = 1; t < 100; t++) {
            angle(t, p, 0.2);
        }
        for (long t = 100; t < 250; t++) {
            angle(t, p, t % 2 == 0 ? 0.1049 : 0.0951);
        }
        angle(250, p, 0.106);
        for (long t = 251; t <= 600; t++) {
            angle(t, p, 0.1);
        }
        assertEquals(List.of(450L), of(Event.Kind.EQUILIBRIUM).stream().map(Event::step).toList(),
                "the stretch from 100 broke at 250 (6% off); the one from 251 is complete at 450 and marked once");
        assertTrue(of(Event.Kind.EQUILIBRIUM).get(0).text().contains("since step 251"));
        for (long t = 601; t <= 900; t++) {
            angle(t, 2 * p, 0.2);
        }
        assertEquals(List.of(450L, 800L), of(Event.Kind.EQUILIBRIUM).stream().map(Event::step).toList(),
                "a new prediction from 601: a new equilibrium, 200 steps later");
    }

    /** Measured without a prediction at its step (no theory for the optimizer): nothing. */
    @Test
    void noEquilibriumWithoutAPrediction() {
        for (long t = 1; t <= 400; t++) {
            observe("weight.angular_update_rms.layer0", t, 0.1);
        }
        assertTrue(found.isEmpty());
    }

    /**
     * A sustained rise is a spike, one unlucky minibatch is not: the median of the last 5 losses against 3× the
     * median of the 100 before them and all of those.
     */
    @Test
    void lossSpikes() {
        long t = 0;
        for (; t < 150; t++) {
            observe("train.loss", t, 1 + 0.1 * Math.sin(t));
        }
        observe("train.loss", t++, 100);
        assertTrue(found.isEmpty(), "one loss 100× the median is one unlucky batch");
        for (; t < 260; t++) {
            observe("train.loss", t, 1);
        }
        observe("train.loss", 260, 5);
        observe("train.loss", 261, 5);
        observe("train.loss", 262, 5);
        observe("train.loss", 263, 5);
        List<Event> spikes = of(Event.Kind.LOSS_SPIKE);
        assertEquals(List.of(262L), spikes.stream().map(Event::step).toList(), "three of the last five at 5 > 3 × 1");
        assertEquals(5, spikes.get(0).value());
        assertEquals(1, spikes.get(0).reference());
        for (t = 264; t < 270; t++) {
            observe("train.loss", t, 1);
        }
        observe("train.loss", 270, Double.NaN);
        for (t = 271; t < 274; t++) {
            observe("train.loss", t, 6);
        }
        assertEquals(List.of(262L, 273L), of(Event.Kind.LOSS_SPIKE).stream().map(Event::step).toList(),
                "back below, then a second spike (the NaN skipped)");
    }

    /**
     * Minibatch noise is no spike: where single losses of 4 and 5 come now and then among losses of 1, three of five
     * at 4.5 are more than 3× the median but not above what the 100 losses before reached.
     */
    @Test
    void lossSpikesRiseAboveTheNoiseBefore() {
        long t = 0;
        for (; t < 300; t++) {
            observe("train.loss", t, t % 40 == 7 ? 5 : t % 40 == 27 ? 4 : 1);
        }
        for (; t < 305; t++) {
            observe("train.loss", t, 4.5);
        }
        assertTrue(of(Event.Kind.LOSS_SPIKE).isEmpty(), "4.5 is within the 5s the window saw");
        for (; t < 310; t++) {
            observe("train.loss", t, 6);
        }
        assertEquals(List.of(307L), of(Event.Kind.LOSS_SPIKE).stream().map(Event::step).toList(),
                "6 is above everything before");
    }

    /** A nearly converged run's fourfold wobble (0.001 → 0.004) is no spike of a loss that started at 0.69. */
    @Test
    void lossSpikesMustBeMaterial() {
        long t = 0;
        for (; t < 100; t++) {
            observe("train.loss", t, 0.69);
        }
        for (; t < 300; t++) {
            observe("train.loss", t, 0.001);
        }
        for (; t < 310; t++) {
            observe("train.loss", t, 0.004);
        }
        assertTrue(of(Event.Kind.LOSS_SPIKE).isEmpty(), "a rise of 0.003 is under 5% of the starting 0.69");
        for (; t < 400; t++) {
            observe("train.loss", t, 0.001);
        }
        for (; t < 410; t++) {
            observe("train.loss", t, 0.3);
        }
        assertEquals(List.of(402L), of(Event.Kind.LOSS_SPIKE).stream().map(Event::step).toList(),
                "a rise to 0.3 is material");
    }

    @Test
    void divergence() {
        observe("diverged", 17, 1);
        assertEquals(List.of(new Event(17, Event.Kind.DIVERGED, "diverged", 1, Double.NaN,
                "diverged: the loss, gradient or weights stopped being finite")), found);
    }
}
