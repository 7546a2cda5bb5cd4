package org.normlab.app.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.model.Params;
import org.normlab.sim.optim.Hyperparameter;
import org.normlab.sim.optim.Hyperparameters;
import org.normlab.sim.optim.Stepper;
import org.normlab.sim.optim.Transform;

/**
 * One run of a {@link LocalRaceSession} on its own thread: it builds its network there (seeded, so every run starts
 * from the same weights), steps through the shared batch order, and every {@code probeEvery} steps measures
 * probe-set loss and accuracy, weight norms and effective learning rates. Commands from other threads wait in a
 * queue that the thread drains between steps; hyperparameters are only ever set there.
 */
final class LocalRun implements RaceRun {
    private static final double NANOS_PER_SECOND = 1e9;

    private final RunSetup setup;
    private final int color;
    private final RaceData race;
    private final Transform transform;
    private final Map<String, PointSeries> series = new LinkedHashMap<>();
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private final Thread thread;

    // Guarded by this: the command queue and the controls.
    private final Deque<Runnable> commands = new ArrayDeque<>();
    private boolean paused;
    /** The run's thread is blocked waiting for a command or a step to take; guarded by this. */
    private boolean waiting;
    private int singleSteps;
    private boolean stopped;

    // Written by the run's thread only.
    private volatile long steps;
    private volatile long divergedAt;
    private volatile String failure;
    private volatile double stepsPerSecond = Double.NaN;
    private volatile long probeNanos;
    private volatile Map<String, Double> hyperparameterValues;
    private long rateStartNanos = -1;
    private long rateStartSteps;

