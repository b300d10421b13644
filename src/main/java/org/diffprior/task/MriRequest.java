package org.diffprior.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import org.diffprior.core.InvalidInputException;
import org.diffprior.djl.ScanAdaptation;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.KspaceNoise;
import org.diffprior.physics.SamplingMasks;

/**
 * An MRI reconstruction as {@code diffprior mri} and Fiji's MRI Reconstruction ask for it: the k-space slices,
 * their masks, the coil maps (given, or to be estimated by ESPIRiT) and the method's parameters, with every
 * default, {@code auto} value and check made here. Errors are keyed by parameter ({@code mask},
 * {@code sensitivities}, {@code noise_sigma}); the builder takes the user's raw values and {@link Builder#build()}
 * resolves them. {@link MriTask#run} runs it.
 *
 * <pre>{@code
 * MriRequest request = MriRequest.builder(slices).mask(maskImage, "mask.tif").method("l1-wavelet").build();
 * List<DiffusionOutput> planes = MriTask.run(request, ProgressListener.NONE, CancelToken.none()).planes();
 * }</pre>
 *
 * @param kspaces one k-space per slice, all of one size
 * @param masks one H·W 0/1 mask per slice
 * @param maskSource where the masks come from: the mask image, the k-space file's mask, or the k-space's data
 * @param sensitivities the given coil maps, one set per slice, or null
 * @param estimateSensitivities whether ESPIRiT estimates the maps (asked for, and multi-coil data without maps)
 * @param method what runs ({@code auto} stays auto: the self-validated blend of diffusion and TV, {@link MriAuto})
 * @param lambda the classical method's weight relative to an image of robust maximum 1; NaN for its default
 * @param iterations the classical method's iterations; 0 for its default
 * @param seed seed of the sampler and of l1-wavelet's random shifts
 * @param noiseSigma the k-space noise the data consistency stops at ({@code auto} resolved); 0 fits exactly
 * @param noise where {@code noiseSigma} comes from
 * @param model the prior (a name or folder, the bundled default resolved); null for a classical method
 * @param diffusion the sampler's settings; null for a classical method
 * @param throughPlaneTv weight of TV along the slice axis inside diffusion's data consistency; 0: slice by slice
 * @param adaptSteps steps of test-time adaptation of the prior to the scan before diffusion ({@link MriAdaptation});
 *        0: none
 */
