package org.normlab.sim.run;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.Network;
import org.normlab.sim.probe.Cadence;
import org.normlab.sim.probe.ProbeContext;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.probe.Sink;
import org.normlab.sim.probe.StepRule;

/**
 * The probes of one run ({@link Experiment.ProbesSetup}), measured on the run's thread at its step boundaries: once
 * at step 0, then after every step (the runner also prepares the probes due at the next step). The run keeps a copy
 * of its minibatch gradient only at the steps where a probe reads it. A reset starts fresh probes (no warm start
 * from the abandoned trajectory); their time counts from there.
 */
final class RunProbes {
    private final Run run;
    private final Experiment.ProbesSetup setup;
    private final ProbeSet probeSet;
    private final long lastStep;
    private final long seed;
    private final int batchSize;
    private volatile Probes probes;

    /** @param batchSize the run's examples per step (the training set's size for full batch) */
    RunProbes(Run run, Experiment experiment, ProbeSet probeSet, int batchSize) {
        this.run = run;
        this.setup = experiment.probes();
        this.probeSet = probeSet;
        this.lastStep = experiment.training().steps();
        this.seed = experiment.probe().seed();
        this.batchSize = batchSize;
        this.probes = build();
        run.keepGradients(step -> probes.needsGradient(step));
    }

    private Probes build() {
        return probes(run.network(), run.stepRule().kind(), setup, setup.cadence(batchSize, probeSet.indices().length),
                lastStep, seed);
    }

    private static Probes probes(Network network, StepRule.Kind kind, Experiment.ProbesSetup setup, Cadence cadence,
                                 long lastStep, long seed) {
        Set<Probes.Family> families = setup.families().isEmpty() ? Set.of() : EnumSet.copyOf(setup.families());
        return Probes.of(network, kind, families, setup.batchNormMode(),
                new Lanczos(Lanczos.DEFAULT_MAX_STEPS, setup.eigenTolerance()), cadence, lastStep, seed);
    }

    /**
     * Every series id the probes of run {@code setup} may write in {@code experiment}, without data or a race: the
     * ids depend on the network's layers and normalization and on the optimizer's kind, not on the data's sizes, so
     * a network of the run's shape with one input and two classes stands in.
     */
    static List<String> series(Experiment experiment, Experiment.RunSetup setup) {
        Network network = new Network(setup.network(experiment.network()).toSpec(1, 2));
        return probes(network, setup.optimizer().stepKind(), experiment.probes(), Cadence.standard(1, 1),
                experiment.training().steps(), experiment.probe().seed()).series();
    }

    /** Every series id the probes may write. */
    List<String> series() {
        return probes.series();
    }

    /** At step 0: fresh probes, measured on the initial parameters. */
    void started(Sink sink) {
        probes = build();
        measure(sink);
    }

    /** After a step that left the run finite. */
    void stepped(Sink sink) {
        measure(sink);
    }

    private void measure(Sink sink) {
        long step = run.steps();
        if (!probes.due(step) && !probes.due(step + 1)) {
            return;
        }
        probes.atStep(run.withOptimizerState(ProbeContext.of(step, run.network(), probeSet.batch(), run.stepRule())
                .withGradient(run.keptGradient())), sink);
    }

    /** The measurement under way, if any; safe to call from any thread. */
    Optional<Probes.Activity> current() {
        Probes now = probes;
        return now == null ? Optional.empty() : now.current();
    }

    /** Time per probe since the start or the last reset. */
    List<Probes.Cost> costs() {
        return probes.costs();
    }
}
