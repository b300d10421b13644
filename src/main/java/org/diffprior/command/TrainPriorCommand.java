package org.diffprior.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.diffprior.core.InvalidInputException;
import org.diffprior.djl.PriorTrainer;
import org.diffprior.djl.TrainingOptions;
import org.diffprior.io.CallFiles;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffPrior › Train Prior: trains a diffusion prior on a folder of float32 TIFF images, as
 * {@code diffprior train} does, and writes the model folder (model.json, weights.bin, loss-curve.png) that the
 * reconstruction commands then take as {@code model=FOLDER}. Macro:
 * {@code run("Train Prior", "images=/data/train output=/data/my-prior size=64 steps=2000 batch=8 channels=1 network=standard");}
 * To fine-tune a bundled prior on your images add {@code init_from=colin27-brain-64}. A rendering of
 * {@link TrainingOptions}, which holds the defaults and the checks.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DiffPrior>Train Prior", headless = true)
public final class TrainPriorCommand extends TaskCommand {

    @Parameter(label = "Training images (folder or TIFF)", style = "directory", persist = false)
    private File images;

    @Parameter(label = "Model folder to write", style = "directory", persist = false)
    private File output;

    @Parameter(label = "Crop size (pixels)", min = "" + TrainingOptions.MIN_SIZE)
    private int size = TrainingOptions.DEFAULT_SIZE;

    @Parameter(label = "Optimisation steps", min = "1")
    private int steps = TrainingOptions.DEFAULT_STEPS;

    @Parameter(label = "Crops per step", min = "1")
    private int batch = TrainingOptions.DEFAULT_BATCH;

    @Parameter(label = "Channels (1 real, 2 complex)", choices = {"1", "2"})
    private String channels = "" + TrainingOptions.DEFAULT_CHANNELS;

    @Parameter(label = "Network (tiny: a quick trial)", choices = {"standard", "tiny"})
    private String network = TrainingOptions.DEFAULT_NETWORK;

    @Parameter(label = "Resume from the checkpoint in the model folder")
    private boolean resume;

    @Parameter(label = "Start from model (fine-tune; empty: random weights)", required = false,
            description = "A bundled prior's name (e.g. colin27-brain-64) or a model folder with the same network")
    private String init_from = "";

    @Parameter(type = ItemIO.OUTPUT, label = "Training summary")
    private String summary;

    @Override
    protected void execute() throws IOException {
        if (images == null || output == null) {
            throw InvalidInputException.of("images",
                    "give {images} (a folder of training TIFFs) and {output} (the model "
                            + "folder to write)");
        }
        String initialModel = init_from == null || init_from.isBlank() ? null : init_from.strip();
        // Training into the model it starts from, or into the images, would replace an input.
        new CallFiles().input("images", images.toPath())
                .input("init_from", initialModel == null ? null : Path.of(initialModel))
                .output("output", output.toPath()).check();
        int imageChannels = "2".equals(channels) ? 2 : 1;
        TrainingOptions options = TrainingOptions.defaults(List.of(images.toPath()), output.toPath())
                .withChannels(imageChannels, TrainingOptions.network(network, imageChannels))
                .withSize(size).withSteps(steps).withBatch(batch).withResume(resume)
                .withInitialModel(initialModel);
        PriorTrainer.Result result;
        try {
            result = PriorTrainer.train(options, progress(), cancelToken());
        } catch (PriorTrainer.DivergedException e) {
            throw new InvalidInputException(e.getMessage()); // a message for the user, not a stack trace
        }
        StringBuilder text = new StringBuilder(String.format("model written to %s (%d steps, %.0f s, %.2f steps/s)",
                output, result.losses().length, result.seconds(), result.stepsPerSecond()));
        for (Map.Entry<String, Double> e : result.validation().entrySet()) {
            text.append(String.format("%n  %s: %.3f", e.getKey(), e.getValue()));
        }
        summary = text.toString();
        info(summary);
    }
}