    LocalRun(RunSetup setup, int color, RaceData race, boolean paused) {
        this.setup = setup;
        this.color = color;
        this.race = race;
        this.transform = setup.transform();
        this.paused = paused;
        this.hyperparameterValues = Collections.unmodifiableMap(transform.hyperparameters().values());
        List<String> ids = new ArrayList<>(List.of(SeriesIds.TRAIN_LOSS, SeriesIds.PROBE_LOSS,
                SeriesIds.PROBE_ACCURACY));
        if (race.network().normalization() == Normalization.BATCH_NORM) {
            for (int l = 0; l < race.network().hiddenWidths().size(); l++) {
                ids.add(SeriesIds.perLayer(SeriesIds.WEIGHT_NORM_SQUARED, l));
                ids.add(SeriesIds.perLayer(SeriesIds.EFFECTIVE_LEARNING_RATE, l));
            }
        }
        ids.forEach(id -> series.put(id, new PointSeries()));
        this.thread = new Thread(this::run, "run " + setup.name());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    RunSetup setup() {
        return setup;
    }

    /** The setup that rebuilds this run as it is now: same name and optimizer, current hyperparameters. */
    RunSetup currentSetup() {
        return new RunSetup(setup.name(), setup.optimizer(), hyperparameterValues);
    }

    synchronized void setPaused(boolean paused) {
        this.paused = paused;
        singleSteps = 0;
        notifyAll();
    }

    synchronized void stepOnce() {
        singleSteps++;
        notifyAll();
    }

    /** Ends the thread after the current step and waits for it. */
    void stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets a hyperparameter between two steps; the caller has checked {@code value} against its domain. */
    synchronized void submitHyperparameter(String name, double value) {
        commands.add(() -> {
            Hyperparameters hyperparameters = transform.hyperparameters();
            double old = hyperparameters.set(name, value);
            hyperparameterValues = Collections.unmodifiableMap(hyperparameters.values());
            events.add(new RunEvent(steps, name + " " + format(old) + " → " + format(value)));
        });
        notifyAll();
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
        boolean isPaused;
        synchronized (this) {
            // Paused once the thread is actually waiting: a step in flight when pause arrived still counts.
            isPaused = paused && waiting;
        }
        RunStatus.State state = failure != null ? RunStatus.State.FAILED
                : divergedAt > 0 ? RunStatus.State.DIVERGED
                : isPaused ? RunStatus.State.PAUSED : RunStatus.State.RUNNING;
        double rate = state == RunStatus.State.RUNNING ? stepsPerSecond : Double.NaN;
        return new RunStatus(state, steps, divergedAt, rate, probeNanos / NANOS_PER_SECOND);
    }

    @Override
    public Map<String, Double> hyperparameters() {
        return hyperparameterValues;
    }

    @Override
    public Optional<Hyperparameter.Domain> domain(String name) {
        return transform.hyperparameters().list().stream().filter(h -> h.name().equals(name))
                .map(Hyperparameter::domain).findFirst();
    }

    @Override
    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    private void run() {
        try {
            train();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            events.add(new RunEvent(steps, "stopped: " + failure));
        }
    }

    private void train() throws InterruptedException {
        Network network = new Network(race.network());
        INDArray gradient = network.params().zeros();
        Batch probe = Batch.of(race.train(), race.probeRows());
        BatchOrder order = new BatchOrder(race.train().size(), race.batchSize(), race.orderSeed());
        Stepper stepper = new Stepper(transform, network.params(), network.theta());
        PointSeries loss = series.get(SeriesIds.TRAIN_LOSS);
        measure(network, probe);
        while (awaitStep()) {
            long t = steps;
            double value = network.lossAndGradient(Batch.of(race.train(), order.next()), gradient);
            loss.append(t, value);
            double gradientNorm = gradient.norm2Number().doubleValue();
            if (!Double.isFinite(value) || !Double.isFinite(gradientNorm)) {
                diverge(t + 1, Double.isFinite(value) ? "gradient norm is " + gradientNorm : "loss is " + value);
                continue;
            }
            stepper.step(gradient);
            steps = t + 1;
            if (steps % race.probeEvery() == 0) {
                measure(network, probe);
            }
            measureRate();
        }
    }

    /** Probe-set loss and accuracy, then per layer {@code N_l = Σ_k ‖w_k‖²} and {@code η / mean_k ‖w_k‖²}. */
    private void measure(Network network, Batch probe) {
        long start = System.nanoTime();
        long t = steps;
        Network.Evaluation evaluation = network.evaluate(probe, BatchNormMode.EVAL);
        series.get(SeriesIds.PROBE_LOSS).append(t, evaluation.loss());
        series.get(SeriesIds.PROBE_ACCURACY).append(t, evaluation.accuracy());
        Params params = network.params();
        double eta = hyperparameterValues.get(RunSetup.LEARNING_RATE);
        List<Params.Tensor> layers = params.scaleInvariantTensors();
        for (int l = 0; l < layers.size(); l++) {
            double norm = params.view(network.theta(), layers.get(l)).norm2Number().doubleValue();
            double normSquared = norm * norm;
            series.get(SeriesIds.perLayer(SeriesIds.WEIGHT_NORM_SQUARED, l)).append(t, normSquared);
            series.get(SeriesIds.perLayer(SeriesIds.EFFECTIVE_LEARNING_RATE, l))
                    .append(t, eta * layers.get(l).rows() / normSquared);
            if (!Double.isFinite(normSquared)) {
                diverge(t, "the weights of layer " + l + " are not finite");
            }
        }
        probeNanos += System.nanoTime() - start;
    }

    private void diverge(long step, String why) {
        if (divergedAt == 0) {
            divergedAt = step;
            events.add(new RunEvent(step, "diverged: " + why));
        }
    }

    /** Steps per second over windows of at least a second of uninterrupted running. */
    private void measureRate() {
        long now = System.nanoTime();
        if (rateStartNanos < 0) {
            rateStartNanos = now;
            rateStartSteps = steps;
        } else if (now - rateStartNanos >= NANOS_PER_SECOND) {
            stepsPerSecond = (steps - rateStartSteps) * NANOS_PER_SECOND / (now - rateStartNanos);
            rateStartNanos = now;
            rateStartSteps = steps;
        }
    }

    /**
     * Blocks until a step may be taken, running queued commands meanwhile on this thread; false once stopped. A
     * diverged run takes no more steps but still takes commands.
     */
    private boolean awaitStep() throws InterruptedException {
        while (true) {
            Runnable command;
            synchronized (this) {
                while (commands.isEmpty() && !stopped && (divergedAt > 0 || (paused && singleSteps == 0))) {
                    rateStartNanos = -1;
                    stepsPerSecond = Double.NaN;
                    waiting = true;
                    wait();
                }
                waiting = false;
                if (stopped) {
                    return false;
                }
                command = commands.poll();
                if (command == null) {
                    if (paused) {
                        singleSteps--;
                    }
                    return true;
                }
            }
            command.run();
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
