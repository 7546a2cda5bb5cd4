package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.optim.Optimizers;

/** The runner and the schedules: who is due when, what a probe may write, what its time is charged to. */
class ProbesTest {
    private static final double EXACT = 1e-12;
    private static final long MILLISECOND_NANOS = 1_000_000;

    /** A probe that logs what the runner asked of it. */
    static class Logging implements Probe {
        final List<String> calls = new ArrayList<>();
        private final String key;
        private final Schedule schedule;

        Logging(String key, Schedule schedule) {
            this.key = key;
            this.schedule = schedule;
        }

        @Override
        public String name() {
            return "logging " + key;
        }

        @Override
        public List<String> series() {
            return List.of(key);
        }

        @Override
        public Schedule schedule() {
            return schedule;
        }

        @Override
        public void measure(ProbeContext context, Sink sink) {
            calls.add("measure " + context.step());
            sink.append(key, context.step(), context.step());
        }

        @Override
        public void prepare(ProbeContext context) {
            calls.add("prepare " + context.step());
        }
    }

    /** A clock that reads a millisecond later every time it is read. */
    private static LongSupplier tickingClock() {
        long[] now = {0};
        return () -> now[0] += MILLISECOND_NANOS;
    }

    static ProbedTraining training() {
        return new ProbedTraining(ProbedTraining.spec(Normalization.BATCH_NORM, 1e-5), Optimizers.sgd(0.1),
                StepRule.gradientDescent(0.1), ProbedTraining.planeIn6d());
    }

    static long[] dueSteps(Schedule schedule, long upTo) {
        return LongStream.rangeClosed(0, upTo).filter(schedule::due).toArray();
    }

    @Test
    void schedules() {
        assertEquals(List.of(0L, 3L, 6L, 9L), boxed(dueSteps(Schedule.every(3), 10)));
        assertEquals(List.of(7L), boxed(dueSteps(Schedule.at(7), 10)));
        assertEquals(List.of(0L, 5L, 7L, 10L), boxed(dueSteps(Schedule.every(5).or(Schedule.at(7)), 10)));
        assertThrows(IllegalArgumentException.class, () -> Schedule.every(0));
    }

    private static List<Long> boxed(long[] steps) {
        return LongStream.of(steps).boxed().toList();
    }

    /** Measured when due, prepared the step before, each value stamped with its step; nothing on other steps. */
    @Test
    void runsDueProbesAndPreparesTheNextOnes() {
        ProbedTraining run = training();
        Logging probe = new Logging("test.value", Schedule.at(3).or(Schedule.at(4)));
        Probes probes = new Probes(List.of(probe), tickingClock());
        Recorded sink = new Recorded();
        for (int t = 0; t <= 5; t++) {
            if (t > 0) {
                run.step();
            }
            probes.atStep(run.context(), sink);
        }
        assertEquals(List.of("prepare 2", "measure 3", "prepare 3", "measure 4"), probe.calls);
        assertEquals(3.0, sink.value("test.value", 3));
        assertEquals(2, sink.size());
        assertTrue(probes.due(3) && !probes.due(5));
        Probes.Cost cost = probes.costs().get(0);
        assertEquals("logging test.value", cost.probe());
        assertEquals(2, cost.measurements());
        // Each reading of the clock is a millisecond on: preparing at 2 (1 ms), measuring and preparing at 3 (2 ms),
        // measuring at 4 (2 ms).
        assertEquals(0.005, cost.seconds(), EXACT);
        assertEquals(cost.seconds(), probes.seconds(), EXACT);
    }

    /**
     * While a probe measures, the runner names it, its step and the longest of its earlier measurements that wrote a
     * value (a skip, as at step 0 here, does not count).
     */
    @Test
    void tellsWhichMeasurementIsUnderWay() {
        ProbedTraining run = training();
        List<Probes.Activity> seen = new ArrayList<>();
        Probes[] runner = new Probes[1];
        Probe watcher = new Logging("test.value", Schedule.every(2)) {
            @Override
            public void measure(ProbeContext context, Sink sink) {
                seen.add(runner[0].current().orElseThrow());
                if (context.step() > 0) {
                    sink.append("test.value", context.step(), 1);
                }
            }
        };
        runner[0] = new Probes(List.of(watcher), tickingClock());
        for (int t = 0; t <= 4; t++) {
            if (t > 0) {
                run.step();
            }
            runner[0].atStep(run.context(), new Recorded());
            assertTrue(runner[0].current().isEmpty(), "nothing under way between steps");
        }
        assertEquals(List.of(0L, 2L, 4L), seen.stream().map(Probes.Activity::step).toList());
        assertEquals("logging test.value", seen.get(0).probe());
        assertTrue(Double.isNaN(seen.get(0).longestSeconds()), "no earlier measurement at first");
        assertTrue(Double.isNaN(seen.get(1).longestSeconds()), "the skip at step 0 does not count");
        assertEquals(0.001, seen.get(2).longestSeconds(), EXACT, "the measurement at step 2, which wrote: 1 ms");
        Probes.Activity last = seen.get(2);
        assertEquals(1.5, last.elapsedSeconds(last.startNanos() + 1_500_000_000L), EXACT);
    }

