package org.diffprior.command;

import org.diffprior.core.InvalidInputException;
import org.diffprior.prior.Denoiser;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.Priors;

/**
 * The diffusion parameters the commands share (macro keys {@code model steps samples seed}), turned into
 * the task layer's settings and prior. An empty model name means the task's bundled default.
 *
 * <pre>{@code
 * Denoiser prior = DiffusionChoice.prior(model, Priors.Task.MRI);
 * DiffusionSettings settings = DiffusionChoice.settings(steps, samples, seed);
 * }</pre>
 */
final class DiffusionChoice {

    private DiffusionChoice() {
    }

    static String modelName(String model, Priors.Task task) {
        if (model != null && !model.isBlank()) {
            return model.trim();
        }
        return Priors.defaultModel(task).orElseThrow(() -> new InvalidInputException("no bundled " + task.name()
                + " prior in this version; give model=NAME (or a model folder) or choose a classical method"));
    }

    static Denoiser prior(String model, Priors.Task task) {
        return Priors.open(modelName(model, task));
    }

    static DiffusionSettings settings(int steps, int samples, long seed) {
        // Checked here too so that Fiji users read their macro keys, not the command line's --options.
        if (steps < 1 || steps > 1000) {
            throw new InvalidInputException("steps must lie in 1..1000, got " + steps);
        }
        if (samples < 1 || samples > 256) {
            throw new InvalidInputException("samples must lie in 1..256, got " + samples);
        }
        return new DiffusionSettings(steps, samples, seed, DiffusionSettings.DEFAULT_ETA,
                DiffusionSettings.DEFAULT_CG_ITERATIONS);
    }
}
