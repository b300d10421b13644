package org.diffprior.djl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;

/**
 * Trains a {@link UNet} diffusion prior with v-prediction on the VP cosine schedule (α = cos φ,
 * σ = sin φ, φ uniform), Adam with linear warm-up, global gradient-norm clipping and EMA weights.
 * The optimiser runs in Java on plain arrays; each step's engine arrays live in one sub-manager.
 * A non-finite loss or gradient stops training with a clear message and saves nothing new (the
 * last checkpoint, written only from finite states, stays usable for {@code --resume}).
 *
 * <p>This class keeps the training loop and the loss; the rest lives beside it so each part can be read
 * alone: {@link TrainingCheckpoint} (start state, checkpoints, resume), {@link AdamUpdate} (the optimiser),
 * {@link TrainedPackage} (card, weights, loss curve) and {@link ValidationFigures} (held-out PSNR).
 *
 * <pre>{@code
 * TrainingOptions options = TrainingOptions.defaults(List.of(Path.of("train.tif")), Path.of("my-prior"));
 * PriorTrainer.Result result = PriorTrainer.train(options, ProgressListener.NONE, CancelToken.none());
 * System.out.println(result.validation());
 * }</pre>
 */
public final class PriorTrainer {

    private static final double PHI_MARGIN = 1e-3;

    /** What training produced. */
    public record Result(PriorModel model, float[] losses, double seconds, double stepsPerSecond,
            Map<String, Double> validation) {
    }

    /** Training stopped because the loss or a gradient was not finite. */
    public static final class DivergedException extends IllegalStateException {
        DivergedException(String message) {
            super(message);
        }
    }

    private PriorTrainer() {
    }

    /** Trains, validates and writes the model package to {@code options.output()}. */
    public static Result train(TrainingOptions options, ProgressListener progress, CancelToken cancel)
            throws IOException {
        TrainingImages data = TrainingImages.read(options.images(), options.channels());
        TrainingImages validation = options.validationImages().isEmpty() ? null
                : TrainingImages.read(options.validationImages(), options.channels());
        if (data.smallestSide() < options.size()) {
            throw InvalidInputException.of("size",
                    "{size} " + options.size() + " is larger than the smallest training image ("
                            + data.smallestSide() + " pixels)");
        }
        UNet net = new UNet(options.network());
        State state = TrainingCheckpoint.start(options, net);
        EngineBootstrap.start();
        long start = System.nanoTime();
        double previousSeconds = state.seconds;
        int firstStep = state.step;
        EngineBootstrap.call(() -> {
            try (NDManager base = NDManager.newBaseManager(EngineBootstrap.device())) {
                SplittableRandom random = new SplittableRandom(options.seed() * 1_000_003L + state.step);
                while (state.step < options.steps()) {
                    cancel.check();
                    float loss = step(net, options, data, state, base, random);
                    state.losses.add(loss);
                    state.step++;
                    state.seconds = previousSeconds + (System.nanoTime() - start) / 1e9;
                    progress.progress(state.step, options.steps(), String.format("loss %.4f", state.smoothedLoss()));
                    if (options.checkpointEvery() > 0 && state.step % options.checkpointEvery() == 0
                            && state.step < options.steps()) {
                        TrainingCheckpoint.write(options, net, state);
                    }
                }
            }
            return null;
        });
        double trainedSeconds = state.seconds - previousSeconds;
        double stepsPerSecond = (state.step - firstStep) / Math.max(trainedSeconds, 1e-9);
        TrainingCheckpoint.write(options, net, state);
        return TrainedPackage.write(options, state, firstStep, stepsPerSecond, validation);
    }

    /** One optimisation step; returns the batch loss. */
    static float step(UNet net, TrainingOptions options, TrainingImages data, State state, NDManager base,
            SplittableRandom random) {
        float[] clean = data.randomCrops(options.batch(), options.size(), random);
        NoisyBatch batch = NoisyBatch.of(net, clean, options.batch(), options.channels(), options.size(), random);
        Map<String, float[]> gradients = new LinkedHashMap<>();
        float loss = lossAndGradients(net, state.parameters, batch, base, gradients);
        AdamUpdate.apply(options, state, gradients, loss);
        return loss;
    }

