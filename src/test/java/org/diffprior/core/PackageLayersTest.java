package org.diffprior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
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
 * The packages of the main code form layers: each may import only packages of lower layers, so there is no
 * import cycle and the bottom (operators, I/O) never depends on networks, samplers or entry points.
 */
class PackageLayersTest {

    /** Lowest first; a package may import those listed before it (entries of one layer share a line). */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("core"),
            Set.of("io"),
            Set.of("physics", "prior"),
            Set.of("solver", "djl", "batch"),
            Set.of("classical"),
            Set.of("task"),
            Set.of("active"),
            Set.of("cli"),
            Set.of("command", "ij1"));

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.diffprior\\.(\\w+)\\.",
            Pattern.MULTILINE);

    @Test
    void everyPackageImportsOnlyLowerLayers() throws IOException {
        Map<String, Set<String>> imports = packageImports(Path.of("src/main/java/org/diffprior"));
        assertEquals(new TreeSet<>(layerOf().keySet()), new TreeSet<>(imports.keySet()),
                "every main package must have a layer in this test");
        assertEquals(List.of(), violations(imports), "imports against the layers");
    }

    @Test
    void anUpwardOrSidewaysImportIsReported() {
        Map<String, Set<String>> imports = Map.of("physics", Set.of("core", "solver"), "solver", Set.of("physics"),
                "djl", Set.of("batch"), "task", Set.of("classical", "task"));
        assertEquals(List.of("djl -> batch", "physics -> solver"), violations(imports));
    }

    /** Every import of a package from its own layer or a higher one, as "from -> to", sorted. */
    private static List<String> violations(Map<String, Set<String>> imports) {
        Map<String, Integer> layer = layerOf();
        List<String> violations = new ArrayList<>();
        imports.forEach((from, targets) -> {
            for (String to : targets) {
                if (!to.equals(from) && layer.get(to) >= layer.get(from)) {
                    violations.add(from + " -> " + to);
                }
            }
        });
        violations.sort(null);
        return violations;
    }

    private static Map<String, Integer> layerOf() {
        Map<String, Integer> layer = new TreeMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String name : LAYERS.get(i)) {
                layer.put(name, i);
            }
        }
        return layer;
    }

    private static Map<String, Set<String>> packageImports(Path root) throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String from = root.relativize(file.getParent()).toString();
                Set<String> targets = imports.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    targets.add(m.group(1));
                }
            }
        }
        return imports;
    }
}
