package org.diffprior.task;

import java.util.Locale;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.core.InvalidInputException;

/**
 * The MRI reconstruction methods a user can ask for ({@code mri --method}, Fiji {@code method=}): the
 * self-validated blend {@code auto} (the default), {@code diffusion} alone, or one of the classical methods of
 * {@link MriReconstruction}. Diffusion lives in the task layer, so the classical enum does not name it.
 *
 * <pre>{@code
 * MriMethod method = MriMethod.parse("l1-wavelet");
 * if (!method.usesPrior()) MriReconstruction.run(new Request(k, mask, maps, method.classical(), NaN, 0, 1), …);
 * }</pre>
 */
public enum MriMethod {
    AUTO("auto", null), DIFFUSION("diffusion", null), ZERO_FILLED("zero-filled",
            MriReconstruction.Method.ZERO_FILLED), CG_SENSE("cg-sense", MriReconstruction.Method.CG_SENSE), L1_WAVELET(
                    "l1-wavelet", MriReconstruction.Method.L1_WAVELET), TV("tv", MriReconstruction.Method.TV);

    private final String label;
    private final MriReconstruction.Method classical;

    MriMethod(String label, MriReconstruction.Method classical) {
        this.label = label;
        this.classical = classical;
    }

    /** The name users type. */
    public String label() {
        return label;
    }

    /** Whether the method runs the diffusion prior (auto and diffusion). */
    public boolean usesPrior() {
        return classical == null;
    }

    /** The classical method; only for methods that do not use the prior. */
    public MriReconstruction.Method classical() {
        if (classical == null) {
            throw new IllegalStateException(label + " is not a classical method");
        }
        return classical;
    }

    /** Parses a user's method name, case and surrounding blanks ignored; an unknown name is a {@code method} error. */
    public static MriMethod parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (MriMethod m : values()) {
            if (m.label.equals(name)) {
                return m;
            }
        }
        throw InvalidInputException.of("method", "{method} '" + text
                + "' is unknown; use one of auto, diffusion, zero-filled, cg-sense, l1-wavelet, tv");
    }
}
