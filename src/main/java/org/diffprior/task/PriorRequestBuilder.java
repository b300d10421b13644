package org.diffprior.task;

import java.util.function.Supplier;

import org.diffprior.core.InvalidInputException;

/**
 * What the request builders of every task with a diffusion prior share: the prior (a bundled or user model name,
 * or a folder; blank for the task's bundled default) and the sampler's settings, asked for only when the prior
 * runs, so that the diffusion parameters of a run with a classical method are neither needed nor checked.
 *
 * <pre>{@code
 * CtRequest request = CtRequest.builder(sinograms, angles).method("diffusion").model("ct-64")
 *         .diffusion(DiffusionSettings.defaults()).build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by the setters so that calls chain
 */
public abstract class PriorRequestBuilder<B extends PriorRequestBuilder<B>> {

    private String model;
    private Supplier<DiffusionSettings> diffusion = DiffusionSettings::defaults;

    PriorRequestBuilder() {
    }

    /** This builder as its own type. */
    abstract B self();

    /** The prior by name or folder; null or blank: the task's bundled prior. */
    public B model(String value) {
        model = value;
        return self();
    }

    /** The sampler's settings, asked for only when the prior runs. */
    public B diffusion(Supplier<DiffusionSettings> value) {
        diffusion = value;
        return self();
    }

    public B diffusion(DiffusionSettings value) {
        return diffusion(() -> value);
    }

    /** Whether a model was named (else the task's bundled default applies). */
    final boolean modelGiven() {
        return model != null && !model.isBlank();
    }

    /** The model the task uses ({@link Priors#modelName}: a keyed error when there is none). */
    final String modelName(Priors.Task task) {
        return Priors.modelName(model, task);
    }

    /**
     * TV along the slice axis inside the data consistency of a volume's diffusion ({@code through_plane_tv}, CT and
     * MRI): its weight relative to a normalised image, 0 (the default) for slice by slice, at most
     * {@link #MAX_THROUGH_PLANE_TV}; a keyed error otherwise.
     */
    static double checkThroughPlaneTv(double value) {
        if (!(value >= 0 && value <= MAX_THROUGH_PLANE_TV)) {
            throw InvalidInputException.of("through_plane_tv", "{through_plane_tv} must lie in 0.."
                    + MAX_THROUGH_PLANE_TV + " (0: slice by slice; 0.05 is a good start), got " + value);
        }
        return value;
    }

    /** Default of {@link #checkThroughPlaneTv}: slices are reconstructed independently. */
    public static final double DEFAULT_THROUGH_PLANE_TV = 0;
    public static final double MAX_THROUGH_PLANE_TV = 1;

    /** The sampler's settings, checked now. */
    final DiffusionSettings settings() {
        return diffusion.get();
    }
}
