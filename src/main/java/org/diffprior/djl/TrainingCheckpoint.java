package org.diffprior.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.AtomicFiles;

/**
 * Where a training run's optimiser state comes from and where it is saved: fresh weights, a model to
 * fine-tune ({@code --init-from}) or the checkpoint of an earlier run ({@code --resume}), and the
 * {@code checkpoint/} folder of the output package (weights, Adam moments, EMA, step, seconds and
 * loss history in one {@code state.bin}, plus the network it belongs to). Resuming restores the exact
 * floats, so a resumed run continues as if it had never stopped.
 *
 * <pre>{@code
 * PriorTrainer.State state = TrainingCheckpoint.start(options, net);
 * ... train some steps ...
 * TrainingCheckpoint.write(options, net, state);
 * }</pre>
 */
final class TrainingCheckpoint {

    private static final String CHECKPOINT = "checkpoint";

    private TrainingCheckpoint() {
    }

    /**
     * The state a run starts from: the checkpoint with {@code resume}, else a copy of the initial model's
     * weights, else fresh weights from {@code options.seed()}; moments start at zero unless resumed.
     */
    static PriorTrainer.State start(TrainingOptions options, UNet net) throws IOException {
        return options.resume() ? read(options, net)
                : options.initialModel() != null ? PriorTrainer.State.from(initialWeights(options))
                        : PriorTrainer.State.fresh(net, options.seed());
    }

    /** Saves {@code state} to {@code options.output()/checkpoint}, replacing the previous checkpoint atomically. */
    static void write(TrainingOptions options, UNet net, PriorTrainer.State state) throws IOException {
        Path dir = options.output().resolve(CHECKPOINT);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        String[] groups = {"param/", "m/", "v/", "ema/"};
        List<Map<String, float[]>> maps = List.of(state.parameters, state.firstMoment, state.secondMoment, state.ema);
        for (int g = 0; g < groups.length; g++) {
            for (Map.Entry<String, long[]> e : net.parameterShapes().entrySet()) {
                tensors.put(groups[g] + e.getKey(), maps.get(g).get(e.getKey()));
                shapes.put(groups[g] + e.getKey(), e.getValue());
            }
        }
        float[] losses = state.lossArray();
        tensors.put("losses", losses);
        shapes.put("losses", new long[] {losses.length});
        tensors.put("progress", new float[] {state.step, (float) state.seconds});
        shapes.put("progress", new long[] {2});
        // The state and the network it belongs to are replaced together.
        try (AtomicFiles.Transaction files = AtomicFiles.transaction()) {
            files.stage(dir.resolve("state.bin"), WeightFiles.writer(tensors, shapes));
            files.stage(dir.resolve("network.json"),
                    temp -> Files.writeString(temp, ModelCard.GSON.toJson(options.network())));
            files.commit();
        }
    }

    /** A copy of the initial model's weights, after checking that its network is the one to train. */
    private static Map<String, float[]> initialWeights(TrainingOptions options) {
        PriorModel model = ModelStore.open(options.initialModel());
        ModelCard card = model.card();
        if (model.weights() == null) {
            throw InvalidInputException.of("init_from", "{init_from} " + options.initialModel() + ": a " + card.format()
                    + " model cannot be trained here; give a model trained by diffprior (format djl)");
        }
        if (card.imageChannels() != options.channels() || !options.network().equals(card.network())) {
            throw InvalidInputException.of("init_from", "{init_from} " + options.initialModel() + ": its network ("
                    + card.network() + ", " + card.imageChannels() + " channel(s)) differs from the one to train ("
                    + options.network() + ", " + options.channels() + "); give the same {channels}");
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : model.weights().entrySet()) {
            weights.put(e.getKey(), e.getValue().clone());
        }
        return weights;
    }

    private static PriorTrainer.State read(TrainingOptions options, UNet net) throws IOException {
        Path dir = options.output().resolve(CHECKPOINT);
        if (!Files.isRegularFile(dir.resolve("state.bin"))) {
            throw InvalidInputException.of("resume", "{resume}: no checkpoint in " + dir);
        }
        UNetConfig saved = ModelCard.GSON.fromJson(Files.readString(dir.resolve("network.json")), UNetConfig.class);
        if (!saved.equals(options.network())) {
            throw InvalidInputException.of("resume", "{resume}: the checkpoint's network " + saved + " differs from "
                    + options.network() + " (same {channels} needed)");
        }
        Map<String, float[]> tensors;
        try (InputStream in = Files.newInputStream(dir.resolve("state.bin"))) {
            tensors = WeightFiles.read(in, null, dir.resolve("state.bin").toString());
        }
        PriorTrainer.State s = new PriorTrainer.State();
        s.parameters = new LinkedHashMap<>();
        for (String name : net.parameterShapes().keySet()) {
            s.parameters.put(name, tensors.get("param/" + name));
            s.firstMoment.put(name, tensors.get("m/" + name));
            s.secondMoment.put(name, tensors.get("v/" + name));
            s.ema.put(name, tensors.get("ema/" + name));
        }
        float[] progress = tensors.get("progress");
        s.step = (int) progress[0];
        s.seconds = progress[1];
        for (float loss : tensors.get("losses")) {
            s.losses.add(loss);
        }
        return s;
    }
}
