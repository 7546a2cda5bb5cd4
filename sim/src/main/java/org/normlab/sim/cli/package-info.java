/**
 * The {@code normlab} command line (picocli): {@link org.normlab.sim.cli.NormLab} and one class per subcommand.
 */
package org.normlab.sim.cli;
