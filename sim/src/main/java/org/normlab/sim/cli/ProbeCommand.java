package org.normlab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import org.normlab.sim.curvature.CurvatureSurvey;
import org.normlab.sim.curvature.SurveyFiles;
import org.normlab.sim.linalg.DenseSymmetric;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.probe.Cadence;
import org.normlab.sim.probe.ProbeContext;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.probe.StepRule;
import org.normlab.sim.probe.ThresholdSide;
import org.normlab.sim.run.Checkpoint;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.InvalidInputException;
import org.normlab.sim.run.OutputDirectory;
import org.normlab.sim.run.ProbeSet;
import org.normlab.sim.run.RestoredRun;
import org.normlab.sim.run.Run;
import org.normlab.sim.run.TextTable;
import org.normlab.sim.series.Estimate;
import org.normlab.sim.series.Estimate.Leaf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code normlab probe RUN/checkpoint.json [--tolerance T]}: recomputes the curvature numbers of a saved network —
 * sharpness (Adam: preconditioned sharpness) and the Fisher's top eigenvalue, each with its error bound and
 * threshold — on the experiment's probe set, cold-started, to any tolerance. The run is rebuilt from the
 * {@code experiment.json} beside the run's folder (its scheduled changes up to the checkpoint's step), so the
 * thresholds are those the run's own probes drew. Then the survey of sim/docs/math.md §9 ({@link CurvatureSurvey}),
 * printed by {@link SurveyReport} and written as CSV files ({@link SurveyFiles}) that {@code normlab figures} draws.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Recomputes the sharpness and the Fisher's top eigenvalue of a saved checkpoint, each with "
                + "its error bound (the value lies in [value, value + bound]) and threshold; then the curvature "
                + "beyond the top eigenvalue: the top-k eigenvalues of the Hessian and the Fisher with their bounds, "
                + "their traces (Hutchinson, ± standard error) and spectral densities (stochastic Lanczos "
                + "quadrature), per-tensor λ_max and trace, batch sharpness at the run's batch size, and the loss "
                + "along the top eigenvector and on a plane (CSV files for `normlab figures`).",
            "",
            "CHECKPOINT is a RUN/checkpoint*.json written by `normlab run` (`--checkpoint-at 0` also keeps the "
                + "initial state); the experiment.json and the data it names are read as the run read them.",
            "",
            "Exit codes: 0 done, 1 internal error, 2 invalid input."})
final class ProbeCommand implements Callable<Integer> {
    /** A tight tolerance by default: a checkpoint is probed once, for a paper. */
    private static final double DEFAULT_TOLERANCE = 1e-10;
    /** Steps allowed: far more than any estimate on the lab's networks needs at a tight tolerance. */
    private static final int MAX_STEPS = 500;
    /** A plane slice costs N² loss evaluations. */
    private static final int MAX_SLICE_POINTS = 201;

    @Parameters(paramLabel = "CHECKPOINT", description = "a run's checkpoint.json")
    private Path checkpointFile;

    @Option(names = "--tolerance", paramLabel = "T", description = "relative error bound at which an estimate "
            + "counts as converged, in (0, 1) (default: ${DEFAULT-VALUE})")
    private double tolerance = DEFAULT_TOLERANCE;

    @Option(names = "--top-k", paramLabel = "K", description = "eigenvalues of the Hessian and of the Fisher, 1 to "
            + CurvatureSurvey.MAX_TOP_K + " (default: ${DEFAULT-VALUE})")
    private int topK = 5;

    @Option(names = "--probes", paramLabel = "M", description = "Rademacher probes of the spectral densities and "
            + "traces (whole network and per tensor), ≥ 2 (default: ${DEFAULT-VALUE})")
    private int probes = 20;

    @Option(names = "--quadrature-steps", paramLabel = "S", description = "Lanczos steps per density probe, ≥ 1 "
            + "(default: ${DEFAULT-VALUE})")
    private int quadratureSteps = 30;

