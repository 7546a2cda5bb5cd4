package org.normlab.sim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** {@code normlab} run in-process as a user meets it: the exit code, and what the last call printed to out and err. */
final class Cli {
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** Runs {@code normlab args}; what it prints replaces what the call before printed. */
    int normlab(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine command = NormLab.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
