package org.diffprior.task;

import java.util.List;
import java.util.Locale;

import org.diffprior.classical.CtReconstruction;
import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.TotalVariationCt;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.TransmissionNoise;

/**
 * A CT reconstruction as {@code diffprior ct} and Fiji's CT Reconstruction ask for it: the sinograms (one plane
 * each, one row per view), their angles and the method's parameters, with every default, {@code auto} value and
 * check made here. Errors are keyed by parameter ({@code subsets}, {@code i0}); the builder takes the user's raw
 * values (null for "not given") and {@link Builder#build()} resolves them. {@link CtTask#run} runs it.
 *
 * <pre>{@code
 * CtRequest request = CtRequest.builder(sinograms, CtAngles.parse("0:180:60")).method("sart").build();
 * List<DiffusionOutput> planes = CtTask.run(request, ProgressListener.NONE, CancelToken.none()).planes();
 * }</pre>
 *
 * @param sinograms one sinogram per plane: width = detector bins, height = views
 * @param method what runs: diffusion, fbp, sart or tv ({@code auto} resolved)
 * @param auto whether {@code auto} was asked for: diffusion then runs as the self-validated blend ({@link CtAuto})
 * @param size the output's side (the number of bins unless FBP is asked for another)
 * @param classical the classical methods' settings (SART subsets resolved for these views)
 * @param noise the sinograms' photon-counting noise, or null when unknown or noiseless
 * @param model the prior (a name or folder, the bundled default resolved); null for a classical method
 * @param diffusion the sampler's settings; null for a classical method
 * @param throughPlaneTv weight of TV along the slice axis inside diffusion's data consistency; 0: slice by slice
 */
