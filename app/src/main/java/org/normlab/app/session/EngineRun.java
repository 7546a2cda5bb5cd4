package org.normlab.app.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.normlab.sim.event.Event;
import org.normlab.sim.model.DecisionMap;
import org.normlab.sim.model.DecisionMapper;
import org.normlab.sim.optim.Hyperparameter;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.Recorder;
import org.normlab.sim.run.Run;
import org.normlab.sim.run.RunListener;

/**
 * One run of an {@link EngineSession} from its start (or reset) on: the engine's {@link Run} steps on its own thread
 * and tells this listener, which fills the series there with what the engine's {@link Recorder} records — the
 * minibatch loss and gradient norm every step, the probe-set loss and accuracy at step 0, every {@code evaluateEvery}
 * steps and at the last step, and whatever the run's probes measure (weight norm, effective learning rate, orthogonal
 * noise, sharpness, Fisher…) at their cadence — and keeps the status, hyperparameters and events that the window
 * reads from other threads.
 *
 * <p>For data generated in the plane it also maps the network's decisions over the plane ({@link DecisionMap}): at
 * step 0, then at most {@value #MAPS_PER_SECOND} times a second of wall time and never more than 1/{@value #MAP_SHARE}
 * of it, and whenever the run stops (paused, after single steps, finished) so the map shows its current weights. A
 * diverged run keeps its last finite map.
 *
 * <p>Probe time is the time from the end of a step's listeners to the last value the probes wrote, plus the
 * probe-set evaluations: the engine accounts its probes' time exactly but hands it out only while the race is idle.
 */
final class EngineRun implements RaceRun, RunListener {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final int MAPS_PER_SECOND = 5;
    /** A map waits at least this many times its own cost, so mapping takes at most 1/MAP_SHARE of a run's time. */
    private static final int MAP_SHARE = 20;

    private final Experiment.RunSetup setup;
    private final int color;
    private final RaceData race;
    private final Recorder recorder;
    private final List<String> probeSeries;
    private final Map<String, Double> initial;
    private final Map<String, Hyperparameter.Domain> domains;
    private final Map<String, PointSeries> series = new LinkedHashMap<>();
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private final ChangeLog changeLog;
    private final BooleanSupplier idle;

    // Written by the run's thread only.
    private volatile Map<String, Double> hyperparameters;
    private volatile long steps;
    private volatile long divergedAt;
    private volatile boolean finished;
    private volatile String failure;
    private volatile double stepsPerSecond = Double.NaN;
    private volatile long probeNanos;
    private long probesFromNanos;
    private long rateStartNanos = -1;
    private long rateStartSteps;
    private volatile DecisionMap decisionMap;
    private volatile NetworkSnapshot snapshot;
    private DecisionMapper mapper;
    private long nextMapNanos;

    /**
     * The recorder of {@code run} (the engine's run of {@code setup}, not started yet), its probes writing
     * {@code probeSeries}; {@code idle} tells whether the run's thread has nothing to do.
     */
    static EngineRun of(Experiment.RunSetup setup, int color, Run run, List<String> probeSeries, RaceData race,
                        BooleanSupplier idle) {
        Map<String, Double> initial = settings(run);
        return new EngineRun(setup, color, initial, domains(run), initial, new ChangeLog(setup.changes(), initial),
                probeSeries, race, idle);
    }

    private EngineRun(Experiment.RunSetup setup, int color, Map<String, Double> initial,
                      Map<String, Hyperparameter.Domain> domains, Map<String, Double> current, ChangeLog changeLog,
                      List<String> probeSeries, RaceData race, BooleanSupplier idle) {
        this.setup = setup;
        this.idle = idle;
        this.color = color;
        this.race = race;
        this.probeSeries = probeSeries;
        // The lab evaluates on the probe set only.
        this.recorder = new Recorder(race.experiment(), race.probeSet(), null, (id, step, value) ->
                series.get(id).append(step, value));
        this.initial = Collections.unmodifiableMap(initial);
        this.domains = domains;
        this.hyperparameters = Collections.unmodifiableMap(current);
        this.changeLog = changeLog;
        recorder.series().forEach(id -> series.put(id, new PointSeries()));
        probeSeries.forEach(id -> series.put(id, new PointSeries()));
    }

    /**
     * The optimizer's hyperparameters and the batch size: what the window lets a user change (under a learning-rate
     * schedule, the base learning rate, which the schedule shapes).
     */
    private static Map<String, Double> settings(Run run) {
        Map<String, Double> settings = new LinkedHashMap<>();
        run.hyperparameters().values().keySet().forEach(name -> settings.put(name, run.value(name)));
        settings.put(Run.BATCH_SIZE, (double) run.batchSize());
        return Collections.unmodifiableMap(settings);
    }

    private static Map<String, Hyperparameter.Domain> domains(Run run) {
        Map<String, Hyperparameter.Domain> domains = new LinkedHashMap<>();
        run.hyperparameters().list().forEach(h -> domains.put(h.name(), h.domain()));
        domains.put(Run.BATCH_SIZE, run.batchSizeDomain());
        return Collections.unmodifiableMap(domains);
    }

    /** The same run with empty series, for after a reset: it keeps its color and current hyperparameters. */
    EngineRun fresh() {
        return new EngineRun(setup, color, initial, domains, hyperparameters, changeLog.next(), probeSeries, race,
                idle);
    }

