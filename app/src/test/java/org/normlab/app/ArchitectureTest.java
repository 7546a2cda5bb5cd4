package org.normlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lab's package graph, read from the imports and qualified names in its main sources (comments aside): it has no
 * cycles, the window ({@code app} itself) sits on top, and the view model knows no view.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/normlab/app");
    private static final String TOP = "app";
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.normlab\\.app\\.(?:([a-z]+)\\.)?[A-Z*]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Which packages each package uses, itself excluded; the top-level package is {@value #TOP}. */
    static Map<String, Set<String>> packageGraph(Path sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = file.getParent().equals(sources) ? TOP : sources.relativize(file.getParent()).toString();
                Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(""));
                while (reference.find()) {
                    String used = reference.group(1) == null ? TOP : reference.group(1);
                    if (!used.equals(pkg)) {
                        uses.add(used);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** The packages that cannot be ordered below their users (on a cycle, or using one); empty when acyclic. */
    static Set<String> unordered(Map<String, Set<String>> graph) {
        Map<String, Set<String>> left = new HashMap<>();
        graph.forEach((pkg, uses) -> left.put(pkg, new TreeSet<>(uses)));
        boolean removed = true;
        while (removed) {
            // Take away the packages that use nothing left: they lie below everything still there.
            Set<String> bottom = new TreeSet<>();
            left.forEach((pkg, uses) -> {
                if (uses.isEmpty()) {
                    bottom.add(pkg);
                }
            });
            bottom.forEach(left::remove);
            left.values().forEach(uses -> uses.removeAll(bottom));
            removed = !bottom.isEmpty();
        }
        return new TreeSet<>(left.keySet());
    }

    @Test
    void thePackageGraphHasNoCycles() {
        Map<String, Set<String>> graph = packageGraph(SOURCES);
        assertEquals(Set.of(), unordered(graph), () -> "package cycle in " + graph);
    }

    @Test
    void theWindowIsOnTopAndTheViewModelKnowsNoView() {
        Map<String, Set<String>> graph = packageGraph(SOURCES);
        graph.forEach((pkg, uses) -> assertFalse(uses.contains(TOP), () -> pkg + " uses the window: " + uses));
        assertEquals(Set.of("session"), graph.get("model"), "model uses only the session");
        assertEquals(Set.of("session"), graph.get("live"), "the live tick uses only the session");
        assertEquals(Set.of(), graph.get("session"), "session uses no other package of the lab");
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"),
                "e", Set.of());
        assertEquals(Set.of("a", "b", "c", "d"), unordered(graph));
    }
}
