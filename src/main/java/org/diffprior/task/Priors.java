package org.diffprior.task;

import java.util.List;
import java.util.Optional;

import org.diffprior.djl.DjlDenoiser;
import org.diffprior.djl.ModelStore;
import org.diffprior.prior.Denoiser;

/**
 * Which prior each task uses by default, and opening a prior by name or directory. Defaults are the first
 * bundled model of each task's preference list, so a better bundled model takes over by being added.
 */
public final class Priors {

    /** The capabilities that need a prior. */
    public enum Task {
        MRI(List.of("colin27-brain-128", "colin27-brain-64")),
        CT(List.of("ct-128", "ct-64")),
        SR(List.of("grey-64", "colin27-brain-128", "colin27-brain-64"));

        private final List<String> preferences;

        Task(List<String> preferences) {
            this.preferences = preferences;
        }
    }

    private Priors() {
    }

    /** The bundled default model of a task, if one is bundled. */
    public static Optional<String> defaultModel(Task task) {
        List<String> bundled = ModelStore.bundledNames();
        return task.preferences.stream().filter(bundled::contains).findFirst();
    }

    /** Opens a model (bundled name, user model name or directory); loaded once and cached across calls. */
    public static Denoiser open(String nameOrDirectory) {
        return DjlDenoiser.open(nameOrDirectory);
    }
}
