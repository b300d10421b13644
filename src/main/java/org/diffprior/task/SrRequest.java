package org.diffprior.task;

import java.util.List;
import java.util.Locale;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;

/**
 * A super-resolution as {@code diffprior sr} and Fiji's Super-Resolution ask for it: the low-resolution planes, the
 * integer scale, the degradation that made them and the method's parameters, with every default and check made
 * here, keyed by parameter ({@code scale}, {@code noise_sigma}). {@link SrTask#run} runs it.
 *
 * <pre>{@code
 * SrRequest request = SrRequest.builder(lowRes, 4).degradation("box").method("lanczos").build();
 * List<DiffusionOutput> planes = SrTask.run(request, ProgressListener.NONE, CancelToken.none());
 * }</pre>
 *
 * @param degradation box or bicubic: the model of the data for diffusion and for the data consistency
 * @param method diffusion, bicubic or lanczos
 * @param dataConsistency whether an interpolation is projected onto the images whose degradation is the input
 * @param noiseSigma the input's noise standard deviation in its units, 0 when noiseless or unknown
 * @param model the prior (the bundled default resolved); null for an interpolation
 * @param diffusion the sampler's settings; null for an interpolation
 */
public record SrRequest(FloatImage lowRes, int scale, String degradation, String method, boolean dataConsistency,
        double noiseSigma, String model, DiffusionSettings diffusion) {

    public static final List<String> METHODS = List.of("diffusion", "bicubic", "lanczos");
    public static final String DEFAULT_METHOD = "diffusion";
    /**
     * Posterior samples of an SR run by default (CT takes {@link CtRequest#DEFAULT_SAMPLES} too, MRI
     * {@link DiffusionSettings#DEFAULT_SAMPLES}):
     * their mean is the image. On the validation images (16 cases of ×2/×4, box and bicubic, without the
     * band-limited EPI tiles at ×2) two samples scored +1.72 / +1.06 dB mean / worst over the best of Lanczos-3 with
     * exact consistency and bicubic, one sample +1.51 / +0.77; 100 steps of one sample +1.43, 25 or 30 steps
     * +1.35 to +1.37. The test set, once: ×4 box +1.11 and bicubic +1.00 dB against +0.97 and +0.86, every one of the
     * 28 cases higher. The second sample runs in the same batch through the network: 1.7× the time of one (a 256²
     * output, whole process), and it gives a standard-deviation map.
     */
    public static final int DEFAULT_SAMPLES = 2;
    public static final List<String> DEGRADATIONS = List.of("bicubic", "box");
    public static final String DEFAULT_DEGRADATION = "bicubic";
    /** Diffusion needs at least one pixel to fill in between measured ones. */
    public static final int MIN_DIFFUSION_SCALE = 2;
    /** Largest output, all slices together: 2^28 pixels are 1 GB of floats before any sampling. */
    public static final long MAX_OUTPUT_PIXELS = 1L << 28;

    public boolean isDiffusion() {
        return method.equals("diffusion");
    }

    /** The output's width and height. */
    public int width() {
        return lowRes.width() * scale;
    }

    public int height() {
        return lowRes.height() * scale;
    }

    public static Builder builder(FloatImage lowRes, int scale) {
        return new Builder(lowRes, scale);
    }

    /** A noise standard deviation: a finite number ≥ 0. */
    static void checkNoiseSigma(double noiseSigma) {
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw InvalidInputException.of("noise_sigma", "{noise_sigma} must be a number ≥ 0, got " + noiseSigma);
        }
    }

    /** The user's values, as given. */
    public static final class Builder extends PriorRequestBuilder<Builder> {

        private final FloatImage lowRes;
        private final int scale;
        private String degradation = DEFAULT_DEGRADATION;
        private String method = DEFAULT_METHOD;
        private boolean dataConsistency;
        private double noiseSigma;

        private Builder(FloatImage lowRes, int scale) {
            this.lowRes = lowRes;
            this.scale = scale;
            diffusion(DiffusionSettings.defaults().withSamples(DEFAULT_SAMPLES));
        }

        public Builder degradation(String value) {
            degradation = value;
            return this;
        }

        public Builder method(String value) {
            method = value;
            return this;
        }

        public Builder dataConsistency(boolean value) {
            dataConsistency = value;
            return this;
        }

        public Builder noiseSigma(double value) {
            noiseSigma = value;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** Checks the values and resolves the defaults; keyed errors. */
        public SrRequest build() {
            lowRes.requireFinite("the low-resolution image");
            String degradationName = degradation == null ? "" : degradation.trim().toLowerCase(Locale.ROOT);
            if (!DEGRADATIONS.contains(degradationName)) {
                throw InvalidInputException.of("degradation",
                        "{degradation} '" + degradation + "' is unknown; use box or "
                                + "bicubic");
            }
            String chosen = method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
            if (!METHODS.contains(chosen)) {
                throw InvalidInputException.of("method", "{method} '" + method + "' is unknown; use "
                        + String.join(", ", METHODS));
            }
            boolean sampled = chosen.equals("diffusion");
            if (sampled) {
                SrInterpolation.checkScale(scale, MIN_DIFFUSION_SCALE, " for diffusion");
                checkNoiseSigma(noiseSigma);
            } else {
                SrInterpolation.checkScale(scale, 1, "");
            }
            long pixels = (long) lowRes.width() * scale * lowRes.height() * scale * lowRes.slices();
            if (pixels > MAX_OUTPUT_PIXELS) {
                throw InvalidInputException.of("scale",
                        "{scale} " + scale + " makes " + lowRes.slices() + " image(s) of "
                                + (long) lowRes.width() * scale + "x" + (long) lowRes.height() * scale + ", more than "
                                + MAX_OUTPUT_PIXELS + " pixels in all; use a smaller {scale} or crop the input");
            }
            return new SrRequest(lowRes, scale, degradationName, chosen, dataConsistency, noiseSigma,
                    sampled ? modelName(Priors.Task.SR) : null,
                    sampled ? settings().coldStartOnly("SR") : null);
        }
    }
}