    /**
     * The v-prediction loss of {@code parameters} on a batch; fills {@code gradients} (by parameter
     * name) unless it is null. Engine arrays live in a sub-manager of {@code base}.
     */
    static float lossAndGradients(UNet net, Map<String, float[]> parameters, NoisyBatch batch, NDManager base,
            Map<String, float[]> gradients) {
        boolean train = gradients != null;
        try (NDManager step = base.newSubManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : net.parameterShapes().entrySet()) {
                NDArray p = step.create(parameters.get(e.getKey()), new Shape(e.getValue()));
                p.setRequiresGradient(train);
                arrays.put(e.getKey(), p);
            }
            NDArray x = step.create(batch.noisy(), batch.shape());
            NDArray v = step.create(batch.target(), batch.shape());
            long count = batch.shape().get(0);
            NDArray e = step.create(batch.embedding(), new Shape(count, batch.embedding().length / count));
            if (!train) {
                return net.forward(arrays::get, x, e).sub(v).square().mean().getFloat();
            }
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray mse = net.forward(arrays::get, x, e).sub(v).square().mean();
                collector.backward(mse);
                for (Map.Entry<String, NDArray> p : arrays.entrySet()) {
                    gradients.put(p.getKey(), p.getValue().getGradient().toFloatArray());
                }
                return mse.getFloat();
            }
        }
    }

    /** Network input, v target and noise embedding for a batch of clean crops in [0, 1] units. */
    record NoisyBatch(float[] noisy, float[] target, float[] embedding, Shape shape) {

        /** Draws φ uniform on (0, π/2) and Gaussian noise for each crop; normalises like the model card says. */
        static NoisyBatch of(UNet net, float[] clean, int batch, int channels, int size, SplittableRandom random) {
            int plane = size * size;
            double shift = channels == 1 ? 0.5 : 0.0;
            double scale = 0.5;
            float[] noisy = new float[clean.length];
            float[] target = new float[clean.length];
            float[] embedding = new float[batch * 2 * net.config().embeddingFrequencies()];
            for (int b = 0; b < batch; b++) {
                double phi = PHI_MARGIN + random.nextDouble() * (Math.PI / 2 - 2 * PHI_MARGIN);
                double alpha = Math.cos(phi);
                double sigma = Math.sin(phi);
                float[] features = net.embeddingFeatures(Math.log(alpha * alpha / (sigma * sigma)));
                System.arraycopy(features, 0, embedding, b * features.length, features.length);
                for (int c = 0; c < channels; c++) {
                    double channelShift = c == 0 ? shift : 0;
                    for (int i = 0; i < plane; i++) {
                        int k = (b * channels + c) * plane + i;
                        double x0 = (clean[k] - channelShift) / scale;
                        double eps = random.nextGaussian();
                        noisy[k] = (float) (alpha * x0 + sigma * eps);
                        target[k] = (float) (alpha * eps - sigma * x0);
                    }
                }
            }
            return new NoisyBatch(noisy, target, embedding, new Shape(batch, channels, size, size));
        }
    }

    /**
     * Optimiser state: parameters, Adam moments, EMA, step, loss history. {@link TrainingCheckpoint}
     * creates, saves and restores it; the training step mutates it in place to avoid copying weights.
     */
    static final class State {
        Map<String, float[]> parameters;
        Map<String, float[]> firstMoment = new LinkedHashMap<>();
        Map<String, float[]> secondMoment = new LinkedHashMap<>();
        Map<String, float[]> ema = new LinkedHashMap<>();
        int step;
        int consecutiveSkips;
        int skippedSteps;
        double seconds;
        List<Float> losses = new ArrayList<>();

        static State fresh(UNet net, long seed) {
            return from(net.initialParameters(seed));
        }

        /** Fresh optimiser state (zero moments, EMA = the weights) around {@code weights}, which it owns. */
        static State from(Map<String, float[]> weights) {
            State s = new State();
            s.parameters = weights;
            for (Map.Entry<String, float[]> e : s.parameters.entrySet()) {
                s.firstMoment.put(e.getKey(), new float[e.getValue().length]);
                s.secondMoment.put(e.getKey(), new float[e.getValue().length]);
                s.ema.put(e.getKey(), e.getValue().clone());
            }
            return s;
        }

        /** Mean of the last 50 losses: single-batch losses are too noisy to show progress or to put on the card. */
        double smoothedLoss() {
            int n = Math.min(50, losses.size());
            double sum = 0;
            for (int i = losses.size() - n; i < losses.size(); i++) {
                sum += losses.get(i);
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /** The loss history as the plain array that checkpoints, the loss curve and {@link Result} hold. */
        float[] lossArray() {
            float[] out = new float[losses.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = losses.get(i);
            }
            return out;
        }
    }
}