    @Option(names = "--sigma", paramLabel = "F", description = "the densities' Gaussian width as a fraction of "
            + "their spectral range, in (0, 1) (default: ${DEFAULT-VALUE})")
    private double sigma = SurveyFiles.DEFAULT_SIGMA;

    @Option(names = "--slice-points", paramLabel = "N", description = "points per slice axis, 3 to "
            + MAX_SLICE_POINTS + " (default: ${DEFAULT-VALUE})")
    private int slicePoints = 21;

    @Option(names = "--plane-radius", paramLabel = "R", description = "extent of the plane slice along each "
            + "filter-normalized direction, > 0 (default: ${DEFAULT-VALUE})")
    private double planeRadius = 1;

    @Option(names = "--plane", paramLabel = "random|eigenvector", description = "the plane slice's second direction "
            + "besides the top eigenvector: a random one or the second eigenvector (default: ${DEFAULT-VALUE})")
    private String plane = "random";

    @Option(names = "--exact", description = "also form the dense Hessian and Fisher and print their exact "
            + "eigenvalues and traces beside the estimates (at most " + DenseSymmetric.MAX_DIMENSION
            + " parameters)")
    private boolean exact;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the CSV files (densities, per-tensor "
            + "table, top eigenvalues, slices; default: curvature-STEP in the checkpoint's run folder; replaced "
            + "whole)")
    private Path out;

