package org.normlab.app;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.normlab.app.live.ChartFeeder;
import org.normlab.app.session.EngineSession;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;
import org.normlab.sim.run.Experiment;

/**
 * {@code lab-bench smooth SECONDS [EXP] [--charts N] [--presenter] [--rounds R]}: how smoothly the lab's charts follow
 * a training race and what that costs the race, in one process so the comparison is fair. Phases of SECONDS each, each
 * started afresh with its first fifth left out (loading): the race headless; in a first window (cold: the JIT compiles
 * the window's code, thousands of methods, for most of a minute); then R times (default 1) in a warm window, as a class
 * sees it after the first minute, followed by the race headless again. Each warm window is measured against the mean
 * of the headless phases either side (the machine's own speed drifts by several percent between phases); with R > 1,
 * the median of those ratios is the figure of the target. Reports the race's steps/s in each phase, the chart
 * updates actually done per second, and the CPU one update costs: the FX thread and JavaFX's renderer (what the
 * window's pacing budgets), the feeder thread (thinning and DataSet writes) and the X server (its copies of each
 * frame; another process). {@code --charts N} keeps only the first N charts of the grid visible. {@code --presenter}
 * measures presenter mode as a class sees it: the window at a projector's 1280×720 in presenter mode (the tour's
 * charts, thick lines, names at the line ends), the race in lockstep in every phase (as presenter mode runs it) and
 * lengthened so that it trains throughout; EXP defaults to the {@value #PRESENTER_PRESET} preset (four runs).
 * Not a test: run it under Xvfb ({@code app/lab-bench}).
 */
final class SmoothMeasure {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    /** Presenter mode's default race: four runs, a tour of three charts, one of them a per-step series. */
    static final String PRESENTER_PRESET = "psi-vs-euclidean";
    /** Steps enough for a race to train through all three phases. */
    private static final int PRESENTER_STEPS = 100_000_000;
    private static final double PROJECTOR_WIDTH = 1280;
    private static final double PROJECTOR_HEIGHT = 720;

    private SmoothMeasure() {
    }

    /** The race presenter mode is measured on: {@code setup} in lockstep, lengthened to train throughout. */
    static RaceSetup forPresenter(RaceSetup setup) {
        Experiment.Training t = setup.training();
        return new RaceSetup(setup.name(), setup.description(), setup.data(), setup.network(),
                new Experiment.Training(Math.max(t.steps(), PRESENTER_STEPS), t.batchSize(), t.orderSeed(), true),
                setup.probe(), setup.probes(), setup.evaluateEvery(), setup.runs(), setup.tour());
    }

    /**
     * One phase's figures; the per-update CPU figures (ms) are NaN for a headless phase.
     *
     * @param windowShare the FX thread's and the renderer's share of the machine, what the pacing keeps to its budget
     */
    record Phase(String name, double stepsPerSecond, double updatesPerSecond, double windowMillisPerUpdate,
                 double feederMillisPerUpdate, double xServerMillisPerUpdate, double windowShare) {
        Phase named(String newName) {
            return new Phase(newName, stepsPerSecond, updatesPerSecond, windowMillisPerUpdate, feederMillisPerUpdate,
                    xServerMillisPerUpdate, windowShare);
        }
    }

