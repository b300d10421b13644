package org.diffprior.ij1;

import ij.gui.GenericDialog;
import org.diffprior.task.DiffusionSettings;

/**
 * The fields every reconstruction dialog ends with, under the Fiji commands' keys ({@code model steps samples seed
 * eta cg_iterations keep_samples montage}); the task layer's {@link DiffusionSettings} owns the defaults and checks.
 *
 * <pre>{@code
 * DiffusionFields.add(dialog);                         // after the command's own fields
 * DiffusionFields fields = DiffusionFields.read(dialog);  // after reading them
 * }</pre>
 */
record DiffusionFields(String model, int steps, int samples, long seed, double eta, int cgIterations,
        boolean keepSamples, boolean montage) {

    static void add(GenericDialog dialog) {
        add(dialog, DiffusionSettings.DEFAULT_SAMPLES);
    }

    /** As {@link #add(GenericDialog)}, with the task's own default number of posterior samples. */
    static void add(GenericDialog dialog, int defaultSamples) {
        dialog.addStringField("Model (empty = bundled)", "", 20);
        dialog.addNumericField("Steps (diffusion)", DiffusionSettings.DEFAULT_STEPS, 0);
        dialog.addNumericField("Samples (posterior)", defaultSamples, 0);
        dialog.addNumericField("Seed", DiffusionSettings.DEFAULT_SEED, 0);
        dialog.addNumericField("Eta (fresh noise per step, 0 = deterministic)", DiffusionSettings.DEFAULT_ETA, 2);
        dialog.addNumericField("CG_iterations (data consistency per step)", DiffusionSettings.DEFAULT_CG_ITERATIONS,
                0);
        dialog.addCheckbox("Keep_samples (stack)", false);
        dialog.addCheckbox("Montage (input | classical | diffusion | std)", false);
    }

    static DiffusionFields read(GenericDialog dialog) {
        String model = dialog.getNextString().trim();
        int steps = whole(dialog.getNextNumber());
        int samples = whole(dialog.getNextNumber());
        long seed = (long) dialog.getNextNumber();
        double eta = dialog.getNextNumber();
        int cgIterations = whole(dialog.getNextNumber());
        return new DiffusionFields(model, steps, samples, seed, eta, cgIterations, dialog.getNextBoolean(),
                dialog.getNextBoolean());
    }

    DiffusionSettings settings() {
        return new DiffusionSettings(steps, samples, seed, eta, cgIterations);
    }

    /** A dialog number as an int; NaN (not a number typed) stays out of range so the task layer names the key. */
    static int whole(double value) {
        return Double.isNaN(value) ? Integer.MIN_VALUE : (int) Math.round(value);
    }
}
