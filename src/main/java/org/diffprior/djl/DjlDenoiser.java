package org.diffprior.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.diffprior.core.InvalidInputException;
import org.diffprior.prior.Denoiser;

/**
 * A {@link Denoiser} backed by a {@link PriorModel}: converts the caller's noise level (α, σ) and
 * units to the network's normalised variance-preserving input, runs the network in batches inside a
 * per-call sub-manager (native memory stays flat over thousands of calls) and turns its v, ε or x0
 * prediction into an x0 estimate in the caller's units.
 *
 * <pre>{@code
 * Denoiser prior = DjlDenoiser.open("brain-mri-64");
 * float[][] x0 = prior.denoise(xt, 128, 128, alphas, sigmas);
 * }</pre>
 *
 * <p>Units: with normalisation x' = (x - m) / s, x_t' = (x_t - α m) / s = α x0' + (σ / s) ε; dividing
 * by r = sqrt(α² + σ²/s²) gives a variance-preserving input at α/r, σ/(s r), which the network was
 * trained on. Complex images (2 channels) are converted from interleaved to real/imaginary planes.
 */
public final class DjlDenoiser implements Denoiser {

    /** Images per engine call; larger batches are split to bound memory. */
    public static final int MAX_BATCH = 16;
    /** Pixels per engine call (4 images of 128×128): bounds peak native memory at large sizes. */
    static final long MAX_PIXELS_PER_CALL = 4L * 128 * 128;
    private static final float MAX_ABS_LOG_SNR = 30f;

    private final PriorModel model;

    public DjlDenoiser(PriorModel model) {
        this.model = model;
    }

    /** A denoiser for a bundled model name or a model directory; the model is loaded once and cached. */
    public static DjlDenoiser open(String nameOrDirectory) {
        return new DjlDenoiser(ModelStore.open(nameOrDirectory));
    }

    public PriorModel model() {
        return model;
    }

    @Override
    public int channels() {
        return model.card().imageChannels();
    }

    /** Every prior is trained on crops in all eight orientations ({@link TrainingImages#randomCrops}). */
    @Override
    public boolean dihedralInvariant() {
        return true;
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        if (xt.length != alpha.length || xt.length != sigma.length) {
            throw new IllegalArgumentException("batch, alpha and sigma lengths differ");
        }
        int planeSize = height * width;
        for (float[] image : xt) {
            if (image.length != channels() * planeSize) {
                throw new InvalidInputException("image of " + image.length + " values does not match " + channels()
                        + " channel(s) of " + height + "x" + width);
            }
        }
        float[][] result = new float[xt.length][];
        EngineBootstrap.start();
        EngineBootstrap.call(() -> {
            int perCall = (int) Math.max(1, Math.min(MAX_BATCH, MAX_PIXELS_PER_CALL / ((long) height * width)));
            for (int start = 0; start < xt.length; start += perCall) {
                int end = Math.min(xt.length, start + perCall);
                denoiseChunk(xt, height, width, alpha, sigma, start, end, result);
            }
            return null;
        });
        return result;
    }

    private void denoiseChunk(float[][] xt, int height, int width, double[] alpha, double[] sigma, int start,
            int end, float[][] result) {
        Chunk chunk = Chunk.of(model, xt, height, width, alpha, sigma, start, end);
        float[] output;
        try (NDManager call = NDManager.newBaseManager(EngineBootstrap.device())) {
            NDArray x = call.create(chunk.input(), chunk.shape());
            output = model.network(x, chunk.logSnr()).toFloatArray();
        }
        for (int b = 0; b < chunk.count(); b++) {
            if (sigma[start + b] == 0) {
                // No noise: x_t = α x0 exactly.
                float[] exact = new float[xt[start + b].length];
                for (int i = 0; i < exact.length; i++) {
                    exact[i] = (float) (xt[start + b][i] / alpha[start + b]);
                }
                result[start + b] = exact;
                continue;
            }
            result[start + b] = chunk.estimate(output, b);
        }
    }

