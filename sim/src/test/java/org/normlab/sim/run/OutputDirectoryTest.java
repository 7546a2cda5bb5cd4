package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that cannot take the results: each is one message naming the path and the problem, found before training
 * where it can be, and nothing finished is ever deleted. Tests run as root, whom a read-only permission does not stop,
 * so the file system's refusals (read-only, mount point, full disk) are injected at the call that meets them.
 */
class OutputDirectoryTest {
    private static final String READ_ONLY = "Read-only file system";
    private static final String FULL = "No space left on device";
    private static final String BUSY = "Device or resource busy";

    @TempDir
    Path temp;

    private Set<String> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static String refusal(Path target, boolean force, Disk disk) {
        return assertThrows(InvalidInputException.class, () -> OutputDirectory.create(target, force, disk))
                .getMessage();
    }

    @Test
    void aPathUnderAFileIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(temp.resolve("notes"), "a file");

        assertEquals("cannot write output " + file.resolve("out") + ": " + file + " is a file, not a folder",
                refusal(file.resolve("out"), false, Disk.LOCAL));
        assertEquals("cannot write output " + file + ": " + file + " exists and is a file, not a folder",
                refusal(file, true, Disk.LOCAL));
        assertEquals(Set.of("notes"), entries(temp));
    }

    @Test
    void aReadOnlyFolderIsRefusedBeforeTraining() throws IOException {
        Disk readOnly = new Disk() {
            @Override
            Path createTempDirectory(Path parent, String prefix) throws IOException {
                throw new FileSystemException(parent.resolve(prefix).toString(), null, READ_ONLY);
            }
        };

        assertEquals("cannot write output " + temp.resolve("out") + ": cannot create a folder in " + temp + ": "
                + READ_ONLY, refusal(temp.resolve("out"), false, readOnly));
        assertEquals(Set.of(), entries(temp));
    }

    @Test
    void aMountPointIsRefusedBeforeTraining() throws IOException {
        Path mountPoint = Files.createDirectory(temp.resolve("disk"));
        Disk mounted = new Disk() {
            @Override
            Object fileSystem(Path path) throws IOException {
                return path.equals(mountPoint) ? "the mounted one" : super.fileSystem(path);
            }
        };

        String message = refusal(mountPoint, false, mounted);

        assertTrue(message.startsWith("cannot write output " + mountPoint + ": it is a mount point"), message);
        assertTrue(message.endsWith("give a folder inside it, e.g. " + mountPoint.resolve("results")), message);
        assertEquals(Set.of("disk"), entries(temp), "nothing created");
    }

    /** A file system whose renames fail as an empty mount point's do: the finished results stay and are named. */
    @Test
    void resultsThatCannotBeMovedIntoPlaceStayWhereTheyWereWritten() throws IOException {
        Path target = Files.createDirectory(temp.resolve("results"));
        Files.writeString(target.resolve("notes.txt"), "earlier results");
        Disk busy = new Disk() {
            @Override
            void move(Path from, Path to) throws IOException {
                if (to.equals(target) && !from.getFileName().toString().contains(".replaced-")) {
                    throw new FileSystemException(from.toString(), to.toString(), BUSY);
                }
                super.move(from, to);
            }
        };
        OutputDirectory out = OutputDirectory.create(target, true, busy);
        out.writeText("finished.csv", "run,step\n");
        Path partial = out.file("finished.csv").getParent();

        String message = assertThrows(InvalidInputException.class, () -> out.commit(true)).getMessage();

        assertEquals("cannot move the results to " + target + ": " + BUSY + "; they are in " + partial, message);
        assertEquals("run,step\n", Files.readString(partial.resolve("finished.csv")), "the results are kept");
        assertEquals(Set.of("notes.txt"), entries(target), "the target is as it was");
        assertEquals(Set.of("results", partial.getFileName().toString()), entries(temp));
    }

    @Test
    void anInterruptedRaceNeverReplacesEarlierResults() throws IOException {
        Path target = Files.createDirectory(temp.resolve("results"));
        Files.writeString(target.resolve("notes.txt"), "earlier results");
        OutputDirectory out = OutputDirectory.create(target, true);
        out.writeText(HeadlessRace.INTERRUPTED, HeadlessRace.INTERRUPTED_HEADER + "\n");

        Path results = out.commit(false);

        assertEquals(out.file(HeadlessRace.INTERRUPTED).getParent(), results);
        assertTrue(Files.exists(results.resolve(HeadlessRace.INTERRUPTED)));
        assertEquals(Set.of("notes.txt"), entries(target));
    }

    /** A disk that fills up once {@code room} bytes are written. */
    private static Disk fillingUpAfter(long room) {
        return new Disk() {
            private long written;

            @Override
            OutputStream newOutputStream(Path file) throws IOException {
                return new FilterOutputStream(super.newOutputStream(file)) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        if (written + length > room) {
                            throw new IOException(FULL);
                        }
                        written += length;
                        out.write(bytes, offset, length);
                    }
                };
            }
        };
    }

    /** How the tiny race into {@code out} fails. */
    private static FileSystemException failedRace(OutputDirectory out) {
        Experiment experiment = TinyExperiment.experiment();
        HeadlessRace race = new HeadlessRace(experiment, experiment.data().load(Path.of("..", "assets")));
        return assertThrows(FileSystemException.class, () -> race.execute(out, Progress.NONE));
    }

    @Test
    void aFullDiskDuringTheRaceKeepsWhatWasWrittenAndSaysWhere() throws IOException {
        OutputDirectory out = OutputDirectory.create(temp.resolve("results"), false, fillingUpAfter(8_000));

        FileSystemException failure = failedRace(out);
        String message = out.failed(failure).getMessage();

        Path partial = out.file(HeadlessRace.EXPERIMENT).getParent();
        assertEquals("cannot write " + failure.getFile() + ": " + FULL + "; the results written so far are in "
                + partial, message);
        assertTrue(failure.getFile().startsWith(partial.resolve(TinyExperiment.RUN).toString()), failure.getFile());
        assertTrue(Files.exists(partial.resolve(HeadlessRace.EXPERIMENT)), "kept");
        for (String csv : List.of(RunRecorder.METRICS, RunRecorder.EVENTS)) {
            Path file = partial.resolve(TinyExperiment.RUN).resolve(csv);
            String text = Files.readString(file);
            assertTrue(text.isEmpty() || text.endsWith("\n"), csv + " ends with a whole line");
        }
    }

    @Test
    void aDiskFullBeforeTrainingLeavesNothingBehind() throws IOException {
        OutputDirectory out = OutputDirectory.create(temp.resolve("results"), false, fillingUpAfter(0));

        FileSystemException failure = failedRace(out);

        assertEquals("cannot write " + out.file(HeadlessRace.EXPERIMENT) + ": " + FULL + "; nothing was trained",
                out.failed(failure).getMessage());
        assertEquals(Set.of(), entries(temp));
    }
}
