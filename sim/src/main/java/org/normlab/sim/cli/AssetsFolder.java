package org.normlab.sim.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --assets} option of every command that reads the repository's assets (a picocli mixin): one default. */
final class AssetsFolder {
    @Option(names = "--assets", paramLabel = "DIR", defaultValue = "${sys:normlab.assets:-assets}",
            description = "the repository's assets folder, holding data/ (default: the repository's assets when "
                    + "started by the launcher, else ./assets)")
    private Path folder;

    Path folder() {
        return folder;
    }
}
