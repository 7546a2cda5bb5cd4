package org.normlab.sim.cli;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.normlab.sim.figure.ExportException;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.FigureFiles;
import org.normlab.sim.figure.Format;
import org.normlab.sim.figure.Style;
import org.normlab.sim.report.CurvatureFigures;
import org.normlab.sim.report.FinalMetricsTable;
import org.normlab.sim.report.RunFigures;
import org.normlab.sim.report.SweepFigures;
import org.normlab.sim.run.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code normlab figures RUN_DIR --out DIR}: the figures of a finished run (or of a race's folder of runs) as files
 * for a paper. Every option is checked before anything is written; each file appears whole or not at all.
 */
@Command(name = "figures", mixinStandardHelpOptions = true,
        description = {"Renders the figures of a finished run: one per panel (loss, accuracy, gradient norm, each "
                + "other metric) and an overview of up to eight panels, at full resolution.",
            "",
            "RUN_DIR is a run's folder (holding metrics.csv) or a folder of run folders (one curve per run); the "
                + "curvature-STEP folders `normlab probe` wrote in them add a spectrum, a slice, a per-tensor and a "
                + "plane figure each. Each figure is written as <name>.<format>; the .tex is a pgfplots document "
                + "reading the .csv beside it. With tex, final-metrics.tex is a booktabs table of each run's final "
                + "and best probe and test loss and accuracy and its divergence step.",
            "",
            "A sweep's folder (holding sweep.csv, from `normlab sweep`) gives the fair comparison instead: "
                + "sweep-final-loss (final probe loss against learning rate per optimizer: median over seeds, "
                + "min and max dotted), sweep-best-curves (probe loss during training at each optimizer's best "
                + "rate, with the seeds' spread) and best-rates.csv (with tex also best-rates.tex, booktabs).",
            "",
            "Exit codes: 0 done, 1 internal error, 2 invalid input or an unwritable output."})
final class FiguresCommand implements Callable<Integer> {
    private static final Set<String> LOGICAL_FONTS = Set.of("serif", "sansserif", "monospaced", "dialog",
            "dialoginput");

    @Parameters(paramLabel = "RUN_DIR", description = "a run's folder, a folder of run folders, or a sweep's folder")
    private Path runs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the figures (created "
            + "if missing; files of the same names are replaced)")
    private Path out;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",", defaultValue = "svg,pdf,png,tex,csv",
            description = "comma-separated, any of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); tex needs "
                    + "csv")
    private List<Format> formats;

    @Option(names = "--size", paramLabel = "single|double", defaultValue = "single",
            description = "page width: single column (3.25 in) or double column (6.75 in); default ${DEFAULT-VALUE}")
    private Size size;

    /** The page widths by the names the option takes. */
    enum Size {
        SINGLE(Style.Width.SINGLE_COLUMN), DOUBLE(Style.Width.DOUBLE_COLUMN);

        private final Style.Width width;

        Size(Style.Width width) {
            this.width = width;
        }
    }

    @Option(names = "--dpi", defaultValue = "" + FigureFiles.DEFAULT_DPI,
            description = "PNG resolution in dots per inch, " + FigureFiles.MIN_DPI + " to " + FigureFiles.MAX_DPI
                    + " (default ${DEFAULT-VALUE})")
    private int dpi;

    @Option(names = "--font", paramLabel = "FAMILY", defaultValue = "SansSerif",
            description = "font family installed on this machine, or Serif, SansSerif (default ${DEFAULT-VALUE})")
    private String font;

    @Option(names = "--font-size", paramLabel = "PT", defaultValue = "8",
            description = "font size in points (default ${DEFAULT-VALUE})")
    private double fontSize;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<Format> chosen = formats();
        Style.Width width = size.width;
        OptionRange.check("--dpi", dpi, FigureFiles.MIN_DPI, FigureFiles.MAX_DPI);
        OptionRange.check("--font-size", fontSize, Style.MIN_FONT_SIZE, Style.MAX_FONT_SIZE);
        checkFont();
        render(runs, out, chosen, width, dpi, font, fontSize).forEach(spec.commandLine().getOut()::println);
        return 0;
    }

    /** The figures of the run(s) in {@code runs}, written into {@code out}; returns the files written. */
    static List<Path> render(Path runs, Path out, List<Format> formats, Style.Width width, int dpi, String font,
                             double fontSize) {
        List<Path> written = new ArrayList<>();
        try {
            if (SweepFigures.isSweep(runs)) {
                SweepFigures sweep = SweepFigures.read(runs);
                for (Figure figure : sweep.figures(width, font, fontSize)) {
                    written.addAll(FigureFiles.write(figure, out, formats, dpi));
                }
                Path csv = out.resolve(SweepFigures.BEST_RATES + ".csv");
                FigureFiles.writeText(csv, sweep.bestRatesCsv());
                written.add(csv);
                if (formats.contains(Format.TEX)) {
                    Path tex = out.resolve(SweepFigures.BEST_RATES + ".tex");
                    FigureFiles.writeText(tex, sweep.bestRatesTex());
                    written.add(tex);
                }
                return written;
            }
            RunFigures figures = RunFigures.read(runs);
            List<Figure> all = new ArrayList<>(figures.figures(width, font, fontSize));
            boolean race = !Files.isRegularFile(runs.resolve(RunFigures.METRICS_FILE));
            for (Path survey : CurvatureFigures.folders(runs)) {
                String prefix = (race ? survey.getParent().getFileName() + "-" : "") + survey.getFileName() + "-";
                all.addAll(CurvatureFigures.of(survey, prefix, width, font, fontSize));
            }
            for (Figure figure : all) {
                written.addAll(FigureFiles.write(figure, out, formats, dpi));
            }
            if (formats.contains(Format.TEX)) {
                Path table = out.resolve(FinalMetricsTable.FILE);
                FigureFiles.writeText(table, figures.finalMetricsTable());
                written.add(table);
            }
        } catch (ExportException e) {
            throw new InvalidInputException(e.getMessage());
        }
        return written;
    }

    private List<Format> formats() {
        Set<Format> chosen = new LinkedHashSet<>(formats);
        if (chosen.contains(Format.TEX) && !chosen.contains(Format.CSV)) {
            throw new InvalidInputException("--format tex needs csv too: the .tex reads its data from the .csv");
        }
        return List.copyOf(chosen);
    }

    private void checkFont() {
        boolean installed = LOGICAL_FONTS.contains(font.toLowerCase(Locale.ROOT))
                || Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                        .anyMatch(font::equalsIgnoreCase);
        if (!installed) {
            throw new InvalidInputException("--font '" + font + "' is not installed here; use Serif, SansSerif "
                    + "or a family listed by fc-list");
        }
    }
}
