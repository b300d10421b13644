package org.diffprior.djl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.AtomicFiles;

/**
 * A loaded model package: its card and its network, either a {@link UNet} with weights from
 * {@code weights.bin} or an imported TorchScript module. Loading verifies that the card lists every file of the
 * package with its SHA-256 and refuses a missing, unlisted or changed file. The engine copy of the weights lives as long as the model.
 *
 * <pre>{@code
 * try (PriorModel model = PriorModel.load(Path.of("my-model"))) {
 *     NDArray out = model.network(x, logSnr);
 * }
 * }</pre>
 */
public final class PriorModel implements AutoCloseable {

    /** Weight file of the djl format. */
    public static final String WEIGHTS = "weights.bin";
    /** Card file of every model package. */
    public static final String CARD = "model.json";

    private final ModelCard card;
    private final String source;
    private final UNet net;
    private final Map<String, float[]> weights;
    private NDManager manager;
    private Map<String, NDArray> arrays;
    private Model torchScript;
    private final Path torchScriptFile;

    private PriorModel(ModelCard card, String source, UNet net, Map<String, float[]> weights, Path torchScriptFile) {
        this.card = card;
        this.source = source;
        this.net = net;
        this.weights = weights;
        this.torchScriptFile = torchScriptFile;
    }

    /** A djl-format model made in memory (training); {@link #save(Path)} writes it. */
    public static PriorModel of(ModelCard card, Map<String, float[]> weights) {
        UNet net = new UNet(card.network());
        return new PriorModel(card, "memory", net, new LinkedHashMap<>(weights), null);
    }

