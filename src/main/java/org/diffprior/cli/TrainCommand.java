package org.diffprior.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.diffprior.core.CancelToken;
import org.diffprior.djl.EngineBootstrap;
import org.diffprior.djl.PriorTrainer;
import org.diffprior.djl.TrainingOptions;
import org.diffprior.djl.UNetConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code diffprior train}: Train a diffusion prior on your own images. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a diffusion prior on your own images.")
final class TrainCommand extends CliCommand {

    @Option(names = "--images", required = true, arity = "1..*",
            description = "Training images: float32 TIFF files or stacks, or directories of them.")
    List<Path> images;

    @Option(names = "--validation", arity = "1..*", description = "Held-out images for the validation PSNR in the model card.")
    List<Path> validation = List.of();

    @Option(names = "--out", required = true, description = "Model directory to write (model.json, weights.bin, loss-curve.png).")
    Path out;

    @Option(names = "--size", defaultValue = "64", description = "Training crop size in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--steps", defaultValue = "2000", description = "Optimisation steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "8", description = "Crops per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--channels", defaultValue = "1", description = "1 real images, 2 complex (real/imaginary plane pairs).")
    int channels;

    @Option(names = "--learning-rate", defaultValue = "5e-4", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "MODEL",
            description = "Start from the weights of this model (bundled name or directory) to fine-tune it on your images; same --channels needed.")
    String initFrom;

    @Option(names = "--name", description = "Model name in the card (default: the --out folder name).")
    String name;

    @Option(names = "--description", defaultValue = "Diffusion prior trained with diffprior train", description = "Card description.")
    String description;

    @Option(names = "--training-data", defaultValue = "user images", description = "What the data is, for the card.")
    String trainingData;

    @Option(names = "--licence", defaultValue = "as the training images", description = "Licence of the data, for the card.")
    String licence;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or auto (default ${DEFAULT-VALUE}).")
    String device;

    @Override
    protected int execute() throws Exception {
        EngineBootstrap.start(EngineBootstrap.DeviceChoice.parse(device));
        TrainingOptions options = TrainingOptions.defaults(images, out)
                .withChannels(channels, channels == 2 ? UNetConfig.standard(2) : UNetConfig.standard(1))
                .withSize(size).withSteps(steps).withBatch(batch).withResume(resume)
                .withOptimiser(learningRate, 100, checkpointEvery).withValidation(validation)
                .withCard(name == null ? out.toAbsolutePath().getFileName().toString() : name, description, trainingData,
                        licence)
                .withInitialModel(initFrom);
        System.err.println("diffprior: training on " + EngineBootstrap.state().device() + " (GPU used: "
                + (EngineBootstrap.state().gpuUsed() ? "yes" : "no") + ")");
        ConsoleProgressBar bar = new ConsoleProgressBar("train");
        PriorTrainer.Result result;
        try {
            result = PriorTrainer.train(options, bar, CancelToken.none());
        } finally {
            bar.finish();
        }
        System.out.printf("model written to %s (%d steps, %.0f s, %.2f steps/s)%n", out, result.losses().length,
                result.seconds(), result.stepsPerSecond());
        for (Map.Entry<String, Double> e : result.validation().entrySet()) {
            System.out.println("  " + e.getKey() + ": " + e.getValue());
        }
        return OK;
    }
}
