package org.normlab.sim.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * Something other than the local pool that runs a sweep's trials: Apache Spark, in the {@code spark} module, found
 * through {@link java.util.ServiceLoader} only when that module is on the class path (never the lab's). Each trial
 * runs through a {@link TrialRunner} writing into {@code folder}'s {@code trials/}, which every worker must see
 * (one machine, or a shared file system).
 */
public interface SweepEngine {
    /** The word that chooses it: {@code --engine NAME}. */
    String name();

    /**
     * Runs trials {@code pending} of {@code sweep} and returns when every one has ended.
     *
     * @param folder the sweep's output folder (already opened: {@link SweepFolder#open})
     * @param assets the folder holding {@code data/}, as the workers see it
     * @param master where the engine runs (e.g. Spark's {@code local[2]} or {@code spark://host:7077})
     */
    void run(Sweep sweep, Path folder, Path assets, List<Integer> pending, String master) throws Exception;
}
