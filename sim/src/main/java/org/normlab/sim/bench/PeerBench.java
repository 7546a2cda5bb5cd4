package org.normlab.sim.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.HutchinsonTrace;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.linalg.LinearOperator;
import org.normlab.sim.linalg.SampleMean;
import org.normlab.sim.linalg.SpectralDensity;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.Network;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.HeadlessRace;
import org.normlab.sim.run.OutputDirectory;
import org.normlab.sim.run.Progress;
import org.normlab.sim.run.RestoredRun;
import org.normlab.sim.run.TextTable;

/**
 * {@code normlab bench --peer}: NormLab beside the PyTorch peer ({@code sim/scripts/pytorch-peer.py}) on one
 * checkpoint, then the training step alone at MNIST size. Trains a short SGD race of a small BN MLP on spirals into a temporary folder, restores its checkpoint,
 * measures NormLab's training step (one thread), Hessian-vector product, certified λ_max (Lanczos at
 * {@link Lanczos#DEFAULT_TOLERANCE}), Hutchinson trace and SLQ density on the train-mode probe set, then runs the
 * peer on the same checkpoint with the same batch, step count and probe counts, and prints both side by side with
 * their ratios, the peer's λ_max against NormLab's certified interval, and the aims met or not.
 */
public final class PeerBench {
    /** The peer's exit code when torch is missing (see the script). */
    static final int PEER_WITHOUT_TORCH = 3;
    static final String SCRIPT = "sim/scripts/pytorch-peer.py";
    private static final double CERTIFIED_SPEEDUP_AIM = 3;
    /**
     * Untimed λ_max estimates (~10 products each) before NormLab's products and estimates are timed. The peer's
     * Python is steady after one call (its allocator and graph caches); a JVM once it has compiled ND4J's Java-side
     * dispatch and Lanczos' loops, after thousands of calls (in a fresh process the first 20 estimates took a median
     * 12–14 ms of CPU, later ones 6–7 ms). A run of the lab estimates λ_max at every curvature cadence, so most of its
     * estimates are warm ones.
     */
    private static final int WARM_UP_ESTIMATES = 30;
    private static final String EXPERIMENT = """
            {"name": "peer", "description": "A BN MLP, trained briefly for normlab bench --peer.",
             "data": %s,
             "network": {"hiddenWidths": %s, "activation": "relu", "normalization": "batch_norm", "seed": 1},
             "training": {"steps": %d, "batchSize": %d, "orderSeed": 1},
             "runs": [{"name": "sgd", "optimizer": {"name": "sgd", "learningRate": %s}}],
             "probe": {"size": 512, "seed": 1},
             "logging": {"evaluateEvery": 100}}
            """;
    /** The full comparison: a small net, where every curvature quantity takes a moment. */
    private static final String SPIRALS = "{\"kind\": \"spirals\", \"size\": 1000, \"noise\": 0.05, "
            + "\"testFraction\": 0.2, \"seed\": 1}";
    /** The training step alone at the classroom's MNIST size (784-256-256-10), where BLAS does most of the work. */
    private static final String MNIST = "{\"kind\": \"mnist\", \"size\": 2500, \"seed\": 1}";
    private static final int MNIST_TRAIN_STEPS = 10;

    /** Batch, learning rate and counts, the same for both sides. */
    public record Settings(int trainSteps, int batch, double learningRate, int timedSteps, int products,
                           int traceProbes, int slqProbes, int slqSteps, long seed, int rounds,
                           int lambdaRepeats) {
        public static Settings of(boolean quick) {
            return quick ? new Settings(100, 128, 0.1, 50, 10, 20, 3, 30, 1, 2, 3)
                    : new Settings(300, 128, 0.1, 200, 20, 50, 5, 40, 1, 5, 10);
        }

        List<String> peerArguments() {
            return List.of("--batch-size", Integer.toString(batch), "--steps", Integer.toString(timedSteps),
                    "--learning-rate", Double.toString(learningRate), "--products", Integer.toString(products),
                    "--trace-probes", Integer.toString(traceProbes), "--slq-probes", Integer.toString(slqProbes),
                    "--slq-steps", Integer.toString(slqSteps), "--seed", Long.toString(seed),
                    "--power-repeats", Integer.toString(lambdaRepeats));
        }
    }

