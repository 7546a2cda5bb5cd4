package org.normlab.sim.run;

/**
 * Input the user can fix: an experiment file, a data file or an output directory that is not acceptable. The message
 * names the field or file and what is allowed; the command line prints it without a stack trace.
 */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