    @Override
    public void started(Run run) {
        hyperparameters = settings(run);
        changeLog.started();
        record(() -> recorder.started(run));
        map(run);
        probesFromNanos = System.nanoTime();
    }

    @Override
    public void stepped(Run run, long step) {
        steps = step;
        changeLog.stepped(step);
        record(() -> recorder.stepped(run, step));
        measureRate(step);
        if (!run.diverged() && System.nanoTime() >= nextMapNanos) {
            map(run);
        }
        probesFromNanos = System.nanoTime();
    }

    @Override
    public void probed(Run run, String id, long step, double value) {
        recorder.probed(run, id, step, value);
        long now = System.nanoTime();
        probeNanos += now - probesFromNanos;
        probesFromNanos = now;
    }

    @Override
    public void changed(Run run, long step, String name, double old, double value) {
        changeLog.changed(step, name, value);
        events.add(new RunEvent(step, name + " " + format(old) + " → " + format(value)));
        // Published last: whoever sees the new value also finds its event.
        hyperparameters = settings(run);
    }

    @Override
    public void diverged(Run run, long step) {
        divergedAt = step;
    }

    /** An event the engine detected, the divergence's included, marked on the chart of its series (or on all). */
    @Override
    public void marked(Run run, Event event) {
        events.add(new RunEvent(event.step(), event.text(), event.kind() == Event.Kind.DIVERGED ? null
                : event.series()));
    }

    @Override
    public void failed(Run run, Throwable cause) {
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        String why = cause instanceof OutOfMemoryError ? "out of memory (" + message + ")" : message;
        events.add(new RunEvent(run.steps(), "stopped: " + why));
        failure = why;
    }

    @Override
    public void finished(Run run, long step) {
        finished = true;
    }

    @Override
    public void waiting(Run run) {
        DecisionMap last = decisionMap;
        if (!run.diverged() && (last == null || last.step() != run.steps())) {
            map(run);
        }
        NetworkSnapshot copied = snapshot;
        if (!run.diverged() && (copied == null || copied.step() != run.steps())) {
            // A copy for measurements off this thread (the lab's curvature panel), taken only when the run stops.
            snapshot = NetworkSnapshot.of(run, race.probeSet().batch(), race);
        }
    }

    @Override
    public Optional<NetworkSnapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /** Maps the network's decisions now, if the data lies in a plane, and schedules the next map. */
    private void map(Run run) {
        race.plane().ifPresent(plane -> {
            long start = System.nanoTime();
            if (mapper == null) {
                mapper = new DecisionMapper(run.network(), plane, DecisionMapper.GRID_SIZE);
            }
            decisionMap = mapper.map(run.steps());
            long end = System.nanoTime();
            nextMapNanos = end + Math.max((long) NANOS_PER_SECOND / MAPS_PER_SECOND, MAP_SHARE * (end - start));
        });
    }

    /** Records through the engine's recorder; its evaluations count as probe time. */
    private void record(Runnable recording) {
        long start = System.nanoTime();
        recording.run();
        probeNanos += System.nanoTime() - start;
    }

    /** Steps per second over windows of at least a second. */
    private void measureRate(long step) {
        long now = System.nanoTime();
        if (rateStartNanos < 0 || step < rateStartSteps) {
            rateStartNanos = now;
            rateStartSteps = step;
        } else if (now - rateStartNanos >= NANOS_PER_SECOND) {
            stepsPerSecond = (step - rateStartSteps) * NANOS_PER_SECOND / (now - rateStartNanos);
            rateStartNanos = now;
            rateStartSteps = step;
        }
    }

    @Override
    public String name() {
        return setup.name();
    }

    @Override
    public String optimizer() {
        return setup.optimizer().label();
    }

    @Override
    public int color() {
        return color;
    }

    @Override
    public Set<String> seriesIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(series.keySet()));
    }

    @Override
    public Optional<PointSeries> series(String id) {
        return Optional.ofNullable(series.get(id));
    }

    @Override
    public RunStatus status() {
        String why = failure;
        RunStatus.State state = why != null ? RunStatus.State.FAILED
                : divergedAt > 0 ? RunStatus.State.DIVERGED
                : finished ? RunStatus.State.FINISHED
                // Paused once the step in flight has landed: a paused run's steps and series hold still.
                : race.playing().getAsBoolean() || !idle.getAsBoolean() ? RunStatus.State.RUNNING
                : RunStatus.State.PAUSED;
        double rate = state == RunStatus.State.RUNNING ? stepsPerSecond : Double.NaN;
        return new RunStatus(state, steps, divergedAt, rate, probeNanos / NANOS_PER_SECOND, why == null ? "" : why);
    }

    @Override
    public Map<String, Double> hyperparameters() {
        return hyperparameters;
    }

    @Override
    public Optional<Hyperparameter.Domain> domain(String name) {
        return Optional.ofNullable(domains.get(name));
    }

    @Override
    public Optional<DecisionMap> decisionMap() {
        return Optional.ofNullable(decisionMap);
    }

    @Override
    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public Experiment.RunSetup setup() {
        List<Experiment.Change> changes = new ArrayList<>(setup.changes());
        hyperparameters.forEach((name, value) -> {
            if (Double.compare(value, initial.get(name)) != 0) {
                changes.add(new Experiment.Change(0, name, value));
            }
        });
        return setup.withChanges(changes);
    }

    @Override
    public Experiment.RunSetup recorded() {
        return setup.withChanges(changeLog.schedule());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
