package org.diffprior.task;

import java.util.List;
import java.util.Optional;

import org.diffprior.core.InvalidInputException;
import org.diffprior.djl.DjlDenoiser;
import org.diffprior.djl.ModelStore;
import org.diffprior.prior.Denoiser;

/**
 * Which prior each task uses by default, and opening a prior by name or directory. Defaults are the first
 * bundled model of each task's preference list, so a better bundled model takes over by being added.
 *
 * <pre>{@code
 * Denoiser prior = Priors.open(Priors.modelName(model, Priors.Task.CT));   // model: null or blank = bundled
 * }</pre>
 */
public final class Priors {

    /** The capabilities that need a prior. */
    public enum Task {
        /**
         * The general grey prior first for MRI magnitude too: it is {@code universal-mri-128} trained on with CT
         * phantoms added (honest benchmark, MRI validation, 40 cases: auto +2.39 against +2.23 dB over the best tuned
         * classical method, every setting higher; diffusion alone +2.20 against +2.08).
         */
        MRI(List.of("universal-grey-128", "universal-mri-128", "colin27-brain-128", "colin27-brain-64")),
        /**
         * The general grey prior before the CT prior: trained on brains, photographs and CT phantoms, it reconstructs
         * real CT better than {@code ct-64}, which saw phantoms alone (validation, 20 cases: auto +0.87 against +0.33 dB
         * over tuned TV/SART; denoising the 26 held-out Cranium slices +0.8 to +1.1 dB).
         */
        CT(List.of("universal-grey-128", "ct-128", "ct-64")), SR(List.of("universal-grey-128", "colin27-brain-64"));

        private final List<String> preferences;

        Task(List<String> preferences) {
            this.preferences = preferences;
        }
    }

    private Priors() {
    }

    /** The bundled default model of a task, if one is bundled. */
    public static Optional<String> defaultModel(Task task) {
        return defaultModel(task, ModelStore.bundledNames());
    }

    /** The first of the task's preferred models among {@code bundled}. */
    static Optional<String> defaultModel(Task task, List<String> bundled) {
        return task.preferences.stream().filter(bundled::contains).findFirst();
    }

    /**
     * The model a task uses: the one named (a bundled or user model name, or a folder), else the task's bundled
     * default, else a keyed error asking for a model or a classical method. The one default-model rule of the
     * command line and of Fiji.
     */
    public static String modelName(String model, Task task) {
        return modelName(model, task, ModelStore.bundledNames());
    }

    /** {@link #modelName(String, Task)} for a build that bundles {@code bundled} (e.g. none, to see the refusal). */
    public static String modelName(String model, Task task, List<String> bundled) {
        if (model != null && !model.isBlank()) {
            return model.trim();
        }
        return defaultModel(task, bundled).orElseThrow(() -> InvalidInputException.of("model", "no bundled "
                + task.name()
                + " prior in this version; set {model} to a model name or folder, or choose a classical {method}"));
    }

    /** Opens a model (bundled name, user model name or directory); loaded once and cached across calls. */
    public static Denoiser open(String nameOrDirectory) {
        return DjlDenoiser.open(nameOrDirectory);
    }
}