    @Mixin
    private AssetsFolder assets;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidInputException("--tolerance must be in (0, 1), was " + tolerance);
        }
        CurvatureSurvey.Plane second = checkSurveyOptions();
        RestoredRun restored = RestoredRun.restore(checkpointFile,
                e -> RunCommand.data(() -> e.data().load(assets.folder())));
        Checkpoint checkpoint = restored.checkpoint();
        Experiment experiment = restored.experiment();
        String runName = restored.runName();
        Run run = restored.run();
        ProbeSet probeSet = restored.probeSet();
        Path runFolder = checkpointFile.toAbsolutePath().getParent();
        if (exact && run.network().params().size() > DenseSymmetric.MAX_DIMENSION) {
            throw new InvalidInputException("--exact forms the dense n×n matrices for at most "
                    + DenseSymmetric.MAX_DIMENSION + " parameters; run " + runName + "'s network has "
                    + run.network().params().size());
        }
        PrintWriter console = spec.commandLine().getOut();
        Map<String, Double> values = measure(experiment, run, probeSet, checkpoint.step());
        console.print(table(values));
        String preconditioned = Leaf.TOP.of(Estimate.PRECONDITIONED_SHARPNESS.prefix());
        if (run.stepRule().kind().preconditioned() && !values.containsKey(preconditioned)) {
            // Adam's moments and INSGD's input power are optimizer state a checkpoint does not hold.
            console.println("preconditioned sharpness: not available (its preconditioner is optimizer state that a "
                    + "checkpoint does not hold)");
        }
        console.println(String.format(Locale.ROOT, "%s, run %s at step %d: tolerance %.1e, cold starts; the value lies "
                + "in [value, value + bound]", experiment.name(), runName, checkpoint.step(), tolerance));
        Set<CurvatureSurvey.Part> parts = EnumSet.copyOf(CurvatureSurvey.Part.estimates());
        if (exact) {
            parts.add(CurvatureSurvey.Part.EXACT);
        }
        CurvatureSurvey.Settings settings = new CurvatureSurvey.Settings(topK, probes, quadratureSteps, MAX_STEPS,
                tolerance, run.batchSize(), slicePoints, planeRadius, second, parts, experiment.probe().seed());
        CurvatureSurvey.Result survey = CurvatureSurvey.measure(run.network(), probeSet.batch(),
                experiment.probes().batchNormMode(), settings);
        Path folder = out != null ? out : runFolder.resolve("curvature-" + checkpoint.step());
        StepRule rule = run.stepRule();
        OptionalDouble threshold = rule.hasThreshold() && !rule.preconditioned() ? OptionalDouble.of(rule.threshold())
                : OptionalDouble.empty();
        console.print(SurveyReport.of(survey, settings, sigma));
        write(folder, SurveyFiles.of(survey, sigma, threshold));
        return 0;
    }

    /** The survey's options checked, naming the flag; returns the plane's second direction. */
    private CurvatureSurvey.Plane checkSurveyOptions() {
        OptionRange.check("--top-k", topK, 1, CurvatureSurvey.MAX_TOP_K);
        if (probes < 2) {
            throw new InvalidInputException("--probes must be ≥ 2 (a standard error needs two), was " + probes);
        }
        OptionRange.check("--quadrature-steps", quadratureSteps, 1, MAX_STEPS);
        if (!(sigma > 0 && sigma < 1)) {
            throw new InvalidInputException("--sigma must be in (0, 1), was " + sigma);
        }
        OptionRange.check("--slice-points", slicePoints, 3, MAX_SLICE_POINTS);
        if (!(planeRadius > 0 && Double.isFinite(planeRadius))) {
            throw new InvalidInputException("--plane-radius must be a number > 0, was " + planeRadius);
        }
        CurvatureSurvey.Plane second = switch (plane) {
            case "random" -> CurvatureSurvey.Plane.RANDOM;
            case "eigenvector" -> CurvatureSurvey.Plane.EIGENVECTOR;
            default -> throw new InvalidInputException("--plane must be random or eigenvector, was '" + plane + "'");
        };
        if (second == CurvatureSurvey.Plane.EIGENVECTOR && topK < 2) {
            throw new InvalidInputException("--plane eigenvector needs the second eigenvector: --top-k ≥ 2, was "
                    + topK);
        }
        return second;
    }

    /** The survey's files, replacing {@code folder} whole. */
    private void write(Path folder, Map<String, String> files) {
        OutputDirectory output = OutputDirectory.create(folder, true);
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(output.file(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw output.failed(e);
        }
        spec.commandLine().getOut().println("wrote " + files.size() + " CSV files to " + output.commit(true));
    }

    /** Every curvature series the run's probes would write at this step, at this command's tolerance. */
    private Map<String, Double> measure(Experiment experiment, Run run, ProbeSet probeSet, long step) {
        Probes probes = Probes.of(run.network(), run.stepRule().kind(), EnumSet.of(Probes.Family.SHARPNESS,
                Probes.Family.FISHER), experiment.probes().batchNormMode(), new Lanczos(MAX_STEPS, tolerance),
                new Cadence(1, 1, 1), step, experiment.probe().seed());
        Map<String, Double> values = new LinkedHashMap<>();
        probes.atStep(run.withOptimizerState(ProbeContext.of(step, run.network(), probeSet.batch(), run.stepRule())),
                (key, at, value) -> values.put(key, value));
        return values;
    }

    /** One row per estimate: value, bound, converged, iterations, products, threshold (or η* for the Fisher). */
    private static String table(Map<String, Double> values) {
        TextTable table = new TextTable("estimate", "value", "error bound", "converged", "iterations", "products",
                "threshold", "value vs threshold");
        for (String key : values.keySet()) {
            if (!Leaf.TOP.matches(key)) {
                continue;
            }
            String prefix = Leaf.TOP.prefixOf(key);
            double value = values.get(key);
            double bound = values.get(Leaf.ERROR_BOUND.of(prefix));
            Double threshold = values.get(Leaf.THRESHOLD.of(prefix));
            Double etaStar = values.get(Leaf.ETA_STAR.of(prefix));
            table.add(prefix, number(value), number(bound), values.get(Leaf.CONVERGED.of(prefix)) == 1 ? "yes" : "NO",
                    String.format(Locale.ROOT, "%.0f", values.get(Leaf.ITERATIONS.of(prefix))),
                    String.format(Locale.ROOT, "%.0f", values.get(Leaf.PRODUCTS.of(prefix))),
                    threshold != null ? number(threshold) : etaStar != null ? "η* = " + number(etaStar) : "-",
                    threshold == null ? "-"
                            : ThresholdSide.of(value, bound, threshold).name().toLowerCase(Locale.ROOT));
        }
        return table.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.10g", value);
    }
}
