package org.normlab.app;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.normlab.app.live.ChartFeeder;
import org.normlab.app.session.EngineSession;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;

/**
 * {@code lab-bench smooth SECONDS [EXP] [--charts N]}: how smoothly the lab's charts follow a training race and what
 * that costs the race, in one process so the comparison is fair. Three phases of SECONDS each — the race headless,
 * the race in the window, the race headless again — each started afresh, its first fifth left out (JIT, loading).
 * Reports the race's steps/s in each phase (window against the mean of the two headless phases), the chart updates
 * actually done per second, and the CPU one update costs: the FX thread and JavaFX's renderer (what the window's pacing
 * budgets) and the feeder thread (thinning and DataSet writes). {@code --charts N} keeps only the first N charts of
 * the grid visible (presenter mode's one to four). Not a test: run it under Xvfb ({@code app/lab-bench}).
 */
final class SmoothMeasure {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private SmoothMeasure() {
    }

    record Phase(String name, double stepsPerSecond, double updatesPerSecond, double windowMillisPerUpdate,
                 double feederMillisPerUpdate, double windowShare) {
    }

    static void run(double seconds, RaceSetup setup, Path assets, int visibleCharts) throws Exception {
        double load = OS.getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "lab-bench smooth: %s, %d runs, %.0f s per phase (the first %.0f s of each left"
                + " out), %s charts visible, %d cores, load average %.2f at start%n", setup.name(),
                setup.runs().size(), seconds, seconds / 5, visibleCharts > 0 ? String.valueOf(visibleCharts) : "all",
                Runtime.getRuntime().availableProcessors(), load);
        Platform.setImplicitExit(false);
        Platform.startup(() -> { });
        Phase first = headless(seconds, setup, assets);
        Phase window = window(seconds, setup, visibleCharts);
        Phase second = headless(seconds, setup, assets);
        System.out.println("phase      steps/s (race)  chart updates/s  window CPU per update  feeder CPU per update"
                + "  window share");
        for (Phase p : List.of(first, window, second)) {
            System.out.printf(Locale.ROOT, "%-9s  %14.0f  %15s  %21s  %21s  %12s%n", p.name(), p.stepsPerSecond(),
                    format(p.updatesPerSecond(), "%.1f"), format(p.windowMillisPerUpdate(), "%.1f ms"),
                    format(p.feederMillisPerUpdate(), "%.2f ms"), format(100 * p.windowShare(), "%.1f%%"));
        }
        double headless = (first.stepsPerSecond() + second.stepsPerSecond()) / 2;
        System.out.printf(Locale.ROOT, "window/headless steps/s: %.3f (target >= 0.90); chart updates/s %.1f (target"
                + " >= 10); load average %.2f at end%n", window.stepsPerSecond() / headless,
                window.updatesPerSecond(), OS.getSystemLoadAverage());
    }

    private static String format(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static Phase headless(double seconds, RaceSetup setup, Path assets) throws InterruptedException {
        try (EngineSession session = EngineSession.start(setup, assets)) {
            session.play();
            double steps = stepsPerSecond(seconds, () -> steps(session.runs()), () -> { });
            return new Phase("headless", steps, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private static Phase window(double seconds, RaceSetup setup, int visibleCharts) throws Exception {
        NormLabApp app = new NormLabApp(setup);
        Stage[] stage = new Stage[1];
        onFx(() -> {
            stage[0] = new Stage();
            app.start(stage[0]);
            if (visibleCharts > 0) {
                List<Node> charts = stage[0].getScene().getRoot().lookupAll(".diagnostic").stream().toList();
                for (int i = visibleCharts; i < charts.size(); i++) {
                    charts.get(i).setVisible(false);
                    charts.get(i).setManaged(false);
                }
            }
            return null;
        });
        ChartFeeder feeder = app.feeder();
        long fxThread = onFx(() -> Thread.currentThread().getId()); // "GtkNativeMainLoopThread" under GTK
        long[] window = LongStream.concat(LongStream.of(fxThread), LongStream.of(threads("QuantumRenderer")))
                .toArray();
        Map<String, Long> tasksBefore = new HashMap<>();
        long[] feederThread = threads("chart-feeder");
        long[] at = new long[4];
        double[] share = new double[1];
        double steps = stepsPerSecond(seconds, () -> {
            List<RaceRun> runs = onFxQuietly(() -> app.model().raceProperty().get());
            return steps(runs);
        }, () -> {
            at[0] = feeder.ticks();
            at[1] = cpu(window);
            at[2] = cpu(feederThread);
            at[3] = System.nanoTime();
            tasksBefore.putAll(ProcessThreads.cpuNanosByName());
        });
        Map<String, Long> tasksAfter = ProcessThreads.cpuNanosByName();
        long ticks = feeder.ticks() - at[0];
        double elapsed = (System.nanoTime() - at[3]) * 1e-9;
        double windowCpu = (cpu(window) - at[1]) * 1e-6;
        double feederCpu = (cpu(feederThread) - at[2]) * 1e-6;
        share[0] = windowCpu * 1e-3 / elapsed / Runtime.getRuntime().availableProcessors();
        System.out.println("window phase, CPU by thread (all of the process's threads, native ones included, /proc):");
        tasksAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - tasksBefore.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(14)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-22s %6.1f%% of a core%n", e.getKey(),
                        100 * e.getValue() * 1e-9 / elapsed));
        onFx(() -> {
            stage[0].close();
            app.stop();
            return null;
        });
        return new Phase("window", steps, ticks / elapsed, windowCpu / ticks, feederCpu / ticks, share[0]);
    }

    /** Steps/s of the race between the first fifth of {@code seconds} and the end; {@code atStart} runs at that point. */
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
