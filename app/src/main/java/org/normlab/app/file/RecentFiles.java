package org.normlab.app.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * The experiment files opened or saved last, newest first, kept in a {@link Preferences} node so they outlive the
 * session: key {@code "0"} holds the newest path, {@code "1"} the one before, and so on.
 */
public final class RecentFiles {
    /** The node of the lab's own recent files. */
    public static final String NODE = "org/normlab/app/recent";

    private final Preferences node;
    private final int limit;

    /**
     * @param node  where the list lives
     * @param limit how many files it keeps, >= 1
     */
    public RecentFiles(Preferences node, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        this.node = node;
        this.limit = limit;
    }

    /** Newest first. */
    public List<Path> list() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            String file = node.get(Integer.toString(i), null);
            if (file != null) {
                files.add(Path.of(file));
            }
        }
        return files;
    }

    /** Puts {@code file} first (moving it if it is listed already); the oldest beyond the limit goes. */
    public void add(Path file) {
        List<Path> files = without(absolute(file));
        files.add(0, absolute(file));
        store(files);
    }

    public void remove(Path file) {
        store(without(absolute(file)));
    }

    private List<Path> without(Path file) {
        List<Path> files = list();
        files.remove(file);
        return files;
    }

    private void store(List<Path> files) {
        for (int i = 0; i < limit; i++) {
            if (i < files.size()) {
                node.put(Integer.toString(i), files.get(i).toString());
            } else {
                node.remove(Integer.toString(i));
            }
        }
    }

    private static Path absolute(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