    /** NormLab's figures on the checkpoint; seconds per step and per product, else per estimate (λ_max: the median of
     *  {@link Settings#lambdaRepeats} estimates). */
    public record Figures(double loss, double stepSeconds, double hvpSeconds, EigenEstimate lambda,
                          double lambdaSeconds, SampleMean trace, double traceSeconds, double slqSeconds) {

        /** The rounds' median times; the values (the same in every round: same checkpoint, same seeds) of the first. */
        static Figures median(List<Figures> rounds) {
            Figures first = rounds.get(0);
            return new Figures(first.loss(), PeerBench.median(rounds, Figures::stepSeconds),
                    PeerBench.median(rounds, Figures::hvpSeconds), first.lambda(),
                    PeerBench.median(rounds, Figures::lambdaSeconds), first.trace(),
                    PeerBench.median(rounds, Figures::traceSeconds), PeerBench.median(rounds, Figures::slqSeconds));
        }
    }

    /** The peer's figures, as its JSON reports them. */
    public record Peer(String torch, int cores, double loss, double stepSeconds, double stepAllCoresSeconds,
                       double hvpSeconds, double powerValue, int powerIterations, double powerSeconds,
                       double trace, double traceStandardError, int traceProbes, double traceSeconds, int slqProbes,
                       int slqSteps, double slqSeconds) {

        /** The rounds' median times; the values (the same in every round: same checkpoint, same seeds) of the first. */
        static Peer median(List<Peer> rounds) {
            Peer first = rounds.get(0);
            return new Peer(first.torch(), first.cores(), first.loss(), PeerBench.median(rounds, Peer::stepSeconds),
                    PeerBench.median(rounds, Peer::stepAllCoresSeconds), PeerBench.median(rounds, Peer::hvpSeconds),
                    first.powerValue(), first.powerIterations(), PeerBench.median(rounds, Peer::powerSeconds),
                    first.trace(), first.traceStandardError(), first.traceProbes(),
                    PeerBench.median(rounds, Peer::traceSeconds), first.slqProbes(), first.slqSteps(),
                    PeerBench.median(rounds, Peer::slqSeconds));
        }

        /** Parses the script's JSON; a missing or non-numeric field is named in the exception. */
        public static Peer parse(String json) {
            JsonNode root = tree(json);
            int cores = (int) number(root, "cores");
            return new Peer(text(root, "torch"), cores, number(root, "check/trainModeLoss"), number(root, "step/1"),
                    number(root, "step/" + cores), number(root, "hvpSeconds"), number(root, "power/value"),
                    (int) number(root, "power/iterations"), number(root, "power/seconds"),
                    number(root, "trace/value"), number(root, "trace/standardError"),
                    (int) number(root, "trace/probes"), number(root, "trace/seconds"),
                    (int) number(root, "slq/probes"), (int) number(root, "slq/steps"), number(root, "slq/seconds"));
        }

        /** The peer's output as a JSON object; anything else is named in the exception. */
        static JsonNode tree(String json) {
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the peer's output is not JSON: " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the peer's output is not a JSON object");
            }
            return root;
        }

        private static JsonNode at(JsonNode root, String path) {
            JsonNode node = root.at("/" + path);
            if (node.isMissingNode() || node.isNull()) {
                throw new IllegalArgumentException("the peer's output has no field " + path.replace('/', '.'));
            }
            return node;
        }

        static double number(JsonNode root, String path) {
            JsonNode node = at(root, path);
            if (!node.isNumber()) {
                throw new IllegalArgumentException("the peer's field " + path.replace('/', '.')
                        + " must be a number, was " + node);
            }
            return node.doubleValue();
        }

