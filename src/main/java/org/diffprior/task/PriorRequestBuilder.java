package org.diffprior.task;

import java.util.function.Supplier;

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

    /** The sampler's settings, checked now. */
    final DiffusionSettings settings() {
        return diffusion.get();
    }
}
