package org.diffprior.djl;

import java.nio.file.Path;
import java.util.List;

import org.diffprior.core.InvalidInputException;

/**
 * Everything {@link PriorTrainer} needs, immutable: the training request of {@code diffprior train} and of Fiji's
 * Train Prior, which only read their parameters into it. Defaults via {@link #defaults(List, Path)} (the
 * {@code DEFAULT_*} values are the options' defaults); bad values are errors keyed by parameter ({@code size},
 * {@code learning_rate}), which each interface names its own way.
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

    /** Crop size in pixels. */
    public static final int DEFAULT_SIZE = 64;
    /** Smallest crop: the U-Net halves it three times. */
    public static final int MIN_SIZE = 8;
    /** Largest crop; larger crops only cost memory, the network sees a bounded receptive field. */
    public static final int MAX_SIZE = 1024;
    /** Most pixels in one step's batch (64 times the default 8 crops of 64²): bounds the activations' memory. */
    public static final long MAX_BATCH_PIXELS = 1L << 21;
    /** Optimisation steps. */
    public static final int DEFAULT_STEPS = 2000;
    /** Crops per step. */
    public static final int DEFAULT_BATCH = 8;
    public static final int DEFAULT_CHANNELS = 1;
    /** Adam's learning rate, reached after {@link #DEFAULT_WARMUP_STEPS} linear warm-up steps. */
    public static final double DEFAULT_LEARNING_RATE = 5e-4;
    public static final int DEFAULT_WARMUP_STEPS = 100;
    public static final int DEFAULT_CHECKPOINT_EVERY = 250;
    /** The network of a full training; {@code tiny} is a quick trial. */
    public static final String DEFAULT_NETWORK = "standard";
    public static final String DEFAULT_DESCRIPTION = "Diffusion prior trained with diffprior train";
    public static final String DEFAULT_TRAINING_DATA = "user images";
    public static final String DEFAULT_LICENCE = "as the training images";

    public TrainingOptions {
        images = List.copyOf(images);
        validationImages = List.copyOf(validationImages);
        if (images.isEmpty()) {
            throw InvalidInputException.of("images", "{images}: give at least one image file or directory");
        }
        checkChannels(channels);
        if (size < MIN_SIZE || size > MAX_SIZE || size % network.sizeMultiple() != 0) {
            throw InvalidInputException.of("size", "{size} must lie in " + MIN_SIZE + ".." + MAX_SIZE
                    + " and be a multiple of " + network.sizeMultiple() + ", not " + size);
        }
        if (steps < 1) {
            throw InvalidInputException.of("steps", "{steps} must be positive, not " + steps);
        }
        if (batch < 1) {
            throw InvalidInputException.of("batch", "{batch} must be positive, not " + batch);
        }
        if ((long) batch * size * size > MAX_BATCH_PIXELS) {
            throw InvalidInputException.of("batch", "{batch} " + batch + " crops of " + size + "x" + size + " are "
                    + (long) batch * size * size + " pixels per step, more than " + MAX_BATCH_PIXELS
                    + "; lower {batch} or {size}");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw InvalidInputException.of("learning_rate", "{learning_rate} must be positive, not " + learningRate);
        }
        if (checkpointEvery < 0) {
            throw InvalidInputException.of("checkpoint_every",
                    "{checkpoint_every} must be 0 (only at the end) or positive, not " + checkpointEvery);
        }
        if (warmupSteps < 0) {
            throw InvalidInputException.of("learning_rate", "warm-up steps must be 0 or positive, not " + warmupSteps);
        }
        if (resume && initialModel != null) {
            throw InvalidInputException.of("init_from", "give {resume} or {init_from}, not both (a checkpoint already "
                    + "holds its weights)");
        }
    }

    /** Standard architecture, 64-pixel crops, 2000 steps of 8, Adam 5e-4 with 100 warm-up steps, EMA 0.999. */
    public static TrainingOptions defaults(List<Path> images, Path output) {
        return new TrainingOptions(images, List.of(), output, DEFAULT_CHANNELS, DEFAULT_SIZE, DEFAULT_STEPS,
                DEFAULT_BATCH, false, DEFAULT_LEARNING_RATE, DEFAULT_WARMUP_STEPS, 0.999, 1.0, 1,
                DEFAULT_CHECKPOINT_EVERY,
                UNetConfig.standard(DEFAULT_CHANNELS), output.getFileName().toString(), DEFAULT_DESCRIPTION,
                DEFAULT_TRAINING_DATA, DEFAULT_LICENCE, null);
    }

    /**
     * The network named {@code standard} or {@code tiny} for images of {@code channels} channels (1 real, 2
     * complex), checked here so that a bad value is reported by its parameter.
     */
    public static UNetConfig network(String name, int channels) {
        checkChannels(channels);
        return switch (name == null ? "" : name.trim()) {
            case "standard" -> UNetConfig.standard(channels);
            case "tiny" -> UNetConfig.tiny(channels);
            default ->
                throw InvalidInputException.of("network", "{network} '" + name + "' is unknown; use standard or tiny");
        };
    }

    private static void checkChannels(int channels) {
        if (channels != 1 && channels != 2) {
            throw InvalidInputException.of("channels", "{channels} must be 1 (real) or 2 (complex), not " + channels);
        }
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
        return new TrainingOptions(images, validationImages, output, channels, value, steps, batch, resume,
                learningRate,
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
