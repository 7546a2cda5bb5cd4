package org.normlab.sim.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a race's results go. Files are written into a hidden sibling of the target, {@code .DIR.partial-*}, which
 * {@link #commit} renames to the target, so the target holds either its old contents or the whole results. What can
 * be checked before training is checked on {@link #create} (the target's parent can be created and written in, the
 * target is not a file, not under one, not a mount point). Nothing finished is ever deleted: once a run has begun
 * writing, a failure leaves the partial folder where it is and its message says where.
 */
public final class OutputDirectory {
    private final Disk disk;
    private final Path target;
    private final Path partial;
    /** The target holds earlier results, which only a complete race replaces ({@code --force}). */
    private final boolean replacesResults;
    /** A run has opened its files: from then on the partial folder is kept whatever happens. */
    private volatile boolean runsWriting;

    private OutputDirectory(Disk disk, Path target, Path partial, boolean replacesResults) {
        this.disk = disk;
        this.target = target;
        this.partial = partial;
        this.replacesResults = replacesResults;
    }

    /**
     * Refuses a target that cannot take the results — a file, a path under a file, a non-empty directory unless
     * {@code force}, a mount point, a parent that cannot be written in — naming the path and the problem; then
     * creates the partial directory beside it (and the target's parent directories).
     */
    public static OutputDirectory create(Path target, boolean force) {
        return create(target, force, Disk.LOCAL);
    }

    static OutputDirectory create(Path target, boolean force, Disk disk) {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new InvalidInputException("output " + absolute + " is the root folder; give a folder to create");
        }
        check(absolute, force);
        Path parent = absolute.getParent();
        try {
            disk.createDirectories(parent);
        } catch (IOException e) {
            throw unwritable(absolute, "cannot create " + path(e, parent) + ": " + reason(e));
        }
        boolean exists = Files.isDirectory(absolute);
        if (exists && !sameFileSystem(disk, absolute, parent)) {
            throw unwritable(absolute, "it is a mount point (another file system than " + parent + "); the results "
                    + "are written beside it and renamed into place, which a mount point refuses: give a folder "
                    + "inside it, e.g. " + absolute.resolve("results"));
        }
        try {
            Path partial = disk.createTempDirectory(parent, "." + absolute.getFileName() + ".partial-");
            return new OutputDirectory(disk, absolute, partial, exists && !isEmpty(absolute));
        } catch (IOException e) {
            throw unwritable(absolute, "cannot create a folder in " + parent + ": " + reason(e));
        }
    }

    /** Refuses a target that is a file or under one, or a non-empty directory unless {@code force}. */
    private static void check(Path target, boolean force) {
        for (Path p = target; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw unwritable(target, p + (p.equals(target) ? " exists and" : "") + " is a file, not a folder");
            }
        }
        if (!force && Files.isDirectory(target) && !isEmpty(target)) {
            throw new InvalidInputException("output directory " + target
                    + " is not empty; choose another or pass --force to replace it");
        }
    }

    private static boolean sameFileSystem(Disk disk, Path a, Path b) {
        try {
            return disk.fileSystem(a).equals(disk.fileSystem(b));
        } catch (IOException e) {
            throw unwritable(a, reason(e));
        }
    }

    private static InvalidInputException unwritable(Path target, String problem) {
        return new InvalidInputException("cannot write output " + target + ": " + problem);
    }

    /** A file in the (still partial) output. */
    public Path file(String name) {
        return partial.resolve(name);
    }

    /** Opens {@code folder/name} of the partial output for appending lines, creating {@code folder}. */
    LineWriter lines(String folder, String name) throws IOException {
        runsWriting = true;
        Path file = file(folder).resolve(name);
        try {
            disk.createDirectories(file.getParent());
            return new LineWriter(file, disk.newOutputStream(file));
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** What a file's content is written by. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes the file {@code name} (a path relative to the output) whole: into a temporary file beside it, renamed
     * to {@code name} once complete, so the file is never seen half-written.
     */
    void write(String name, Content content) throws IOException {
        Path file = file(name);
        Path temporary = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            disk.createDirectories(file.getParent());
            try (OutputStream out = disk.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            disk.move(temporary, file);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Writes the text file {@code name} whole, in UTF-8 (see {@link #write}). */
    void writeText(String name, String text) throws IOException {
        write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Puts the results in place of the target and returns where they are. An interrupted race ({@code complete}
     * false) never replaces earlier results: they stay, and the new ones stay in the partial folder. A replaced target
     * is deleted only once the results are in place.
     *
     * @throws InvalidInputException if the results cannot be moved there; they stay in the partial folder, which the
     *                               message names, and the target is as it was
     */
    public Path commit(boolean complete) {
        if (!complete && replacesResults) {
            return partial;
        }
        Path old = replacesResults
                ? target.resolveSibling("." + target.getFileName() + ".replaced-" + partial.getFileName()) : null;
        try {
            if (old != null) {
                disk.move(target, old);
            }
            try {
                disk.move(partial, target);
            } catch (IOException e) {
                if (old != null) {
                    disk.move(old, target);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot move the results to " + target + ": " + reason(e)
                    + "; they are in " + partial);
        }
        if (old != null) {
            delete(old);
        }
        return target;
    }

    /** Deletes the partial folder and what was written in it: results not to keep (a sweep's interrupted trial). */
    public void discard() {
        delete(partial);
    }

    /**
     * What to tell the user when writing the results failed with {@code e}. Before any run began writing (only the
     * experiment and probe set were written) the partial folder is removed; after, it stays, and the message says
     * where.
     */
    public InvalidInputException failed(IOException e) {
        String what = "cannot write " + path(e, partial) + ": " + reason(e);
        if (!runsWriting) {
            delete(partial);
            return new InvalidInputException(what + "; nothing was trained");
        }
        return new InvalidInputException(what + "; the results written so far are in " + partial);
    }

    /** {@code e}, a failure to write {@code file}, as an exception that names the file and the reason. */
    static FileSystemException failure(Path file, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f;
        }
        FileSystemException named = new FileSystemException(file.toString(), null, reason(e));
        named.initCause(e);
        return named;
    }

    /** The file a failure names, else {@code fallback}. */
    private static Path path(IOException e, Path fallback) {
        return e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : fallback;
    }

    /** Why an operation failed, in the operating system's words where it gave some. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read output directory " + directory + ": " + reason(e));
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