    static void run(double seconds, RaceSetup setup, Path assets, int visibleCharts, boolean presenter, int rounds)
            throws Exception {
        RaceSetup race = presenter ? forPresenter(setup) : setup;
        double load = OS.getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "lab-bench smooth%s: %s, %d runs%s, %.0f s per phase (the first %.0f s of each"
                + " left out), %s, %d cores, load average %.2f at start%n", presenter ? " --presenter" : "",
                race.name(), race.runs().size(), race.training().lockstep() ? " in lockstep" : "", seconds,
                seconds / 5, presenter ? "presenter mode at 1280×720 (the tour's charts)" : (visibleCharts > 0
                        ? visibleCharts + " charts visible" : "all charts visible"),
                Runtime.getRuntime().availableProcessors(), load);
        Platform.setImplicitExit(false);
        Platform.startup(() -> { });
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be an integer >= 1, was " + rounds);
        }
        List<Phase> phases = new ArrayList<>();
        Phase headlessBefore = headless(seconds, race, assets);
        phases.add(headlessBefore);
        Phase cold = window(seconds, race, visibleCharts, presenter).named("window, cold");
        phases.add(cold);
        // Each warm window between two headless phases: its ratio is against their mean.
        List<Double> ratios = new ArrayList<>();
        Phase window = null;
        for (int round = 0; round < rounds; round++) {
            window = window(seconds, race, visibleCharts, presenter).named("window, warm");
            Phase headlessAfter = headless(seconds, race, assets);
            phases.add(window);
            phases.add(headlessAfter);
            ratios.add(window.stepsPerSecond() / ((headlessBefore.stepsPerSecond() + headlessAfter.stepsPerSecond())
                    / 2));
            headlessBefore = headlessAfter;
        }
        // The first warm window, between the first two headless phases.
        Phase first = phases.get(0);
        Phase warm = phases.get(2);
        Phase second = phases.get(3);
        System.out.println("phase         steps/s (race)  chart updates/s  CPU per update: window (FX+renderer)  feeder"
                + "    X server  window share");
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "%-12s  %11.0f  %15s  %36s  %7s  %10s  %12s%n", p.name(),
                    p.stepsPerSecond(), format(p.updatesPerSecond(), "%.1f"), format(p.windowMillisPerUpdate(),
                            "%.1f ms"), format(p.feederMillisPerUpdate(), "%.2f ms"),
                    format(p.xServerMillisPerUpdate(), "%.1f ms"), format(100 * p.windowShare(), "%.1f%%"));
        }
        double headless = (first.stepsPerSecond() + second.stepsPerSecond()) / 2;
        // The CPU per update of the last warm window: the warmest.
        double perUpdate = window.windowMillisPerUpdate() + window.feederMillisPerUpdate()
                + (Double.isNaN(window.xServerMillisPerUpdate()) ? 0 : window.xServerMillisPerUpdate());
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "the %swarm window: %.1f%% slower than headless (window/headless steps/s"
                + " %.3f, target >= 0.90; the headless phases differ by %.1f%%)%n", rounds > 1 ? "first " : "",
                100 * (1 - warm.stepsPerSecond() / headless), warm.stepsPerSecond() / headless,
                100 * Math.abs(first.stepsPerSecond() - second.stepsPerSecond()) / headless);
        System.out.printf(Locale.ROOT, "the cold window (the JIT compiling the window's code): %.1f%% slower"
                + " than headless (%.3f), %.1f chart updates/s%n", 100 * (1 - cold.stepsPerSecond() / headless),
                cold.stepsPerSecond() / headless, cold.updatesPerSecond());
        if (rounds > 1) {
            List<Double> sorted = ratios.stream().sorted().toList();
            double median = (sorted.get((rounds - 1) / 2) + sorted.get(rounds / 2)) / 2;
            System.out.printf(Locale.ROOT, "the %d warm windows against the headless phases either side: %s; median"
                    + " %.3f, lowest %.3f (target >= 0.90)%n", rounds, ratios.stream().map(r -> String.format(
                    Locale.ROOT, "%.3f", r)).toList(), median, sorted.get(0));
        }
        System.out.printf(Locale.ROOT, "chart updates/s %.1f (target >= 10); all the window's CPU per update %.1f ms,"
                + " so 10 updates/s take %.1f%% of the %d cores (what training loses where it holds every core)%n",
                window.updatesPerSecond(), perUpdate, 100 * 10 * perUpdate * 1e-3 / cores, cores);
        System.out.printf(Locale.ROOT, "load average %.2f at end (other processes' load makes the steps/s ratio"
                + " noise; the CPU per update holds)%n", OS.getSystemLoadAverage());
    }

    /** Every thread's CPU since {@code before}, as a share of a core over {@code seconds}; the busiest first. */
    private static void printCpuByThread(String phase, Map<String, Long> before, double seconds) {
        System.out.println(phase + ", CPU by thread (all of the process's threads, native ones included, /proc):");
        ProcessThreads.cpuNanosByName().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(14)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-22s %6.1f%% of a core%n", e.getKey(),
                        100 * e.getValue() * 1e-9 / seconds));
    }

    private static String format(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static Phase headless(double seconds, RaceSetup setup, Path assets) throws InterruptedException {
        try (EngineSession session = EngineSession.start(setup, assets)) {
            session.play();
            Map<String, Long> tasksBefore = new HashMap<>();
            long[] start = new long[1];
            double steps = stepsPerSecond(seconds, () -> steps(session.runs()), () -> {
                start[0] = System.nanoTime();
                tasksBefore.putAll(ProcessThreads.cpuNanosByName());
            });
            printCpuByThread("headless phase", tasksBefore, (System.nanoTime() - start[0]) * 1e-9);
            return new Phase("headless", steps, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private static Phase window(double seconds, RaceSetup setup, int visibleCharts, boolean presenter)
            throws Exception {
        NormLabApp app = new NormLabApp(setup);
        Stage[] stage = new Stage[1];
        onFx(() -> {
            stage[0] = new Stage();
            app.start(stage[0]);
            if (presenter) {
                app.model().presenterProperty().set(true);
                stage[0].setX(0);
                stage[0].setY(0);
                stage[0].setWidth(PROJECTOR_WIDTH);
                stage[0].setHeight(PROJECTOR_HEIGHT);
            } else if (visibleCharts > 0) {
                List<Node> charts = stage[0].getScene().getRoot().lookupAll(".diagnostic").stream().toList();
                for (int i = visibleCharts; i < charts.size(); i++) {
                    charts.get(i).setVisible(false);
                    charts.get(i).setManaged(false);
                }
            }
            return null;
        });
        ChartFeeder feeder = app.feeder();
        // Pulses JavaFX ran for the window (each lays out and draws what changed), counted without forcing any.
        AtomicLong pulses = new AtomicLong();
        onFx(() -> {
            stage[0].getScene().addPostLayoutPulseListener(pulses::incrementAndGet);
            return null;
        });
        long fxThread = onFx(() -> Thread.currentThread().getId()); // "GtkNativeMainLoopThread" under GTK
        long[] window = LongStream.concat(LongStream.of(fxThread), LongStream.of(threads("QuantumRenderer")))
                .toArray();
        Map<String, Long> tasksBefore = new HashMap<>();
        long[] feederThread = threads("chart-feeder");
        Optional<ProcessHandle> xServer = xServer();
        long[] at = new long[5];
        long[] pulsesAtStart = new long[1];
        double[] share = new double[1];
        double steps = stepsPerSecond(seconds, () -> {
            List<RaceRun> runs = onFxQuietly(() -> app.model().raceProperty().get());
            return steps(runs);
        }, () -> {
            at[0] = feeder.ticks();
            at[1] = cpu(window);
            at[2] = cpu(feederThread);
            at[3] = System.nanoTime();
            pulsesAtStart[0] = pulses.get();
            at[4] = xServer.map(SmoothMeasure::cpu).orElse(0L);
            tasksBefore.putAll(ProcessThreads.cpuNanosByName());
        });
        long ticks = feeder.ticks() - at[0];
        double elapsed = (System.nanoTime() - at[3]) * 1e-9;
        double windowCpu = (cpu(window) - at[1]) * 1e-6;
        double feederCpu = (cpu(feederThread) - at[2]) * 1e-6;
        double xServerCpu = xServer.map(x -> (cpu(x) - at[4]) * 1e-6).orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "window phase: %.1f pulses/s for %.1f chart updates/s%n",
                (pulses.get() - pulsesAtStart[0]) / elapsed, ticks / elapsed);
        System.out.printf(Locale.ROOT, "window phase: %s, lockstep %s, charts shown: %s%n", presenter
                ? "presenter mode" : "the lab", onFx(() -> app.model().lockstepProperty().get()), onFx(() -> stage[0]
                .getScene().getRoot().lookupAll(".diagnostic").stream().filter(n -> n.getScene() != null
                        && n.isVisible()).map(n -> n.getId()).toList()));
        share[0] = windowCpu * 1e-3 / elapsed / Runtime.getRuntime().availableProcessors();
        printCpuByThread("window phase", tasksBefore, elapsed);
        onFx(() -> {
            stage[0].close();
            app.stop();
            return null;
        });
        return new Phase("window", steps, ticks / elapsed, windowCpu / ticks, feederCpu / ticks, xServerCpu / ticks,
                share[0]);
    }

    /** Steps/s of the race from the first fifth of {@code seconds} to the end; {@code atStart} runs at that point. */
    private static double stepsPerSecond(double seconds, LongSupplier steps, Runnable atStart)
            throws InterruptedException {
        Thread.sleep((long) (seconds * 200));
        long before = steps.getAsLong();
        long start = System.nanoTime();
        atStart.run();
        Thread.sleep((long) (seconds * 800));
        return (steps.getAsLong() - before) / ((System.nanoTime() - start) * 1e-9);
    }

    private static long steps(List<RaceRun> runs) {
        return runs.stream().mapToLong(run -> run.status().steps()).sum();
    }

    /** The X server this window draws to (Xvfb on {@code $DISPLAY}), if it can be found. */
    private static Optional<ProcessHandle> xServer() {
        String display = System.getenv("DISPLAY");
        if (display == null) {
            return Optional.empty();
        }
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("Xvfb"))
                .orElse(false) && p.info().arguments().map(a -> List.of(a).contains(display)).orElse(false))
                .findFirst();
    }

    /** A process's CPU time so far in ns (0 where not known). */
    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static long[] threads(String... prefixes) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> List.of(prefixes).stream().anyMatch(t.getName()::startsWith))
                .mapToLong(Thread::getId).toArray();
    }

    private static long cpu(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }

    private interface FxTask<T> {
        T call() throws Exception;
    }

    private static <T> T onFx(FxTask<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }

    private static <T> T onFxQuietly(FxTask<T> task) {
        try {
            return onFx(task);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
