package org.normlab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's package graph, read from the imports and qualified names in its main sources (comments aside): it has
 * no cycles, and the edges the layering forbids stay absent.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/normlab/sim");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.normlab\\.sim\\.([a-z]+)\\.[A-Z*]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Which packages each package uses, itself excluded. */
    static Map<String, Set<String>> packageGraph(Path sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = sources.relativize(file.getParent()).toString();
                Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(""));
                while (reference.find()) {
                    if (!reference.group(1).equals(pkg)) {
                        uses.add(reference.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** The packages on a dependency cycle, each cycle as a path that returns to its start; empty when acyclic. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycles(graph, start, new ArrayList<>(List.of(start)), cycles);
        }
        return cycles;
    }

    private static void findCycles(Map<String, Set<String>> graph, String start, List<String> path,
            List<List<String>> cycles) {
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                cycles.add(cycle);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                // Each cycle is reported once, from its smallest package.
                path.add(next);
                findCycles(graph, start, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    @Test
    void thePackageGraphHasNoCycles() {
        assertEquals(List.of(), cycles(packageGraph(SOURCES)), "package cycles");
    }

    @Test
    void eachLayerUsesOnlyWhatLiesBelowIt() {
        Map<String, Set<String>> graph = packageGraph(SOURCES);
        assertEquals(Set.of(), graph.get("data"), "data uses no other package");
        assertEquals(Set.of(), graph.get("backend"), "backend (ND4J settings, prepared ops) uses no other package");
        assertEquals(Set.of(), graph.get("linalg"), "linalg (operators, Lanczos) knows no network");
        assertEquals(Set.of(), graph.get("figure"), "figure (the figure model and its writers) knows no run");
        assertTrue(!graph.get("optim").contains("probe") && !graph.get("optim").contains("run"),
                () -> "optim uses " + graph.get("optim"));
        assertTrue(!graph.get("run").contains("figure") && !graph.get("run").contains("report")
                && !graph.get("run").contains("tour"), () -> "run uses " + graph.get("run"));
        // The tour player races runs; the tour's format is part of the experiment, in run.
        assertTrue(graph.get("tour").contains("run") && !graph.get("tour").contains("figure"),
                () -> "tour uses " + graph.get("tour"));
    }

    @Test
    void aCycleIsFoundOnce() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(List.of("a", "b", "c", "a")), cycles(graph));
    }
}
