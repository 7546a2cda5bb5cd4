package org.normlab.sim.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file-system calls an {@link OutputDirectory} makes, in one place, so a test can make one of them fail as a
 * read-only folder, a mount point or a full disk does (tests run as root, whom permissions do not stop).
 */
class Disk {
    /** The real file system. */
    static final Disk LOCAL = new Disk();

    void createDirectories(Path folder) throws IOException {
        Files.createDirectories(folder);
    }

    Path createTempDirectory(Path parent, String prefix) throws IOException {
        return Files.createTempDirectory(parent, prefix);
    }

    /** Renames {@code from} to {@code to} in one step (an empty folder at {@code to} is replaced). */
    void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A new (or emptied) file; writes reach the operating system as they are made, unbuffered. */
    OutputStream newOutputStream(Path file) throws IOException {
        return Files.newOutputStream(file);
    }

    /** What identifies the file system (the mount) holding {@code path}: equal for two paths on the same one. */
    Object fileSystem(Path path) throws IOException {
        return Files.getFileStore(path);
    }
}