    /**
     * One engine call's batch in the network's units: the padded, normalised variance-preserving input, the
     * log-SNR and noise levels per image, and how the network's output maps back to x0 in the caller's units.
     * {@link ScanAdaptation} builds its batches the same way, so that it adapts the network on the inputs the
     * denoiser will give it.
     */
    record Chunk(ModelCard card, int channels, int height, int width, int paddedHeight, int paddedWidth,
            float[] input, float[] logSnr, double[] alphaNet, double[] sigmaNet) {

        static Chunk of(PriorModel model, float[][] xt, int height, int width, double[] alpha, double[] sigma,
                int start, int end) {
            ModelCard card = model.card();
            int channels = card.imageChannels();
            int multiple = model.net() == null ? 1 : model.net().config().sizeMultiple();
            int paddedHeight = (height + multiple - 1) / multiple * multiple;
            int paddedWidth = (width + multiple - 1) / multiple * multiple;
            int paddedPlane = paddedHeight * paddedWidth;
            double shift = card.normalisationShift();
            double scale = card.normalisationScale();
            int count = end - start;
            float[] input = new float[count * channels * paddedPlane];
            float[] logSnr = new float[count];
            double[] alphaNet = new double[count];
            double[] sigmaNet = new double[count];
            for (int b = 0; b < count; b++) {
                double a = alpha[start + b];
                double s = sigma[start + b] / scale;
                double r = Math.sqrt(a * a + s * s);
                alphaNet[b] = a / r;
                sigmaNet[b] = s / r;
                logSnr[b] = (float) Math.max(-MAX_ABS_LOG_SNR, Math.min(MAX_ABS_LOG_SNR,
                        Math.log(alphaNet[b] * alphaNet[b] / (sigmaNet[b] * sigmaNet[b]))));
                float[] image = xt[start + b];
                for (int c = 0; c < channels; c++) {
                    double channelShift = c == 0 ? shift : 0;
                    int offset = (b * channels + c) * paddedPlane;
                    for (int y = 0; y < paddedHeight; y++) {
                        int sy = Math.min(y, height - 1); // edge padding
                        for (int x = 0; x < paddedWidth; x++) {
                            int sx = Math.min(x, width - 1);
                            double value = image[(sy * width + sx) * channels + c];
                            input[offset + y * paddedWidth + x] = (float) ((value - a * channelShift) / scale / r);
                        }
                    }
                }
            }
            return new Chunk(card, channels, height, width, paddedHeight, paddedWidth, input, logSnr, alphaNet,
                    sigmaNet);
        }

        int count() {
            return logSnr.length;
        }

        Shape shape() {
            return new Shape(count(), channels, paddedHeight, paddedWidth);
        }

        /** Image b's x0 estimate in the caller's units (channels interleaved) from the network's output. */
        float[] estimate(float[] output, int b) {
            int paddedPlane = paddedHeight * paddedWidth;
            float[] x0 = new float[channels * height * width];
            double a = alphaNet[b];
            double s = sigmaNet[b];
            double scale = card.normalisationScale();
            for (int c = 0; c < channels; c++) {
                double channelShift = c == 0 ? card.normalisationShift() : 0;
                int offset = (b * channels + c) * paddedPlane;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int i = offset + y * paddedWidth + x;
                        double in = input[i];
                        double out = output[i];
                        double estimate = switch (card.parameterisation()) {
                            case "v" -> a * in - s * out;
                            case "eps" -> (in - s * out) / Math.max(a, 1e-4);
                            default -> out;
                        };
                        x0[(y * width + x) * channels + c] = (float) (estimate * scale + channelShift);
                    }
                }
            }
            return x0;
        }

        /**
         * The network-output array whose inner product with the output has, with respect to the network, the
         * gradient that {@code gradients} (one per image, caller units, channels interleaved) have with respect
         * to the x0 estimates: the chain rule through {@link #estimate}, zero on the padding.
         */
        float[] outputGradient(float[][] gradients) {
            int paddedPlane = paddedHeight * paddedWidth;
            float[] weights = new float[input.length];
            double scale = card.normalisationScale();
            for (int b = 0; b < count(); b++) {
                double a = alphaNet[b];
                double s = sigmaNet[b];
                double derivative = scale * switch (card.parameterisation()) {
                    case "v" -> -s;
                    case "eps" -> -s / Math.max(a, 1e-4);
                    default -> 1;
                };
                for (int c = 0; c < channels; c++) {
                    int offset = (b * channels + c) * paddedPlane;
                    for (int y = 0; y < height; y++) {
                        for (int x = 0; x < width; x++) {
                            weights[offset + y * paddedWidth + x] = (float) (derivative
                                    * gradients[b][(y * width + x) * channels + c]);
                        }
                    }
                }
            }
            return weights;
        }
    }
}
