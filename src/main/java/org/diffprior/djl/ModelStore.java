package org.diffprior.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.diffprior.core.InvalidInputException;

/**
 * Finds models by bundled name or directory and keeps one loaded instance of each for the life of
 * the JVM, so solvers, macro iterations and batch runs share it. Bundled models are listed in
 * {@code models/index.txt} of the jar; user models are directories under {@code ~/.diffprior/models}
 * (or DIFFPRIOR_MODELS).
 *
 * <pre>{@code
 * PriorModel model = ModelStore.open("brain-mri-64");
 * for (ModelStore.Entry e : ModelStore.list()) System.out.println(e.name());
 * }</pre>
 */
public final class ModelStore {

    /** A model found on disk or in the jar, with its card. */
    public record Entry(String name, String location, ModelCard card) {
    }

    private static final Map<String, PriorModel> CACHE = new ConcurrentHashMap<>();

    private ModelStore() {
    }

    /** Opens a model by directory path or bundled/user name; cached. */
    public static PriorModel open(String nameOrDirectory) {
        Path path = Path.of(nameOrDirectory);
        if (Files.isDirectory(path)) {
            return CACHE.computeIfAbsent(path.toAbsolutePath().normalize().toString(), k -> PriorModel.load(path));
        }
        if (bundledNames().contains(nameOrDirectory)) {
            return CACHE.computeIfAbsent("bundled:" + nameOrDirectory, k -> PriorModel.loadBundled(nameOrDirectory));
        }
        Path user = userDirectory().resolve(nameOrDirectory);
        if (Files.isDirectory(user)) {
            return CACHE.computeIfAbsent(user.toAbsolutePath().normalize().toString(), k -> PriorModel.load(user));
        }
        throw new InvalidInputException("no model '" + nameOrDirectory + "': give a model directory or one of "
                + bundledNames() + " ('diffprior models' lists them)");
    }

    /** Closes and forgets every cached model. */
    public static void clearCache() {
        CACHE.values().forEach(PriorModel::close);
        CACHE.clear();
    }

    /** Names of models bundled in the jar. */
    public static List<String> bundledNames() {
        try (InputStream in = ModelStore.class.getResourceAsStream("/models/index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled model index", e);
        }
    }

    /** Where user models live: DIFFPRIOR_MODELS or ~/.diffprior/models. */
    public static Path userDirectory() {
        String configured = System.getenv("DIFFPRIOR_MODELS");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".diffprior", "models");
    }

    /** Bundled and user models with their cards; unreadable user directories are reported by name. */
    public static List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (String name : bundledNames()) {
            try (InputStream in = ModelStore.class.getResourceAsStream("/models/" + name + "/" + PriorModel.CARD)) {
                entries.add(new Entry(name, "bundled",
                        ModelCard.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            } catch (IOException | RuntimeException e) {
                entries.add(new Entry(name, "bundled (unreadable: " + e.getMessage() + ")", null));
            }
        }
        Path user = userDirectory();
        if (Files.isDirectory(user)) {
            try (Stream<Path> dirs = Files.list(user)) {
                for (Path dir : dirs.sorted().toList()) {
                    Path card = dir.resolve(PriorModel.CARD);
                    if (Files.isRegularFile(card)) {
                        try {
                            entries.add(new Entry(dir.getFileName().toString(), dir.toString(),
                                    ModelCard.fromJson(Files.readString(card))));
                        } catch (IOException | RuntimeException e) {
                            entries.add(new Entry(dir.getFileName().toString(),
                                    dir + " (unreadable: " + e.getMessage() + ")", null));
                        }
                    }
                }
            } catch (IOException e) {
                throw new InvalidInputException(user + ": cannot list user models (" + e.getMessage() + ")");
            }
        }
        return entries;
    }
}