    @Test
    void refusesUndeclaredAndDuplicateSeries() {
        Probe liar = new Logging("declared", Schedule.every(1)) {
            @Override
            public void measure(ProbeContext context, Sink sink) {
                sink.append("undeclared", context.step(), 1);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Probes(List.of(liar)).atStep(training().context(), new Recorded()));
        assertTrue(e.getMessage().contains("undeclared"), e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> new Probes(List.of(
                new Logging("same", Schedule.every(1)), new Logging("same", Schedule.every(2)))));
        assertTrue(d.getMessage().contains("same"), d.getMessage());
    }

    /** Every declared id is dotted lower-case, per-layer ids name their layer. */
    @Test
    void seriesIdsAreDotted() {
        ProbedTraining run = training();
        List<String> series = new Probes(TrajectoryTest.everyProbe(run.network)).series();
        assertTrue(series.contains("hessian.top_eig") && series.contains("hessian_eval.converged")
                && series.contains("weight.norm_sq.layer0") && series.contains("weight.orthogonal_norm.layer2"),
                series.toString());
        for (String id : series) {
            assertTrue(id.matches("[a-z_]+(\\.[a-z_0-9]+)+"), id);
        }
        assertFalse(series.contains("weight.norm_sq.layer2"), "the classifier is not scale-invariant");
    }

    @Test
    void thresholdsPerKind() {
        double eta = 0.02;
        assertEquals(2 / eta, StepRule.gradientDescent(eta).threshold(), 1e-12);
        assertEquals(2 * 1.9 / eta, StepRule.heavyBall(eta, 0.9).threshold(), 1e-12);
        assertEquals(38, StepRule.adam(eta, 0.9, 1e-8).threshold(), 1e-12);
        assertEquals(2 * 1.5 / 0.5, StepRule.adam(eta, 0.5, 1e-8).threshold(), 1e-12);
        assertEquals(3.8 / 2.8 / eta, StepRule.nesterov(eta, 0.9).threshold(), 1e-12, "2.8× below heavy ball");
        assertEquals(3.8, new StepRule(StepRule.Kind.SCALED, eta, 0.9, 0, 0).threshold(), 1e-12);
        assertFalse(new StepRule(StepRule.Kind.NONE, eta, 0.9, 0, 0).hasThreshold());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StepRule(StepRule.Kind.GD, eta, 0.9, 0, 0));
        assertTrue(e.getMessage().contains("momentum"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StepRule.gradientDescent(-eta));
        assertEquals(Double.POSITIVE_INFINITY, StepRule.gradientDescent(0).threshold(), "a run paused at η = 0");
        assertThrows(IllegalArgumentException.class, () -> StepRule.heavyBall(eta, 1));
    }

    /** Intervals in probe-set passes: 2,048 examples in batches of 128 are 16 passes' worth of steps. */
    @Test
    void standardCadenceScalesWithTheProbeSet() {
        Cadence minibatch = Cadence.standard(128, 2048);
        assertEquals(Cadence.WEIGHTS_EVERY, minibatch.weights());
        assertEquals(16 * Cadence.EVALUATIONS_EVERY, minibatch.evaluations());
        assertEquals(16 * Cadence.CURVATURE_EVERY, minibatch.curvature());
        Cadence fullBatch = Cadence.standard(500, 500);
        assertEquals(Cadence.CURVATURE_EVERY, fullBatch.curvature());
        assertEquals(2 * Cadence.EVALUATIONS_EVERY, Cadence.standard(100, 101).evaluations());
        assertThrows(IllegalArgumentException.class, () -> new Cadence(1, 0, 1));
    }

    /** Adam gets the preconditioned sharpness; a network without BatchNorm has no weight-norm series. */
    @Test
    void standardProbesFollowTheOptimizerAndNetwork() {
        ProbedTraining run = training();
        Cadence cadence = new Cadence(1, 2, 3);
        List<String> gd = Probes.standard(run.network, StepRule.Kind.GD, cadence, 10, 1).series();
        assertTrue(gd.contains("hessian.top_eig") && gd.contains("fisher.eta_star")
                && gd.contains("weight.angular_update.layer1") && gd.contains("probe.grad_norm"), gd.toString());
        assertFalse(gd.contains("preconditioned_hessian.top_eig"));
        List<String> adam = Probes.standard(run.network, StepRule.Kind.ADAM, cadence, 10, 1).series();
        assertTrue(adam.contains("preconditioned_hessian.threshold") && !adam.contains("hessian.top_eig"));
        ProbedTraining plain = new ProbedTraining(ProbedTraining.spec(Normalization.NONE, 1e-5), Optimizers.sgd(0.1),
                StepRule.gradientDescent(0.1), ProbedTraining.planeIn6d());
        List<String> none = Probes.standard(plain.network, StepRule.Kind.GD, cadence, 10, 1).series();
        assertTrue(none.stream().noneMatch(id -> id.startsWith("weight.norm_sq")), none.toString());
        assertTrue(none.contains("weight.orthogonal_norm.layer0"));
    }
}