        private static String text(JsonNode root, String path) {
            return at(root, path).asText();
        }
    }

    /** What running the peer gave: its output, or why it was skipped (exit 0) or failed (exit 1). */
    public record Outcome(String json, String skipped, String failed) {
    }

    private PeerBench() {
    }

    /** Trains, measures both sides and prints; returns the exit code (0 also when the peer is skipped). */
    public static int run(PrintStream out, Path assets, boolean quick) throws IOException, InterruptedException {
        Settings settings = Settings.of(quick);
        Path script = assets.toAbsolutePath().getParent().resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            out.println("peer skipped: " + script + " not found (the launcher sets normlab.assets to the "
                    + "repository's assets folder)");
            return 0;
        }
        Path folder = Files.createTempDirectory("normlab-peer");
        try {
            Path checkpoint = train(folder.resolve("race"), SPIRALS, "[32, 32]", settings.trainSteps(), settings,
                    assets);
            RestoredRun restored = RestoredRun.restore(checkpoint, e -> e.data().load(assets));
            out.println(String.format(Locale.ROOT, "normlab bench --peer%s: spirals 2→32→32→2 BN MLP after %d SGD "
                    + "steps (η = %s, batch %d), %d parameters, probe set %d, train-mode BatchNorm, float64",
                    quick ? " --quick" : "", settings.trainSteps(), Bench.number(settings.learningRate()),
                    settings.batch(), restored.run().network().params().size(), restored.probeSet().batch().size()));
            List<String> command = new ArrayList<>(List.of("python3", script.toString(), checkpoint.toString()));
            command.addAll(settings.peerArguments());
            List<Figures> ours = new ArrayList<>();
            List<String> theirs = new ArrayList<>();
            Outcome stopped = alternate(settings.rounds(),
                    () -> ours.add(measure(RestoredRun.restore(checkpoint, e -> e.data().load(assets)), settings)),
                    command, theirs);
            if (stopped != null && stopped.skipped() != null) {
                out.println("peer skipped: " + stopped.skipped());
                return 0;
            }
            if (stopped != null) {
                out.println("peer failed: " + stopped.failed());
                return 1;
            }
            List<Peer> peers = theirs.stream().map(Peer::parse).toList();
            out.print(report(Figures.median(ours), Peer.median(peers), settings));
            out.print(spread(ours, peers));
            out.println();
            return mnistStep(out, folder.resolve("mnist"), script, settings, assets);
        } finally {
            delete(folder);
        }
    }

    /**
     * The training step alone on BN ReLU 784-256-256-10 (MNIST, batch as above), NormLab against the peer on the same
     * checkpoint: at this size BLAS does most of the work, so this row compares the two BLAS libraries more than the
     * two engines.
     */
    private static int mnistStep(PrintStream out, Path folder, Path script, Settings settings, Path assets)
            throws IOException, InterruptedException {
        Path checkpoint = train(folder, MNIST, "[256, 256]", MNIST_TRAIN_STEPS, settings, assets);
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), checkpoint.toString(),
                "--step-only"));
        command.addAll(settings.peerArguments());
        List<Double> ours = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Outcome stopped = alternate(settings.rounds(), () -> ours.add(stepSeconds(
                RestoredRun.restore(checkpoint, e -> e.data().load(assets)), settings)), command, outputs);
        if (stopped != null) {
            out.println("peer at MNIST size failed: " + (stopped.failed() != null ? stopped.failed()
                    : stopped.skipped()));
            return 1;
        }
        List<StepPeer> theirs = outputs.stream().map(StepPeer::parse).toList();
        double normlab = median(ours, Double::doubleValue);
        StepPeer peer = new StepPeer(theirs.get(0).cores(), median(theirs, StepPeer::step),
                median(theirs, StepPeer::stepAllCores));
        out.println(String.format(Locale.ROOT, "training step at MNIST size: BN ReLU 784-256-256-10, %d parameters, "
                + "batch %d, float64", RestoredRun.restore(checkpoint, e -> e.data().load(assets)).run().network()
                .params().size(), settings.batch()));
        TextTable table = new TextTable("quantity", "NormLab", "peer", "NormLab / peer");
        table.add("training step, 1 thread [ms]", ms(normlab), ms(peer.step()), ratio(normlab, peer.step()));
        table.add("training step, " + peer.cores() + " threads [ms]", "-", ms(peer.stepAllCores()), "-");
        out.print(table);
        out.print(aim("step no slower than the peer's on one thread at MNIST size", normlab <= peer.step()));
        out.print(String.format(Locale.ROOT, "medians of %d rounds; NormLab / peer per round: %s%n", settings.rounds(),
                ratios(ours, theirs.stream().map(StepPeer::step).toList())));
        return 0;
    }

    /** One side's measurement of a round. */
    @FunctionalInterface
    interface Measurement {
        void run() throws IOException, InterruptedException;
    }

    /**
     * {@code rounds} rounds of NormLab's {@code measurement} and the peer's {@code command} (its outputs added to
     * {@code outputs}), the two alternating which goes first (NormLab in even rounds): a machine whose speed drifts
     * between minutes then slows both alike, and the medians leave a disturbed round out. Returns the peer's outcome
     * that stopped the rounds (skipped or failed), or null when all ran.
     */
    static Outcome alternate(int rounds, Measurement measurement, List<String> command, List<String> outputs)
            throws IOException, InterruptedException {
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                measurement.run();
            }
            Outcome outcome = runPeer(command);
            if (outcome.json() == null) {
                return outcome;
            }
            outputs.add(outcome.json());
            if (round % 2 == 1) {
                measurement.run();
            }
        }
        return null;
    }

    /** The peer's {@code --step-only} figures. */
    record StepPeer(int cores, double step, double stepAllCores) {
        static StepPeer parse(String json) {
            JsonNode root = Peer.tree(json);
            int cores = (int) Peer.number(root, "cores");
            return new StepPeer(cores, Peer.number(root, "step/1"), Peer.number(root, "step/" + cores));
        }
    }

    /** Runs the peer's command; exit {@value #PEER_WITHOUT_TORCH} or a missing program is a skip, not a failure. */
    public static Outcome runPeer(List<String> command) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return new Outcome(null, command.get(0) + " could not be started (" + e.getMessage() + ")", null);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the peer reads no input; nothing to do
        }
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        int exit = process.waitFor();
        String error = errors.join().strip();
        String firstLine = error.isEmpty() ? "(no message)" : error.lines().reduce((a, b) -> b).orElse("");
        if (exit == PEER_WITHOUT_TORCH) {
            return new Outcome(null, firstLine, null);
        }
        if (exit != 0) {
            return new Outcome(null, null, "exit " + exit + ": " + firstLine);
        }
        return new Outcome(output, null, null);
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The short race; returns its run's checkpoint. */
    private static Path train(Path folder, String data, String widths, int steps, Settings settings, Path assets)
            throws IOException, InterruptedException {
        var experiment = ExperimentFile.parse(String.format(Locale.ROOT, EXPERIMENT, data, widths, steps,
                settings.batch(), Double.toString(settings.learningRate())), "the peer bench's experiment");
        OutputDirectory output = OutputDirectory.create(folder, false);
        new HeadlessRace(experiment, experiment.data().load(assets)).execute(output, Progress.NONE);
        return output.commit(true).resolve("sgd").resolve("checkpoint.json");
    }

    /** NormLab's figures on the restored checkpoint, one thread; the training steps come last (they move θ). */
    static Figures measure(RestoredRun restored, Settings settings) {
        Network network = restored.run().network();
        Batch probe = restored.probeSet().batch();
        double loss = network.loss(probe, BatchNormMode.TRAIN);
        LinearOperator hessian = Curvature.HESSIAN.of(network, probe, BatchNormMode.TRAIN);
        // One solver for all estimates, as a run's probes keep one. A solver made per estimate, as this bench did,
        // allocated its basis and kept products afresh (2 × 330 KB off the heap, ~1 ms each here; such memory is
        // freed only when the heap is collected) and the network made views of its new vectors: in this order of
        // work an estimate then cost ~13 products' time for its 8 products, against ~10 with one solver (thread CPU).
        Lanczos lanczos = new Lanczos();
        for (int i = 0; i < WARM_UP_ESTIMATES; i++) {
            lanczos.largest(hessian, -1 - i);
        }
        INDArray v = network.params().zeros();
        v.assign(Nd4j.rand(v.dataType(), v.shape()));
        INDArray hv = network.params().zeros();
        hessian.apply(v, hv); // warm-up
        long start = System.nanoTime();
        for (int i = 0; i < settings.products(); i++) {
            hessian.apply(v, hv);
        }
        double hvpSeconds = (System.nanoTime() - start) * 1e-9 / settings.products();
        // One estimate takes milliseconds: time several, as the peer does, each cold from its own random start at
        // the default tolerance and certified, and keep the median; the first is the one reported.
        EigenEstimate lambda = null;
        double[] lambdaTimes = new double[settings.lambdaRepeats()];
        for (int i = 0; i < lambdaTimes.length; i++) {
            start = System.nanoTime();
            EigenEstimate estimate = lanczos.largest(hessian, settings.seed() + 1000L * i);
            lambdaTimes[i] = (System.nanoTime() - start) * 1e-9;
            lambda = i == 0 ? estimate : lambda;
        }
        java.util.Arrays.sort(lambdaTimes);
        double lambdaSeconds = Timing.quantile(lambdaTimes, 0.5);
        start = System.nanoTime();
        SampleMean trace = HutchinsonTrace.of(hessian, settings.traceProbes(), settings.seed());
        double traceSeconds = (System.nanoTime() - start) * 1e-9;
        start = System.nanoTime();
        SpectralDensity.estimate(hessian, settings.slqProbes(), settings.slqSteps(), settings.seed());
        double slqSeconds = (System.nanoTime() - start) * 1e-9;
        return new Figures(loss, stepSeconds(restored, settings), hvpSeconds, lambda, lambdaSeconds, trace,
                traceSeconds, slqSeconds);
    }

    /** SGD steps on batches taken in turn from the probe set, as the peer takes them; seconds per step. */
    private static double stepSeconds(RestoredRun restored, Settings settings) {
        Network network = restored.run().network();
        int[] indices = restored.probeSet().indices();
        INDArray gradient = network.params().zeros();
        int at = 0;
        long start = 0;
        for (int s = -1; s < settings.timedSteps(); s++) { // step −1: warm-up
            if (s == 0) {
                start = System.nanoTime();
            }
            int[] rows = new int[settings.batch()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = indices[(at + i) % indices.length];
            }
            at = (at + settings.batch()) % indices.length;
            network.lossAndGradient(Batch.of(restored.train(), rows), gradient);
            Nd4j.getBlasWrapper().level1().axpy(gradient.length(), -settings.learningRate(), gradient,
                    network.theta());
        }
        return (System.nanoTime() - start) * 1e-9 / settings.timedSteps();
    }

    /** The side-by-side table, the λ_max and loss checks, and the aims. */
    public static String report(Figures n, Peer p, Settings settings) {
        TextTable table = new TextTable("quantity", "NormLab", "peer", "NormLab / peer");
        table.add("train-mode loss on the probe set", g(n.loss()), g(p.loss()),
                ratio(n.loss(), p.loss()));
        table.add("training step, 1 thread [ms]", ms(n.stepSeconds()), ms(p.stepSeconds()),
                ratio(n.stepSeconds(), p.stepSeconds()));
        table.add("training step, " + p.cores() + " threads [ms]", "-", ms(p.stepAllCoresSeconds()), "-");
        table.add("Hessian-vector product [ms]", ms(n.hvpSeconds()), ms(p.hvpSeconds()),
                ratio(n.hvpSeconds(), p.hvpSeconds()));
        table.add("λ_max", g(n.lambda().value()) + " + " + g(n.lambda().errorBound()),
                g(p.powerValue()), ratio(n.lambda().value(), p.powerValue()));
        table.add("λ_max products", Integer.toString(n.lambda().products()), Integer.toString(p.powerIterations()),
                ratio(n.lambda().products(), p.powerIterations()));
        table.add("λ_max [ms]", ms(n.lambdaSeconds()), ms(p.powerSeconds()),
                ratio(n.lambdaSeconds(), p.powerSeconds()));
        table.add("trace ± SE (" + settings.traceProbes() + " probes)", g(n.trace().mean()) + " ± "
                + g(n.trace().standardError()), g(p.trace()) + " ± "
                + g(p.traceStandardError()), ratio(n.trace().mean(), p.trace()));
        table.add("trace [ms]", ms(n.traceSeconds()), ms(p.traceSeconds()), ratio(n.traceSeconds(), p.traceSeconds()));
        table.add("SLQ density [ms] (" + settings.slqProbes() + " × " + settings.slqSteps() + ")",
                ms(n.slqSeconds()), ms(p.slqSeconds()), ratio(n.slqSeconds(), p.slqSeconds()));
        StringBuilder text = new StringBuilder(table.toString());
        double theta = n.lambda().value();
        double bound = n.lambda().errorBound();
        boolean inside = p.powerValue() >= theta && p.powerValue() <= theta + bound;
        text.append(String.format(Locale.ROOT, "peer's λ_max (power iteration, %d iterations, uncertified) against "
                + "NormLab's certified [%s, %s]: relative difference %.1e, %s%n", p.powerIterations(),
                g(theta), g(theta + bound), relative(p.powerValue(), theta),
                inside ? "inside" : "outside"));
        text.append(String.format(Locale.ROOT, "same network: train-mode losses differ by %.1e (relative)%n",
                relative(p.loss(), n.loss())));
        text.append(aim("step no slower than the peer's on one thread", n.stepSeconds() <= p.stepSeconds()));
        double speedup = p.powerSeconds() / n.lambdaSeconds();
        text.append(aim(String.format(Locale.ROOT, "certified λ_max ≥ %.0f× cheaper than the peer's power iteration "
                + "(is %.3g×)", CERTIFIED_SPEEDUP_AIM, speedup),
                speedup >= CERTIFIED_SPEEDUP_AIM));
        text.append(aim("trace no dearer at equal probe counts", n.traceSeconds() <= p.traceSeconds()));
        text.append(aim("density no dearer at equal probe counts", n.slqSeconds() <= p.slqSeconds()));
        text.append("peer: torch ").append(p.torch()).append(", ").append(p.cores()).append(" cores; NormLab: ND4J, "
                + "one thread; times are medians of ").append(settings.rounds()).append(" rounds, the two sides "
                + "alternating\n");
        return text.toString();
    }

    /** How far the rounds scatter: each round's ratio of the times that carry an aim. */
    static String spread(List<Figures> ours, List<Peer> theirs) {
        return "per round, NormLab / peer: step " + ratios(ours.stream().map(Figures::stepSeconds).toList(),
                theirs.stream().map(Peer::stepSeconds).toList())
                + "; λ_max " + ratios(ours.stream().map(Figures::lambdaSeconds).toList(),
                theirs.stream().map(Peer::powerSeconds).toList())
                + "; trace " + ratios(ours.stream().map(Figures::traceSeconds).toList(),
                theirs.stream().map(Peer::traceSeconds).toList())
                + "; density " + ratios(ours.stream().map(Figures::slqSeconds).toList(),
                theirs.stream().map(Peer::slqSeconds).toList()) + "\n";
    }

    private static String ratios(List<Double> ours, List<Double> theirs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ours.size(); i++) {
            text.append(i == 0 ? "" : " ").append(ratio(ours.get(i), theirs.get(i)));
        }
        return text.toString();
    }

    /** The median of one figure over the rounds. */
    static <T> double median(List<T> rounds, java.util.function.ToDoubleFunction<T> figure) {
        double[] sorted = rounds.stream().mapToDouble(figure).sorted().toArray();
        return Timing.quantile(sorted, 0.5);
    }

    private static String aim(String what, boolean met) {
        return "aim: " + what + ": " + (met ? "met" : "NOT met") + "\n";
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.3g", seconds * 1e3);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.3g", a / b);
    }

    private static String g(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }

    static double relative(double a, double reference) {
        return Math.abs(a - reference) / Math.abs(reference);
    }

    private static void delete(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
