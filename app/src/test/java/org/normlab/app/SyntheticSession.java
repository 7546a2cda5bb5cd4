package org.normlab.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.normlab.app.chart.ChartSpec;
import org.normlab.app.session.FakeRun;
import org.normlab.app.session.LabSession;
import org.normlab.app.session.PointSeries;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.data.InputPlane;
import org.normlab.sim.model.DecisionMap;
import org.normlab.sim.model.DecisionMapper;
import org.normlab.sim.run.Experiment;

/**
 * A race with no training behind it, for {@link LabMeasure}: six runs, each with every series the charts draw, filled
 * with {@value #INITIAL_POINTS} points of a seeded random walk at once, then {@value #POINTS_PER_TICK} more every
 * {@value #TICK_MILLIS} ms, by one writer thread, which also gives every run a new decision map over the spirals'
 * plane every {@value #TICKS_PER_MAP} ticks (a turning pattern), as often as engine runs do. Takes no commands.
 */
final class SyntheticSession implements LabSession {
    private static final int RUNS = 6;
    private static final int INITIAL_POINTS = 100_000;
    private static final int POINTS_PER_TICK = 10;
    private static final long TICK_MILLIS = 33;
    private static final int TICKS_PER_MAP = 6;
    private static final InputPlane PLANE = RaceSetup.spirals().data().inputPlane().orElseThrow();

    private final List<Synthetic> runs = IntStream.range(0, RUNS).mapToObj(Synthetic::new).toList();
    private final Thread writer = new Thread(this::write, "synthetic writer");
    private volatile boolean closed;

    SyntheticSession() {
        writer.setDaemon(true);
        writer.start();
    }

    private void write() {
        SplittableRandom random = new SplittableRandom(1);
        long step = 0;
        try {
            for (; step < INITIAL_POINTS; step++) {
                append(step, random);
            }
            for (long tick = 0; !closed; tick++) {
                for (int i = 0; i < POINTS_PER_TICK; i++) {
                    append(step++, random);
                }
                if (tick % TICKS_PER_MAP == 0) {
                    for (Synthetic run : runs) {
                        run.run.showDecisionMap(turningMap(step, run.run.color()));
                    }
                }
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void append(long step, SplittableRandom random) {
        for (Synthetic run : runs) {
            for (PointSeries s : run.series.values()) {
                double last = s.size() == 0 ? 1 : s.y(s.size() - 1);
                s.append(step, last * Math.exp(0.01 * random.nextGaussian()));
            }
        }
    }

    /** Two half-planes whose border turns with the step, fading towards it, per run from its own angle. */
    private static DecisionMap turningMap(long step, int index) {
        int grid = DecisionMapper.GRID_SIZE;
        int[] predicted = new int[grid * grid];
        double[] confidence = new double[grid * grid];
        double angle = step * 1e-3 + index;
        InputPlane.Extent extent = PLANE.extent();
        for (int row = 0; row < grid; row++) {
            for (int column = 0; column < grid; column++) {
                double side = Math.cos(angle) * extent.cellX(column, grid) + Math.sin(angle) * extent.cellY(row, grid);
                predicted[row * grid + column] = side > 0 ? 1 : 0;
                confidence[row * grid + column] = 0.5 + 0.5 * Math.tanh(Math.abs(4 * side));
            }
        }
        return new DecisionMap(PLANE, step, grid, 2, predicted, confidence);
    }

    @Override
    public List<RaceRun> runs() {
        return runs.stream().map(synthetic -> (RaceRun) synthetic.run).toList();
    }

    @Override
    public boolean playing() {
        return true;
    }

    @Override
    public Optional<String> play() {
        return refused();
    }

    @Override
    public Optional<String> pause() {
        return refused();
    }

    @Override
    public Optional<String> setSpeed(double stepsPerSecond) {
        return refused();
    }

    @Override
    public double speed() {
        return 0;
    }

    @Override
    public Optional<String> step() {
        return refused();
    }

    @Override
    public Optional<String> reset() {
        return refused();
    }

    @Override
    public Optional<String> runTo(long step) {
        return refused();
    }

    @Override
    public Optional<String> lockstep(boolean on) {
        return refused();
    }

    @Override
    public boolean lockstep() {
        return false;
    }

    @Override
    public Optional<String> setHyperparameter(String run, String name, double value) {
        return refused();
    }

    @Override
    public Optional<String> addRun(Experiment.RunSetup run) {
        return refused();
    }

    @Override
    public Optional<String> removeRun(String run) {
        return refused();
    }

    @Override
    public void close() {
        closed = true;
    }

    private static Optional<String> refused() {
        return Optional.of("a synthetic race takes no commands");
    }

    /** One synthetic run: every chart's series, threshold and error bound, its status read off them. */
    private static final class Synthetic {
        private final Map<String, PointSeries> series = new LinkedHashMap<>();
        private final FakeRun run;

        Synthetic(int index) {
            for (ChartSpec chart : ChartSpec.diagnostics()) {
                series.put(chart.seriesId(), new PointSeries());
                for (String extra : new String[] {chart.thresholdId(), chart.boundId()}) {
                    if (extra != null) {
                        series.putIfAbsent(extra, new PointSeries());
                    }
                }
            }
            PointSeries any = series.values().iterator().next();
            run = new FakeRun("run" + index, index, series,
                    () -> new RunStatus(RunStatus.State.RUNNING, any.size(), 0, Double.NaN, 0, ""));
        }
    }
}