public record MriRequest(List<CoilArray> kspaces, List<float[]> masks, MaskSource maskSource,
        List<CoilArray> sensitivities,
        boolean estimateSensitivities, MriMethod method, double lambda, int iterations, long seed, double noiseSigma,
        Noise noise, String model, DiffusionSettings diffusion, double throughPlaneTv, int adaptSteps) {

    public static final String DEFAULT_METHOD = "auto";
    /** The noise level's default: estimated from the sampled k-space corners ({@link KspaceNoise#estimate}). */
    public static final String DEFAULT_NOISE_SIGMA = "auto";

    /** Where the noise level comes from. */
    public enum Noise {
        /** Given by the user. */
        GIVEN,
        /** {@code auto}: estimated from the sampled k-space corners. */
        ESTIMATED,
        /** {@code auto} but not estimated (too few sampled corner points, or a classical method): 0. */
        NOT_ESTIMATED
    }

    /** Where the sampling masks come from. */
    public enum MaskSource {
        /** The mask image (or array) given. */
        GIVEN,
        /** The sampled columns stored with the k-space (fastMRI's {@code mask} dataset). */
        FILE,
        /** No mask given: the points where the k-space holds data ({@link SamplingMasks#fromData}). */
        DATA
    }

    /** Whether the prior runs (diffusion or auto). */
    public boolean usesPrior() {
        return method.usesPrior();
    }

    public boolean auto() {
        return method == MriMethod.AUTO;
    }

    public int slices() {
        return kspaces.size();
    }

    public int width() {
        return kspaces.get(0).width();
    }

    public int height() {
        return kspaces.get(0).height();
    }

    public static Builder builder(List<CoilArray> kspaces) {
        return new Builder(kspaces);
    }

    /** The user's values, as given; null or absent means the default. */
    public static final class Builder extends PriorRequestBuilder<Builder> {

        private final List<CoilArray> kspaces;
        private FloatImage maskImage;
        private String maskName;
        private float[] mask;
        private boolean[] columnMask;
        private String columnMaskName;
        private List<CoilArray> sensitivities;
        private String sensitivitiesName;
        private boolean estimateSensitivities;
        private String method = DEFAULT_METHOD;
        private Double lambda;
        private Integer iterations;
        private long seed = DiffusionSettings.DEFAULT_SEED;
        private String noiseSigma = DEFAULT_NOISE_SIGMA;
        private double throughPlaneTv = DEFAULT_THROUGH_PLANE_TV;
        private int adaptSteps;

        private Builder(List<CoilArray> kspaces) {
            if (kspaces.isEmpty()) {
                throw new IllegalArgumentException("no k-space slice");
            }
            this.kspaces = List.copyOf(kspaces);
        }

        /** The mask image: one plane for all slices or one per slice, 0 = not sampled; {@code name} for messages. */
        public Builder mask(FloatImage image, String name) {
            maskImage = image;
            maskName = name;
            mask = null;
            return this;
        }

        /** One H·W 0/1 mask for all slices (a simulated one). */
        public Builder mask(float[] value) {
            mask = value;
            maskImage = null;
            return this;
        }

        /**
         * The sampled columns stored with the k-space (fastMRI's {@code mask} dataset), used when no mask is given;
         * null: none, then the points holding data are the sampled ones. {@code name} for messages.
         */
        public Builder columnMask(boolean[] columns, String name) {
            columnMask = columns == null ? null : columns.clone();
            columnMaskName = name;
            return this;
        }

        /** Coil maps, one set for all slices or one per slice; null: none. {@code name} for messages. */
        public Builder sensitivities(List<CoilArray> maps, String name) {
            sensitivities = maps;
            sensitivitiesName = name;
            return this;
        }

        /** One set of coil maps for all slices; null: none. */
        public Builder sensitivities(CoilArray maps) {
            return sensitivities(maps == null ? null : List.of(maps), "");
        }

        /** Estimate the maps with ESPIRiT from the fully sampled centre (skipped for single-coil data). */
        public Builder estimateSensitivities(boolean value) {
            estimateSensitivities = value;
            return this;
        }

        /** auto, diffusion, zero-filled, cg-sense, l1-wavelet or tv, in any case ({@link MriMethod#parse}). */
        public Builder method(String value) {
            method = value;
            return this;
        }

        /** The classical method's weight; null: its default. */
        public Builder lambda(Double value) {
            lambda = value;
            return this;
        }

        /** The classical method's iterations; null: its default. */
        public Builder iterations(Integer value) {
            iterations = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** A k-space noise standard deviation as the user wrote it: a number, or {@code auto} to estimate it. */
        public Builder noiseSigma(String value) {
            noiseSigma = value;
            return this;
        }

        public Builder noiseSigma(double value) {
            return noiseSigma(Double.toString(value));
        }

        /**
         * Weight of TV along the slice axis inside the data consistency of diffusion (adjacent slices of a volume,
         * sampled in batches together); 0, the default: slice by slice.
         */
        public Builder throughPlaneTv(double value) {
            throughPlaneTv = value;
            return this;
        }

        /**
         * Steps of test-time adaptation of the prior to the scan before diffusion (0, the default: none); only
         * with the diffusion method.
         */
        public Builder adaptSteps(int value) {
            adaptSteps = value;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** Resolves the defaults and {@code auto} and checks everything the data allow; keyed errors. */
        public MriRequest build() {
            MriMethod chosen = MriMethod.parse(method);
            if (sensitivities != null && estimateSensitivities) {
                throw InvalidInputException.of("sensitivities",
                        "give either {sensitivities} or {estimate_sens}, not both");
            }
            if (lambda != null && !(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
                throw InvalidInputException.of("lambda", "{lambda} must be a non-negative number, got " + lambda);
            }
            if (iterations != null && iterations < 1) {
                throw InvalidInputException.of("iterations", "{iterations} must be at least 1, got " + iterations);
            }
            Double givenNoise = parseNoiseSigma(noiseSigma);
            MaskSource maskSource = maskImage != null || mask != null ? MaskSource.GIVEN
                    : columnMask != null ? MaskSource.FILE : MaskSource.DATA;
            List<float[]> masks = masks();
            List<CoilArray> maps = perSlice(sensitivities);
            boolean estimate = estimateSensitivities && maps == null && kspaces.get(0).coils() > 1;
            double noiseLevel = givenNoise == null ? 0 : givenNoise;
            Noise noise = givenNoise == null ? Noise.NOT_ESTIMATED : Noise.GIVEN;
            String modelName = null;
            DiffusionSettings settings = null;
            if (chosen.usesPrior()) {
                settings = settings();
                modelName = modelName(Priors.Task.MRI);
                if (givenNoise == null) {
                    OptionalDouble estimated = KspaceNoise.estimate(kspaces, masks);
                    noiseLevel = estimated.orElse(0);
                    noise = estimated.isPresent() ? Noise.ESTIMATED : Noise.NOT_ESTIMATED;
                }
            }
            return new MriRequest(kspaces, masks, maskSource, maps, estimate, chosen,
                    lambda == null ? Double.NaN : lambda,
                    iterations == null ? 0 : iterations, seed, noiseLevel, noise, modelName, settings,
                    checkThroughPlaneTv(throughPlaneTv), checkAdaptSteps(adaptSteps, chosen));
        }

        private static int checkAdaptSteps(int steps, MriMethod method) {
            ScanAdaptation.Settings.defaults(steps); // the range check, keyed
            if (steps > 0 && method != MriMethod.DIFFUSION) {
                // auto scores diffusion on held-out k-space, which the adaptation trains on: its choice would
                // favour the adapted prior unfairly.
                throw InvalidInputException.of("adapt_steps", "{adapt_steps} adapts the prior for {method} diffusion "
                        + "only, not " + method.label() + "; set {method} to diffusion or {adapt_steps} to 0");
            }
            return steps;
        }

        /** The given noise level, or null for {@code auto}. */
        private static Double parseNoiseSigma(String text) {
            String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (value.equals(DEFAULT_NOISE_SIGMA)) {
                return null;
            }
            double sigma;
            try {
                sigma = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("noise_sigma",
                        "{noise_sigma} must be a number ≥ 0 or 'auto', got '" + text
                                + "'");
            }
            SrRequest.checkNoiseSigma(sigma);
            return sigma;
        }

        /** One checked 0/1 mask per slice. */
        private List<float[]> masks() {
            int width = kspaces.get(0).width();
            int height = kspaces.get(0).height();
            if (mask != null) {
                if (mask.length != width * height) {
                    throw InvalidInputException.of("mask", "{mask} has " + mask.length + " points but the k-space has "
                            + width + "x" + height + "; use a mask of the k-space's size");
                }
                return Collections.nCopies(kspaces.size(), mask);
            }
            if (maskImage == null && columnMask != null) {
                if (columnMask.length != width) {
                    throw InvalidInputException.of("mask", columnMaskName + ": its mask has " + columnMask.length
                            + " columns but the k-space " + width + "; give {mask}");
                }
                float[] columns = SamplingMasks.fromColumns(height, columnMask);
                if (SamplingMasks.count(columns) == 0) {
                    throw InvalidInputException.of("mask",
                            columnMaskName + ": its mask samples no column; give {mask}");
                }
                return Collections.nCopies(kspaces.size(), columns);
            }
            if (maskImage == null) {
                List<float[]> masks = new ArrayList<>();
                for (int z = 0; z < kspaces.size(); z++) {
                    masks.add(SamplingMasks.fromData(kspaces.get(z), kspaces.size() == 1 ? "k-space"
                            : "k-space slice " + z));
                }
                return masks;
            }
            if (maskImage.width() != width || maskImage.height() != height) {
                throw InvalidInputException.of("mask", "{mask} " + maskName + " is " + maskImage.width() + "x"
                        + maskImage.height() + " (width x height) but the k-space is " + width + "x" + height
                        + "; use a mask of the k-space's size");
            }
            int planes = maskImage.slices();
            if (planes != 1 && planes != kspaces.size()) {
                throw InvalidInputException.of("mask", "{mask} " + maskName + " has " + planes + " planes for "
                        + kspaces.size() + " k-space slices; give one mask for all slices or one plane per slice");
            }
            List<float[]> masks = new ArrayList<>();
            for (int z = 0; z < kspaces.size(); z++) {
                FloatImage plane = planes == 1 ? maskImage : FloatImage.of(width, height, maskImage.slice(z));
                masks.add(SamplingMasks.fromImage(plane, maskName));
            }
            return masks;
        }

        /** The maps of every slice (one set repeated, or one per slice), or null for none. */
        private List<CoilArray> perSlice(List<CoilArray> maps) {
            if (maps == null) {
                return null;
            }
            if (maps.size() != 1 && maps.size() != kspaces.size()) {
                throw InvalidInputException.of("sensitivities", "{sensitivities} " + sensitivitiesName + " has "
                        + maps.size() + " slices of maps for " + kspaces.size()
                        + " k-space slices; give one set for all "
                        + "slices or one per slice");
            }
            return maps.size() == 1 ? Collections.nCopies(kspaces.size(), maps.get(0)) : List.copyOf(maps);
        }
    }
}
