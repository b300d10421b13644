package org.diffprior.command;

import org.diffprior.prior.Denoiser;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.Priors;

/**
 * The diffusion parameters the commands share (macro keys {@code model steps samples seed eta cg_iterations},
 * {@link DiffusionSettings#PARAMETERS}), turned into the task layer's settings and prior, which own their defaults
 * and checks; an empty model name means the task's bundled default ({@link Priors#modelName}).
 *
 * <pre>{@code
 * Denoiser prior = DiffusionChoice.prior(model, Priors.Task.MRI);
 * DiffusionSettings settings = DiffusionChoice.settings(steps, samples, seed, eta, cg_iterations);
 * }</pre>
 */
final class DiffusionChoice {

    private DiffusionChoice() {
    }

    static Denoiser prior(String model, Priors.Task task) {
        return Priors.open(Priors.modelName(model, task));
    }

    static DiffusionSettings settings(int steps, int samples, long seed, double eta, int cgIterations) {
        return new DiffusionSettings(steps, samples, seed, eta, cgIterations);
    }
}
