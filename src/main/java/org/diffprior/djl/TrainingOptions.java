package org.diffprior.djl;

import java.nio.file.Path;
import java.util.List;

import org.diffprior.core.InvalidInputException;

/**
 * Everything {@link PriorTrainer} needs, immutable. Defaults via {@link #defaults(List, Path)}.
 *
 * <pre>{@code
 * TrainingOptions options = TrainingOptions.defaults(List.of(Path.of("train.tif")), Path.of("model"))
 *         .withSteps(2000).withBatch(8);
 * }</pre>
 *
 * @param validationImages held-out images; empty means the last 10% of the training images
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param initialModel model (bundled name or directory) whose weights start the training, for fine-tuning a
 *        prior on new images; null starts from random weights
 */
public record TrainingOptions(List<Path> images, List<Path> validationImages, Path output, int channels, int size,
        int steps, int batch, boolean resume, double learningRate, int warmupSteps, double emaDecay,
        double gradientClipNorm, long seed, int checkpointEvery, UNetConfig network, String name, String description,
        String trainingData, String licence, String initialModel) {

    public TrainingOptions {
        images = List.copyOf(images);
        validationImages = List.copyOf(validationImages);
        if (images.isEmpty()) {
            throw new InvalidInputException("--images: give at least one image file or directory");
        }
        if (channels != 1 && channels != 2) {
            throw new InvalidInputException("--channels must be 1 (real) or 2 (complex), not " + channels);
        }
        if (size < 8 || size % network.sizeMultiple() != 0) {
            throw new InvalidInputException("--size must be at least 8 and a multiple of " + network.sizeMultiple()
                    + ", not " + size);
        }
        if (steps < 1 || batch < 1) {
            throw new InvalidInputException("--steps and --batch must be positive");
        }
        if (!(learningRate > 0)) {
            throw new InvalidInputException("--learning-rate must be positive");
        }
        if (resume && initialModel != null) {
            throw new InvalidInputException("give --resume or --init-from, not both (a checkpoint already holds its weights)");
        }
    }

    /** Standard architecture, 64-pixel crops, 2000 steps of 8, Adam 5e-4 with 100 warm-up steps, EMA 0.999. */
    public static TrainingOptions defaults(List<Path> images, Path output) {
        return new TrainingOptions(images, List.of(), output, 1, 64, 2000, 8, false, 5e-4, 100, 0.999, 1.0, 1, 250,
                UNetConfig.standard(1), output.getFileName().toString(), "Diffusion prior trained with diffprior train",
                "user images", "as the training images", null);
    }

    public TrainingOptions withSteps(int value) {
        return new TrainingOptions(images, validationImages, output, channels, size, value, batch, resume, learningRate,
                warmupSteps, emaDecay, gradientClipNorm, seed, checkpointEvery, network, name, description,
                trainingData, licence, initialModel);
    }

    public TrainingOptions withBatch(int value) {
        return new TrainingOptions(images, validationImages, output, channels, size, steps, value, resume, learningRate,
                warmupSteps, emaDecay, gradientClipNorm, seed, checkpointEvery, network, name, description,
                trainingData, licence, initialModel);
    }

    public TrainingOptions withSize(int value) {
        return new TrainingOptions(images, validationImages, output, channels, value, steps, batch, resume, learningRate,
                warmupSteps, emaDecay, gradientClipNorm, seed, checkpointEvery, network, name, description,
                trainingData, licence, initialModel);
    }

    /** Sets the image channels and the matching standard (or same-shaped) architecture. */
    public TrainingOptions withChannels(int value, UNetConfig net) {
        return new TrainingOptions(images, validationImages, output, value, size, steps, batch, resume, learningRate,
                warmupSteps, emaDecay, gradientClipNorm, seed, checkpointEvery, net, name, description, trainingData,
                licence, initialModel);
    }

    public TrainingOptions withResume(boolean value) {
        return new TrainingOptions(images, validationImages, output, channels, size, steps, batch, value, learningRate,
                warmupSteps, emaDecay, gradientClipNorm, seed, checkpointEvery, network, name, description,
                trainingData, licence, initialModel);
    }

    public TrainingOptions withOptimiser(double rate, int warmup, int checkpoints) {
        return new TrainingOptions(images, validationImages, output, channels, size, steps, batch, resume, rate, warmup,
                emaDecay, gradientClipNorm, seed, checkpoints, network, name, description, trainingData, licence,
                initialModel);
    }

    public TrainingOptions withValidation(List<Path> value) {
        return new TrainingOptions(images, value, output, channels, size, steps, batch, resume, learningRate,
                warmupSteps, emaDecay, gradientClipNorm, seed, checkpointEvery, network, name, description,
                trainingData, licence, initialModel);
    }

    public TrainingOptions withCard(String modelName, String text, String data, String dataLicence) {
        return new TrainingOptions(images, validationImages, output, channels, size, steps, batch, resume, learningRate,
                warmupSteps, emaDecay, gradientClipNorm, seed, checkpointEvery, network, modelName, text, data,
                dataLicence, initialModel);
    }

    /** Starts from the weights of {@code model} (bundled name or directory) instead of random ones. */
    public TrainingOptions withInitialModel(String model) {
        return new TrainingOptions(images, validationImages, output, channels, size, steps, batch, resume, learningRate,
                warmupSteps, emaDecay, gradientClipNorm, seed, checkpointEvery, network, name, description,
                trainingData, licence, model);
    }
}
