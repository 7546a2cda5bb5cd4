package org.normlab.sim.figure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Writes figures to files, each all or nothing: into a hidden temporary file beside the target, renamed onto the
 * target once complete. A failure throws {@link ExportException} naming the path and leaves no file behind (an
 * older file of the same name stays as it was).
 */
public final class FigureFiles {
    /** The usual resolution of print PNGs. */
    public static final int DEFAULT_DPI = 300;
    /** The PNG resolutions accepted, in dots per inch. */
    public static final int MIN_DPI = 36;
    public static final int MAX_DPI = 2400;

    private FigureFiles() {
    }

    /**
     * Writes {@code figure} into {@code directory} (created if missing) as {@code <name>.<extension>} in each format;
     * the {@code .tex} reads {@code <name>.csv}. Returns the files written, in the order of {@code formats}.
     */
    public static List<Path> write(Figure figure, Path directory, Collection<Format> formats, int dpi) {
        try {
            Files.createDirectories(directory);
        } catch (IOException | InvalidPathException e) {
            throw failure(directory, e);
        }
        List<Path> written = new ArrayList<>();
        for (Format format : formats) {
            Path file = directory.resolve(figure.name() + "." + format.extension());
            write(figure, file, format, dpi);
            written.add(file);
        }
        return written;
    }

    /**
     * Writes {@code figure} to {@code file} in {@code format}; a {@code .tex} reads the CSV of the same stem beside
     * it. {@code dpi} is used by PNG only.
     */
    public static void write(Figure figure, Path file, Format format, int dpi) {
        String name = file.toAbsolutePath().normalize().getFileName().toString();
        writeAtomically(file, out -> {
            switch (format) {
                case SVG -> SvgWriter.write(figure, out);
                case PDF -> PdfWriter.write(figure, out);
                case PNG -> PngWriter.write(figure, dpi, out);
                case CSV -> FigureCsv.write(figure, out);
                case TEX -> PgfplotsWriter.write(figure, stem(name) + ".csv", out);
            }
        });
    }

    /** Writes {@code text} (e.g. a {@link BooktabsTable}) to {@code file} in UTF-8, all or nothing. */
    public static void writeText(Path file, String text) {
        writeAtomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** What writes a file's bytes. */
    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, Body body) {
        Path target = file.toAbsolutePath().normalize();
        String name = target.getFileName().toString();
        Path partial = null;
        if (Files.isDirectory(target)) {
            throw new ExportException("cannot write " + target + ": a folder of that name exists", null);
        }
        try {
            partial = target.resolveSibling("." + name + "." + Long.toHexString(System.nanoTime()) + ".partial");
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
                body.write(out);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | InvalidPathException e) {
            throw failure(target, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static ExportException failure(Path path, Exception e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "its folder does not exist";
        } else if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            reason = "a file is in the way of a folder";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason().toLowerCase(Locale.ROOT);
        } else {
            reason = e.getMessage();
        }
        return new ExportException("cannot write " + path + ": " + reason, e);
    }

    private static void deleteQuietly(Path partial) {
        if (partial == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // The rename already moved it, or the folder refuses even this: nothing more can be done.
        }
    }
}
