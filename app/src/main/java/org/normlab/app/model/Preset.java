package org.normlab.app.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.normlab.app.session.RaceSetup;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;

/**
 * One experiment file of the presets gallery: its name and what to look for, and the race it sets up, or why it
 * cannot be loaded. Loading it races the file's runs for its number of steps, probing at its cadence.
 *
 * @param name        the file's {@code name}, or the file name if it does not parse
 * @param description the file's {@code description}, or the problem
 * @param setup       the race, or null if the file does not parse
 */
public record Preset(String name, String description, RaceSetup setup) {

    /** Whether the file parsed into a race. */
    public boolean loadable() {
        return setup != null;
    }

    /** Every {@code *.json} of {@code folder}, by file name; an empty list if the folder does not exist. */
    public static List<Preset> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().map(Preset::read)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The preset of one file; a file that does not parse gives a preset that says why. */
    public static Preset read(Path file) {
        try {
            Experiment experiment = ExperimentFile.read(file);
            return new Preset(experiment.name(), experiment.description(), RaceSetup.of(experiment));
        } catch (RuntimeException e) {
            return new Preset(file.getFileName().toString(), "cannot load: " + e.getMessage(), null);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