    /**
     * Loads a model package directory after verifying it: every file of the folder is listed in model.json's
     * {@code files} with its SHA-256 and matches it, and every listed file is there. Subfolders (a training run's
     * {@code checkpoint/}) and our own temporaries of an interrupted write are not part of the package.
     */
    public static PriorModel load(Path directory) {
        Path cardFile = directory.resolve(CARD);
        if (!Files.isRegularFile(cardFile)) {
            throw new InvalidInputException(directory + ": not a model directory (no " + CARD + ")");
        }
        try {
            ModelCard card = ModelCard.fromJson(Files.readString(cardFile));
            String where = directory.toString();
            requireWeightsListed(card, where);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (!name.equals(CARD) && !card.files().containsKey(name) && !Files.isDirectory(file)
                            && !AtomicFiles.isTemporary(name)) {
                        throw new InvalidInputException(where + ": " + name + " is not listed in " + CARD
                                + "'s 'files', so it cannot be verified; remove it, or re-save the model");
                    }
                }
            }
            for (Map.Entry<String, String> e : card.files().entrySet()) {
                Path file = directory.resolve(e.getKey());
                if (!Files.isRegularFile(file)) {
                    throw new InvalidInputException(where + ": " + e.getKey() + ", listed in " + CARD
                            + ", is missing; re-copy the whole model folder");
                }
                verify(e.getKey(), e.getValue(), WeightFiles.sha256(file), where);
            }
            if ("torchscript".equals(card.format())) {
                return new PriorModel(card, where, null, null, directory.resolve(torchScriptModule(card, where)));
            }
            UNet net = new UNet(card.network());
            try (InputStream in = Files.newInputStream(directory.resolve(WEIGHTS))) {
                return new PriorModel(card, where, net,
                        WeightFiles.read(in, net.parameterShapes(), directory.resolve(WEIGHTS).toString()), null);
            }
        } catch (IOException e) {
            throw new InvalidInputException(directory + ": cannot read the model (" + e.getMessage() + ")");
        }
    }

    /** Opens a bundled resource by its path in the jar ({@code /models/NAME/FILE}); null when absent. */
    @FunctionalInterface
    interface Resources {
        InputStream open(String path) throws IOException;
    }

    /** Loads a model bundled in the jar under {@code models/NAME/}, verifying checksums. */
    public static PriorModel loadBundled(String name) {
        return loadBundled(name, PriorModel.class::getResourceAsStream);
    }

    /**
     * {@link #loadBundled(String)} from the given resources: every file listed in model.json must be there with its
     * checksum, as in a folder (a damaged jar is refused like a damaged folder). A jar's folder cannot be listed, so
     * that nothing unlisted ships is a test on the sources (every bundled folder loads by {@link #load}).
     */
    static PriorModel loadBundled(String name, Resources resources) {
        String base = "/models/" + name + "/";
        String where = "bundled model '" + name + "'";
        try (InputStream cardStream = resources.open(base + CARD)) {
            if (cardStream == null) {
                throw new InvalidInputException("no bundled model '" + name + "'; 'diffprior models' lists them");
            }
            ModelCard card = ModelCard.fromJson(new String(cardStream.readAllBytes(), StandardCharsets.UTF_8));
            requireWeightsListed(card, where);
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : card.files().entrySet()) {
                byte[] bytes;
                try (InputStream in = resources.open(base + e.getKey())) {
                    if (in == null) {
                        throw new InvalidInputException(where + ": " + e.getKey() + ", listed in " + CARD
                                + ", is missing from the plugin; re-install it");
                    }
                    bytes = in.readAllBytes();
                }
                verify(e.getKey(), e.getValue(), WeightFiles.sha256(new ByteArrayInputStream(bytes)), where);
                contents.put(e.getKey(), bytes);
            }
            if (!"djl".equals(card.format())) {
                // TorchScript needs a real file: copy the verified package out of the jar (load verifies it again).
                Path dir = Files.createTempDirectory("diffprior-model-");
                Files.writeString(dir.resolve(CARD), card.toJson());
                for (Map.Entry<String, byte[]> e : contents.entrySet()) {
                    Files.write(dir.resolve(e.getKey()), e.getValue());
                }
                return load(dir);
            }
            UNet net = new UNet(card.network());
            return new PriorModel(card, "bundled:" + name, net, WeightFiles.read(
                    new ByteArrayInputStream(contents.get(WEIGHTS)), net.parameterShapes(), base + WEIGHTS), null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled model '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A djl model's weights are loaded only when model.json gives their checksum. */
    private static void requireWeightsListed(ModelCard card, String where) {
        if ("djl".equals(card.format()) && !card.files().containsKey(WEIGHTS)) {
            throw new InvalidInputException(where + ": model.json's 'files' does not list " + WEIGHTS
                    + " with its SHA-256, so its weights cannot be verified; re-save or re-copy the model");
        }
    }

    /** The one TorchScript module ({@code .pt}) a torchscript card lists. */
    private static String torchScriptModule(ModelCard card, String where) {
        List<String> modules = card.files().keySet().stream().filter(f -> f.endsWith(".pt")).toList();
        if (modules.size() != 1) {
            throw new InvalidInputException(where + ": a torchscript model.json lists exactly one module file "
                    + "(.pt) in 'files', not " + modules.size());
        }
        return modules.get(0);
    }

    private static void verify(String file, String expected, String actual, String where) {
        if (expected == null || !expected.equalsIgnoreCase(actual)) {
            throw new InvalidInputException(where + ": checksum mismatch for " + file + " (model.json says "
                    + expected + ", file has " + actual + "); the file is damaged or was changed — re-copy the model");
        }
    }

    /** Writes model.json (with fresh checksums) and weights.bin into {@code directory}. */
    public PriorModel save(Path directory) throws IOException {
        return save(directory, Map.of());
    }

    /**
     * Writes weights.bin, the {@code extras} (file name to writer, e.g. the loss curve) and model.json listing every
     * one of them with its SHA-256, all committed together: a failed save leaves the folder as it was.
     */
    public PriorModel save(Path directory, Map<String, AtomicFiles.Writer> extras) throws IOException {
        if (net == null) {
            throw new IllegalStateException("only djl-format models can be saved");
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        ModelCard updated;
        try (AtomicFiles.Transaction files = AtomicFiles.transaction()) {
            Path staged = files.stage(directory.resolve(WEIGHTS), WeightFiles.writer(weights, net.parameterShapes()));
            checksums.put(WEIGHTS, WeightFiles.sha256(staged));
            for (Map.Entry<String, AtomicFiles.Writer> e : new TreeMap<>(extras).entrySet()) {
                checksums.put(e.getKey(), WeightFiles.sha256(files.stage(directory.resolve(e.getKey()), e.getValue())));
            }
            updated = card.withTraining(card.trainingSteps(), card.trainingSeconds(), card.validation(), checksums);
            String json = updated.toJson();
            files.stage(directory.resolve(CARD), temp -> Files.writeString(temp, json));
            files.commit();
        }
        return new PriorModel(updated, directory.toString(), net, weights, null);
    }

    public ModelCard card() {
        return card;
    }

    /** Where the model came from: a directory, {@code bundled:NAME} or {@code memory}. */
    public String source() {
        return source;
    }

    /** The weights (djl format); null for TorchScript models. */
    public Map<String, float[]> weights() {
        return weights;
    }

    /** The architecture (djl format); null for TorchScript models. */
    public UNet net() {
        return net;
    }

    /**
     * Runs the network on the engine. {@code x} has shape (B, C, H, W) with H, W multiples of the
     * network's size multiple; {@code logSnr} holds B values. Results attach to {@code x}'s manager. Inference
     * only ({@link UNet#infer}): code that differentiates the network calls {@link UNet#forward} itself.
     */
    public synchronized NDArray network(NDArray x, float[] logSnr) {
        ensureOnEngine();
        NDManager callManager = x.getManager();
        if (net != null) {
            return net.infer(arrays::get, x, net.embedding(callManager, logSnr));
        }
        NDList out = torchScript.getBlock().forward(new ParameterStore(callManager, false),
                new NDList(x, callManager.create(logSnr)), false);
        return out.singletonOrThrow();
    }

    private void ensureOnEngine() {
        if (manager != null) {
            return;
        }
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(EngineBootstrap.device());
        if (net != null) {
            arrays = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : net.parameterShapes().entrySet()) {
                arrays.put(e.getKey(), manager.create(weights.get(e.getKey()), new Shape(e.getValue())));
            }
        } else {
            try {
                torchScript = Model.newInstance(card.name(), EngineBootstrap.device(), "PyTorch");
                torchScript.load(torchScriptFile.getParent(), torchScriptFile.getFileName().toString());
            } catch (IOException | MalformedModelException | EngineException e) {
                throw new InvalidInputException(torchScriptFile + ": not a TorchScript module PyTorch "
                        + EngineBootstrap.state().engineVersion() + " can load (" + e.getMessage() + ")");
            }
        }
    }

    @Override
    public synchronized void close() {
        if (torchScript != null) {
            torchScript.close();
            torchScript = null;
        }
        if (manager != null) {
            manager.close();
            manager = null;
            arrays = null;
        }
    }
}