public record CtRequest(FloatImage sinograms, double[] anglesDegrees, String method, boolean auto, int size,
        CtReconstruction.Settings classical, CtNoise noise, String model, DiffusionSettings diffusion,
        double throughPlaneTv) {

    /** The methods, {@code auto} first. */
    public static final List<String> METHODS = List.of("auto", "diffusion", "fbp", "sart", "tv");
    public static final String DEFAULT_METHOD = "auto";
    /** Largest output side: a 16384² float image is 1 GB, beyond any CT detector row. */
    public static final int MAX_SIZE = 16_384;
    /** {@link FbpFilter#RAM_LAK} by name (a constant, for the options' annotations). */
    public static final String DEFAULT_FILTER = "ram-lak";
    public static final double DEFAULT_RELAXATION = CtReconstruction.DEFAULT_SART_RELAXATION;
    /** TV's weight relative to the data scale, chosen on validation images. */
    public static final double DEFAULT_LAMBDA = TotalVariationCt.DEFAULT_RELATIVE_LAMBDA;
    public static final double DEFAULT_ATTENUATION_PER_PIXEL = TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL;
    /**
     * Posterior samples of a CT run by default, as for SR ({@link SrRequest#DEFAULT_SAMPLES}): their mean is the
     * image, and with {@code auto} the held-out folds rank that mean too. On the validation images (20 cases: 18, 30
     * and 60 views and a 120° arc) {@code auto} scored +1.05 / +0.02 dB mean / worst over the best tuned classical
     * method with two samples in every run, +0.87 / −0.02 with one, and +0.98 with two in the final run alone (the
     * folds' single sample under-rates the final mean, so the blends leaned on TV); diffusion alone +1.11 against
     * +0.55. The second sample runs in the same batch through the network.
     */
    public static final int DEFAULT_SAMPLES = 2;

    /** Whether the sampler runs (diffusion, or auto with a prior). */
    public boolean isDiffusion() {
        return method.equals("diffusion");
    }

    /** Whether {@code auto} fell back to a classical method because no CT prior is bundled and none was given. */
    public boolean autoWithoutPrior() {
        return auto && !isDiffusion();
    }

    public int views() {
        return anglesDegrees.length;
    }

    public static Builder builder(FloatImage sinograms, double[] anglesDegrees) {
        return new Builder(sinograms, anglesDegrees);
    }

    /** The user's values, as given; null or absent means the default. */
    public static final class Builder extends PriorRequestBuilder<Builder> {

        private final FloatImage sinograms;
        private final double[] anglesDegrees;
        private String method = DEFAULT_METHOD;
        private String filter = DEFAULT_FILTER;
        private Integer size;
        private Integer iterations;
        private Integer subsets;
        private double relaxation = DEFAULT_RELAXATION;
        private double lambda = DEFAULT_LAMBDA;
        private Double incidentPhotons;
        private double attenuationPerPixel = DEFAULT_ATTENUATION_PER_PIXEL;
        private double throughPlaneTv = DEFAULT_THROUGH_PLANE_TV;

        private Builder(FloatImage sinograms, double[] anglesDegrees) {
            this.sinograms = sinograms;
            this.anglesDegrees = anglesDegrees.clone();
            diffusion(DiffusionSettings.defaults().withSamples(DEFAULT_SAMPLES));
        }

        /** auto, diffusion, fbp, sart or tv, in any case. */
        public Builder method(String value) {
            method = value;
            return this;
        }

        /** The FBP filter by name (ram-lak, shepp-logan, hann). */
        public Builder filter(String value) {
            filter = value;
            return this;
        }

        /** The output side; null: the number of detector bins. */
        public Builder size(Integer value) {
            size = value;
            return this;
        }

        /** SART sweeps or TV iterations; null: the method's default. */
        public Builder iterations(Integer value) {
            iterations = value;
            return this;
        }

        /** SART ordered subsets; null: 10, or the number of views if fewer. */
        public Builder subsets(Integer value) {
            subsets = value;
            return this;
        }

        public Builder relaxation(double value) {
            relaxation = value;
            return this;
        }

        public Builder lambda(double value) {
            lambda = value;
            return this;
        }

        /** Incident photons per ray and attenuation per pixel of a noisy sinogram; null photons: unknown. */
        public Builder noise(Double photons, double attenuation) {
            incidentPhotons = photons;
            attenuationPerPixel = attenuation;
            return this;
        }

        /**
         * Weight of TV along the slice axis inside the data consistency of diffusion (adjacent slices of a volume,
         * sampled in batches together); 0, the default: slice by slice.
         */
        public Builder throughPlaneTv(double value) {
            throughPlaneTv = value;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** Resolves the defaults and {@code auto} and checks everything the data allow; keyed errors. */
        public CtRequest build() {
            String chosen = method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
            if (!METHODS.contains(chosen)) {
                throw InvalidInputException.of("method", "{method} '" + method + "' is unknown; use "
                        + String.join(", ", METHODS));
            }
            boolean auto = chosen.equals("auto");
            if (auto) {
                chosen = CtAuto.method(modelGiven());
            }
            FbpFilter fbpFilter = FbpFilter.parse(filter);
            int views = anglesDegrees.length;
            if (sinograms.height() != views) {
                throw InvalidInputException.of("angles", "the sinogram has " + sinograms.height() + " rows (views) but "
                        + "{angles} gives " + views + " angles; they must match");
            }
            sinograms.requireFinite("the sinogram");
            int bins = sinograms.width();
            int side = size == null ? bins : size;
            if (side < 2 || side > MAX_SIZE) {
                throw InvalidInputException.of("size", "{size} must lie in 2.." + MAX_SIZE + ", got " + side);
            }
            if (!chosen.equals("fbp") && side != bins) {
                throw InvalidInputException.of("size",
                        "{size} " + side + " differs from the " + bins + " detector bins; "
                                + chosen + " reconstructs N×N images from N bins (leave {size} out)");
            }
            int sartSubsets = subsets == null ? Math.min(CtReconstruction.DEFAULT_SART_SUBSETS, views) : subsets;
            if (chosen.equals("sart") && (sartSubsets < 1 || sartSubsets > views)) {
                throw InvalidInputException.of("subsets",
                        "{subsets} must lie in 1.." + views + " (the number of views), got "
                                + sartSubsets);
            }
            if (chosen.equals("sart") && !(relaxation > 0 && relaxation < 2)) {
                throw InvalidInputException.of("relaxation", "{relaxation} must lie in (0, 2), got " + relaxation);
            }
            if (iterations != null && iterations < 1) {
                throw InvalidInputException.of("iterations", "{iterations} must be at least 1, got " + iterations);
            }
            CtReconstruction.Settings classical = new CtReconstruction.Settings(fbpFilter,
                    iterations == null ? 0 : iterations, sartSubsets, relaxation, lambda);
            CtNoise noise = incidentPhotons == null ? null : new CtNoise(incidentPhotons, attenuationPerPixel);
            boolean sampled = chosen.equals("diffusion");
            return new CtRequest(sinograms, anglesDegrees, chosen, auto, side, classical, noise,
                    sampled ? modelName(Priors.Task.CT) : null,
                    sampled ? settings().coldStartOnly("CT") : null, checkThroughPlaneTv(throughPlaneTv));
        }
    }
}
