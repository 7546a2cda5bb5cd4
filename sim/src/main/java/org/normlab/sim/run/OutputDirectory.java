package org.normlab.sim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a run's results go, written all or nothing: files are written into a hidden temporary sibling of the
 * target, which {@link #commit} renames to the target. Until then the target is untouched, and {@link #discard}
 * (or the JVM's exit, e.g. on Ctrl-C) removes the partial directory.
 */
public final class OutputDirectory {
    private final Path target;
    private final Path partial;
    private final Thread cleanupOnExit;
    private final boolean replace;

    private OutputDirectory(Path target, Path partial, boolean replace) {
        this.target = target;
        this.partial = partial;
        this.replace = replace;
        this.cleanupOnExit = new Thread(() -> delete(partial));
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** Refuses a target that is a file, or a non-empty directory unless {@code force}; nothing is created. */
    private static void check(Path target, boolean force) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException("output " + target + " exists and is not a directory");
        }
        if (!force && Files.isDirectory(target) && !isEmpty(target)) {
            throw new InvalidInputException("output directory " + target
                    + " is not empty; choose another or pass --force to replace it");
        }
    }

    /**
     * Refuses a target that is a file, or a non-empty directory unless {@code force}, then creates the partial
     * directory beside it (and the target's parent directories).
     */
    public static OutputDirectory create(Path target, boolean force) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        check(absolute, force);
        Path parent = Files.createDirectories(absolute.getParent());
        Path partial = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".partial-");
        return new OutputDirectory(absolute, partial, Files.exists(absolute));
    }

    /** A file in the (still partial) output. */
    public Path file(String name) {
        return partial.resolve(name);
    }

    /** Puts the results in place of the target; a replaced target is deleted only once the results are there. */
    public void commit() throws IOException {
        Path old = null;
        if (replace && Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".replaced-" + partial.getFileName());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        if (old != null) {
            delete(old);
        }
    }

    /** Removes the partial results; the target stays as it was. */
    public void discard() {
        delete(partial);
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read output directory " + directory + ": " + e.getMessage());
        }
    }

    private static void delete(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + tree, e);
        }
    }
}
