package org.normlab.sim.figure;

/**
 * A figure could not be written where asked (a missing or read-only folder, a name taken by a folder, a full disk).
 * The message names the path and the reason; nothing is left half-written.
 */
public final class ExportException extends RuntimeException {
    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
