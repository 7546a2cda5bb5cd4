package org.normlab.sim.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.normlab.sim.run.InvalidInputException;

/**
 * A sweep's output folder:
 * <pre>
 * sweep.json           the sweep, its base experiment inline: a rerun into the folder must be the same sweep
 * trials/trial-NNNNN/  one finished trial each, as {@link TrialRunner} writes it
 * sweep.csv            one row per finished trial: its coordinates, its {@link TrialResult}, its folder
 * timings.csv          trial,seconds: how long each finished trial took (apart, as it is not reproducible)
 * </pre>
 * A rerun resumes: finished trials are kept and skipped, the others run. The tables are rewritten whole (into a
 * temporary file renamed into place) whenever a command ends, from the trials' folders, in trial order; so they
 * are the same whatever ran the trials, in whatever order.
 */
public final class SweepFolder {
    public static final String SWEEP = "sweep.json";
    public static final String TRIALS = "trials";
    public static final String TABLE = "sweep.csv";
    public static final String TIMINGS = "timings.csv";

    private final Path folder;
    private final Sweep sweep;

    private SweepFolder(Path folder, Sweep sweep) {
        this.folder = folder;
        this.sweep = sweep;
    }

    /**
     * Opens {@code folder} for {@code sweep}: creates it, or resumes it if it holds the same sweep; refuses a folder
     * that holds anything else, or another sweep, naming it.
     */
    public static SweepFolder open(Path folder, Sweep sweep) {
        Path file = folder.resolve(SWEEP);
        String json = sweep.toJson();
        try {
            if (Files.isRegularFile(file)) {
                if (!Files.readString(file, StandardCharsets.UTF_8).equals(json)) {
                    throw new InvalidInputException("output " + folder + " holds another sweep (its " + SWEEP
                            + " differs from this one); give another folder, or the same sweep file to resume it");
                }
            } else if (Files.exists(folder) && !(Files.isDirectory(folder) && isEmpty(folder))) {
                throw new InvalidInputException("output " + folder + (Files.isDirectory(folder)
                        ? " is not empty and holds no " + SWEEP + "; give an empty or new folder"
                        : " is a file, not a folder"));
            } else {
                Files.createDirectories(folder);
                writeWhole(file, json);
            }
            Files.createDirectories(folder.resolve(TRIALS));
        } catch (IOException e) {
            throw new InvalidInputException("cannot write output " + folder + ": " + e.getMessage());
        }
        return new SweepFolder(folder, sweep);
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    public Path path() {
        return folder;
    }

    public Path trials() {
        return folder.resolve(TRIALS);
    }

    /** The trials not finished yet, in order. */
    public List<Integer> pending() {
        return IntStream.range(0, sweep.size())
                .filter(i -> !TrialRunner.finished(trials().resolve(Trial.folder(i)))).boxed().toList();
    }

    /** The header of {@value #TABLE}. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("trial", "optimizer"));
        columns.addAll(sweep.hyperparameters());
        if (sweep.spec().grid().batchSize() != null) {
            columns.add("batchSize");
        }
        if (sweep.spec().grid().width() != null) {
            columns.add("width");
        }
        columns.addAll(List.of("replicate", "networkSeed", "orderSeed"));
        columns.addAll(TrialResult.COLUMNS);
        columns.add("folder");
        return columns;
    }

    /** Writes {@value #TABLE} and {@value #TIMINGS} from the finished trials; returns how many there are. */
    public int writeTables() {
        StringBuilder table = new StringBuilder(String.join(",", columns())).append('\n');
        StringBuilder timings = new StringBuilder("trial,seconds\n");
        int finished = 0;
        try {
            for (int i = 0; i < sweep.size(); i++) {
                Trial trial = sweep.trial(i);
                Path trialFolder = trials().resolve(trial.folder());
                if (!TrialRunner.finished(trialFolder)) {
                    continue;
                }
                finished++;
                List<String> cells = new ArrayList<>(trial.coordinates(sweep));
                cells.add(Files.readAllLines(trialFolder.resolve(TrialRunner.RESULT)).get(1));
                cells.add(TRIALS + "/" + trial.folder());
                table.append(String.join(",", cells)).append('\n');
                List<String> timing = Files.readAllLines(trialFolder.resolve(TrialRunner.TIMING));
                timings.append(i).append(',').append(timing.get(1)).append('\n');
            }
            writeWhole(folder.resolve(TABLE), table.toString());
            writeWhole(folder.resolve(TIMINGS), timings.toString());
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the tables of " + folder + ": " + e.getMessage());
        }
        return finished;
    }

    private static void writeWhole(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".partial");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
