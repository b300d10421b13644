package org.diffprior.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.djl.EngineBootstrap;
import org.diffprior.djl.PriorTrainer;
import org.diffprior.djl.TrainingOptions;
import org.diffprior.io.CallFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffprior train}: Train a diffusion prior on your own images. A rendering of {@link TrainingOptions}, which
 * holds the defaults and the checks.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a diffusion prior on your own images.")
final class TrainCommand extends CliCommand {

    @Option(names = "--images", required = true, arity = "1..*",
            description = "Training images: float32 TIFF files or stacks, or directories of them.")
    List<Path> images;

    @Option(names = "--validation", arity = "1..*",
            description = "Held-out images for the validation PSNR in the model card.")
    List<Path> validation = List.of();

    @Option(names = "--out", required = true,
            description = "Model directory to write (model.json, weights.bin, loss-curve.png).")
    Path out;

    @Option(names = "--size", defaultValue = "" + TrainingOptions.DEFAULT_SIZE,
            description = "Training crop size in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--steps", defaultValue = "" + TrainingOptions.DEFAULT_STEPS,
            description = "Optimisation steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "" + TrainingOptions.DEFAULT_BATCH,
            description = "Crops per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--channels", defaultValue = "" + TrainingOptions.DEFAULT_CHANNELS,
            description = "1 real images, 2 complex (real/imaginary plane pairs).")
    int channels;

    @Option(names = "--learning-rate", defaultValue = "" + TrainingOptions.DEFAULT_LEARNING_RATE,
            description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--checkpoint-every", defaultValue = "" + TrainingOptions.DEFAULT_CHECKPOINT_EVERY,
            description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "MODEL",
            description = "Start from the weights of this model (bundled name or directory) to fine-tune it on your images; same --channels needed.")
    String initFrom;

    @Option(names = "--name", description = "Model name in the card (default: the --out folder name).")
    String name;

    @Option(names = "--description", defaultValue = TrainingOptions.DEFAULT_DESCRIPTION,
            description = "Card description.")
    String description;

    @Option(names = "--training-data", defaultValue = TrainingOptions.DEFAULT_TRAINING_DATA,
            description = "What the data is, for the card.")
    String trainingData;

    @Option(names = "--licence", defaultValue = TrainingOptions.DEFAULT_LICENCE,
            description = "Licence of the data, for the card.")
    String licence;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or auto (default ${DEFAULT-VALUE}).")
    String device;

    @Override
    protected void declareFiles(CallFiles files) {
        // A model folder given by path to start from is an input: training into it would replace its weights.
        files.input("images", images).input("validation", validation)
                .input("init_from", initFrom == null ? null : Path.of(initFrom)).output("out", out);
    }

    @Override
    protected int execute() throws Exception {
        EngineBootstrap.start(EngineBootstrap.DeviceChoice.parse(device));
        TrainingOptions options = TrainingOptions.defaults(images, out)
                .withChannels(channels, TrainingOptions.network(TrainingOptions.DEFAULT_NETWORK, channels))
                .withSize(size).withSteps(steps).withBatch(batch).withResume(resume)
                .withOptimiser(learningRate, TrainingOptions.DEFAULT_WARMUP_STEPS, checkpointEvery)
                .withValidation(validation)
                .withCard(name == null ? out.toAbsolutePath().getFileName().toString() : name, description,
                        trainingData,
                        licence)
                .withInitialModel(initFrom);
        for (Path image : images) {
            if (!Files.exists(image)) {
                throw new InvalidInputException(image + ": no such file or directory");
            }
        }
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
