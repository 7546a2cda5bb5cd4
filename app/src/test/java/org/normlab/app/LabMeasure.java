package org.normlab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.run.ExperimentFile;

/**
 * The lab's responsiveness figures, measured on a real window (run it under Xvfb); not a test. Modes:
 * <pre>
 * fps SECONDS             a synthetic race of 6 runs × every chart's series × 100k points, growing on: frames/s
 * race EXPERIMENT.json    the experiment's race in the window, as a user has it (no frame counter): chart updates/s
 *                         and the window's share of the machine every 5 s, and at the end the steps/s of the race
 *                         from its first to its last step
 * memory SECONDS [EXP]    the opening race (or the experiment EXP): frames/s, resident memory, steps every 10 s
 * smooth SECONDS [EXP] [--charts N] [--presenter] [--rounds R]
 *                         chart updates/s and training steps/s in the window against headless, CPU per update;
 *                         --presenter: presenter mode; --rounds R: R warm windows between headless phases
 *                         ({@link SmoothMeasure})
 * </pre>
 * Frames are JavaFX pulses, counted by a {@link FrameRate}, which keeps them going at up to 60 a second.
 */
public final class LabMeasure {
    private static final long REPORT_MILLIS = 5000;
    private static final long POLL_MILLIS = 100;

    private LabMeasure() {
    }

    public static void main(String[] args) throws Exception {
        NormLabApp.tuneRasterizer();
        String mode = args[0];
        if (mode.equals("smooth")) {
            List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
            boolean presenter = rest.remove("--presenter");
            int roundsAt = rest.indexOf("--rounds");
            int rounds = roundsAt < 0 ? 1 : Integer.parseInt(rest.get(roundsAt + 1));
            if (roundsAt >= 0) {
                rest.subList(roundsAt, roundsAt + 2).clear();
            }
            int charts = rest.indexOf("--charts");
            int visible = charts < 0 ? 0 : Integer.parseInt(rest.get(charts + 1));
            List<String> positional = charts < 0 ? rest : rest.subList(0, charts);
            Path assets = Path.of(System.getProperty(NormLabApp.ASSETS_PROPERTY, "assets"));
            Path experiment = positional.size() > 1 ? Path.of(positional.get(1)) : presenter
                    ? assets.resolve("presets").resolve(SmoothMeasure.PRESENTER_PRESET + ".json") : null;
            RaceSetup setup = experiment != null ? RaceSetup.of(ExperimentFile.read(experiment)) : RaceSetup.spirals();
            SmoothMeasure.run(Double.parseDouble(positional.get(0)), setup, assets, visible, presenter, rounds);
            System.exit(0);
        }
        String experiment = mode.equals("race") ? args[1] : mode.equals("memory") && args.length > 2 ? args[2] : null;
        RaceSetup setup = experiment != null ? RaceSetup.of(ExperimentFile.read(Path.of(experiment)))
                : RaceSetup.spirals();
        NormLabApp app = mode.equals("fps") ? new NormLabApp(setup, (s, assets) -> new SyntheticSession())
                : new NormLabApp(setup);
        long reportNanos = (mode.equals("memory") ? 2 : 1) * REPORT_MILLIS * 1_000_000L;
        FrameRate frames = new FrameRate();
        Platform.startup(() -> {
            app.start(new Stage());
            if (!mode.equals("race")) {
                frames.start();
            }
        });
        long start = System.nanoTime();
        long lastFrames = 0;
        long lastReport = start;
        double duration = mode.equals("race") ? Double.POSITIVE_INFINITY : Double.parseDouble(args[1]);
        long firstStep = 0;
        for (double seconds = 0; seconds < duration; ) {
            Thread.sleep(POLL_MILLIS);
            long now = System.nanoTime();
            seconds = (now - start) * 1e-9;
            List<RunStatus> runs = statuses(app);
            long steps = runs.stream().mapToLong(RunStatus::steps).sum();
            if (firstStep == 0 && steps > 0) {
                firstStep = now;
            }
            if (mode.equals("race") && runs.stream().allMatch(r -> r.state() == RunStatus.State.FINISHED
                    || r.state() == RunStatus.State.DIVERGED)) {
                double raced = (now - firstStep) * 1e-9;
                System.out.printf(Locale.ROOT, "%d steps in %.1f s from the first step: %.0f steps/s, rss %d MB%n",
                        steps, raced, steps / raced, residentMegabytes());
                break;
            }
            if (now - lastReport >= reportNanos) {
                long f = frames.total();
                System.out.printf(Locale.ROOT, "t %.0f s  fps %s  chart updates/s %.1f  window %.1f%% of CPU  steps %d"
                        + "  rss %d MB%n", seconds, mode.equals("race") ? "-" : String.format(Locale.ROOT, "%.1f",
                        (f - lastFrames) / ((now - lastReport) * 1e-9)), app.chartUpdatesPerSecond(),
                        100 * app.windowShare(), steps, residentMegabytes());
                lastFrames = f;
                lastReport = now;
            }
        }
        System.exit(0);
    }

    private static List<RunStatus> statuses(NormLabApp app) throws Exception {
        CompletableFuture<List<RunStatus>> result = new CompletableFuture<>();
        Platform.runLater(() -> result.complete(app.model().raceProperty().get().stream().map(RaceRun::status)
                .toList()));
        return result.get();
    }

    private static long residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
