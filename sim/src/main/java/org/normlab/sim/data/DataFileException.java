package org.normlab.sim.data;

import java.nio.file.Path;

/** A data file is missing, unreadable or malformed. The message names the file and what is wrong with it. */
public final class DataFileException extends RuntimeException {

    private final transient Path file;

    public DataFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file, as it was named. */
    public Path file() {
        return file;
    }
}
