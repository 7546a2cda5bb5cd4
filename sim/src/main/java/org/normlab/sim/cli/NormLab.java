package org.normlab.sim.cli;

import org.normlab.sim.run.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code normlab}, the engine's command line. Errors print one line, {@code normlab: <message>}, on stderr:
 * exit code 2 for input the user can fix (options, experiment, data files, output directory), 1 for an internal
 * failure, 130 for a race interrupted by Ctrl-C (its results kept); never a stack trace.
 */
@Command(name = "normlab", mixinStandardHelpOptions = true, version = "NormLab 0.1.0",
        description = "Trains small batch-normalized networks and records what their optimizers do.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, BenchCommand.class,
                FiguresCommand.class, ProbeCommand.class, SweepCommand.class})
public final class NormLab implements Runnable {
    static final int BAD_INPUT = 2;
    static final int INTERNAL_FAILURE = 1;
    /** The shell's code for a process ended by Ctrl-C (128 + SIGINT): a race stopped early, its results kept. */
    static final int INTERRUPTED = 130;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests set its output streams and call {@code execute}. */
    public static CommandLine commandLine() {
        return new CommandLine(new NormLab())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine command = e.getCommandLine();
                    command.getErr().println("normlab: " + e.getMessage());
                    command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
                    return BAD_INPUT;
                })
                .setExecutionExceptionHandler((e, command, parseResult) -> {
                    boolean badInput = e instanceof InvalidInputException;
                    command.getErr().println("normlab: " + (badInput ? e.getMessage() : "internal error: " + e));
                    return badInput ? BAD_INPUT : INTERNAL_FAILURE;
                });
    }

    /** Without a subcommand: show the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
