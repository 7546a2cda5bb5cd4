package org.normlab.app.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.normlab.sim.model.DecisionMap;
import org.normlab.sim.optim.Hyperparameter;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.OptimizerSetup;

/**
 * A run with no training behind it: the series, status, decision map and setup it is given, an SGD run at η = 0.1
 * otherwise. For tests and measurements of what the window draws and exports.
 */
public final class FakeRun implements RaceRun {
    private final String name;
    private final int color;
    private final Map<String, PointSeries> series;
    private final Supplier<RunStatus> status;
    private volatile DecisionMap decisionMap;
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private volatile Experiment.RunSetup setup;

    public FakeRun(String name, int color, Map<String, PointSeries> series, Supplier<RunStatus> status) {
        this.name = name;
        this.color = color;
        this.series = series;
        this.status = status;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String optimizer() {
        return "sgd";
    }

    @Override
    public int color() {
        return color;
    }

    @Override
    public Set<String> seriesIds() {
        return series.keySet();
    }

    @Override
    public Optional<PointSeries> series(String id) {
        return Optional.ofNullable(series.get(id));
    }

    @Override
    public RunStatus status() {
        return status.get();
    }

    @Override
    public Map<String, Double> hyperparameters() {
        return Map.of("learningRate", 0.1);
    }

    @Override
    public Optional<Hyperparameter.Domain> domain(String hyperparameter) {
        return Optional.empty();
    }

    @Override
    public Optional<DecisionMap> decisionMap() {
        return Optional.ofNullable(decisionMap);
    }

    /** The map {@link #decisionMap} returns from now on; from any thread. */
    public void showDecisionMap(DecisionMap map) {
        decisionMap = map;
    }

    /** Adds {@code event} to what {@link #events} returns; from any thread. */
    public void mark(RunEvent event) {
        events.add(event);
    }

    @Override
    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public Experiment.RunSetup setup() {
        Experiment.RunSetup given = setup;
        return given != null ? given : RaceSetup.run(name, OptimizerSetup.Recipe.SGD, 0.1);
    }

    /** The run's setup from now on (its optimizer names its threshold), instead of SGD at η = 0.1. */
    public FakeRun withSetup(Experiment.RunSetup runSetup) {
        setup = runSetup;
        return this;
    }

    @Override
    public Experiment.RunSetup recorded() {
        return setup();
    }
}
