package org.diffprior.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.AtomicFiles;
import org.diffprior.io.CallFiles;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.diffprior.io.Volume;
import org.diffprior.io.Volumes;
import org.diffprior.task.CtRequest;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.SrRequest;
import picocli.CommandLine.Option;

/**
 * Options shared by every command with a diffusion method (picocli mixin): a rendering of the task layer's
 * {@link DiffusionSettings} (its defaults, its checks) plus the command line's extra outputs.
 *
 * <pre>{@code
 * @Mixin DiffusionOptions diffusion;
 * CtRequest request = CtRequest.builder(sinograms, angles).model(diffusion.model).diffusion(diffusion::settings).build();
 * }</pre>
 */
final class DiffusionOptions {

    @Option(names = "--model", description = "diffusion prior: a bundled or user model name, or a model directory "
            + "(default: the bundled model for this task; 'diffprior models' lists them)")
    String model;

    @Option(names = "--steps", defaultValue = "" + DiffusionSettings.DEFAULT_STEPS,
            description = "network evaluations per sample (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--samples", description = "posterior samples K; the output is their mean (default: "
            + DiffusionSettings.DEFAULT_SAMPLES + "; ct: " + CtRequest.DEFAULT_SAMPLES + "; sr: "
            + SrRequest.DEFAULT_SAMPLES
            + ")")
    Integer samples;

    /** What {@code --samples} means when it is not given: the task's default. */
    private final int defaultSamples;

    DiffusionOptions() {
        this(DiffusionSettings.DEFAULT_SAMPLES);
    }

    /** Options whose {@code --samples} defaults to {@code defaultSamples} (CT's or SR's own default). */
    DiffusionOptions(int defaultSamples) {
        this.defaultSamples = defaultSamples;
    }

    @Option(names = "--eta", defaultValue = "" + DiffusionSettings.DEFAULT_ETA,
            description = "fraction of fresh noise per step, 0 = deterministic (default: ${DEFAULT-VALUE})")
    double eta;

    @Option(names = "--cg-iterations", defaultValue = "" + DiffusionSettings.DEFAULT_CG_ITERATIONS,
            description = "conjugate-gradient data-consistency iterations per step (default: ${DEFAULT-VALUE})")
    int cgIterations;

    @Option(names = "--start-noise", defaultValue = "" + DiffusionSettings.DEFAULT_START_NOISE,
            description = "MRI warm start: begin the reverse process at this noise level (σ/α, image robust maximum 1) "
                    + "around a TV reconstruction instead of at pure noise, e.g. 0.2; 0 = cold start (default: ${DEFAULT-VALUE})")
    double startNoise;

    @Option(names = "--seed", defaultValue = "" + DiffusionSettings.DEFAULT_SEED,
            description = "random seed; equal seeds give equal results (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--std-out", description = "posterior standard deviation map (float32 TIFF, or NIfTI for a .nii or "
            + ".nii.gz name, with the output's geometry; needs --samples ≥ 2)")
    Path stdOut;

    @Option(names = "--samples-out", description = "all posterior samples as a float32 TIFF stack (the K samples of "
            + "plane 1, then of plane 2, ...)")
    Path samplesOut;

    /** The settings these options give; {@link DiffusionSettings} checks them. */
    DiffusionSettings settings() {
        int samples = samples();
        // --std-out is the command line's alone (Fiji publishes the std whenever there are 2 samples).
        if (stdOut != null && samples < 2) {
            throw InvalidInputException.of("std_out",
                    "{std_out} needs at least 2 posterior samples; set {samples} to 4 "
                            + "(or more)");
        }
        if (samplesOut != null && Volumes.isNifti(samplesOut)) {
            throw InvalidInputException.of("samples_out", "{samples_out} is a TIFF stack of planes × samples, not a "
                    + "volume; give it a .tif name");
        }
        return new DiffusionSettings(steps, samples, seed, eta, cgIterations, startNoise);
    }

    /** The samples asked for, or the task's default. */
    int samples() {
        return samples != null ? samples : defaultSamples;
    }

    /** Declares the optional std map and samples as outputs of the call. */
    void declareOutputs(CallFiles files) {
        files.output("std_out", stdOut).output("samples_out", samplesOut);
    }

    /**
     * Stages the optional std map and samples of the given planes (one output per input plane), to be committed
     * with the call's other outputs; the std map on the output's grid ({@code grid} puts a stack of output planes
     * on it: NIfTI for a .nii or .nii.gz name, else calibrated TIFF).
     */
    void stageExtras(AtomicFiles.Transaction outputs, List<DiffusionOutput> planes,
            Function<FloatImage, Volume> grid) throws IOException {
        if (stdOut != null) {
            outputs.stage(stdOut,
                    Volumes.writer(grid.apply(DiffusionOutput.stdStack(planes)).withoutDisplayRange(), stdOut));
        }
        if (samplesOut != null) {
            outputs.stage(samplesOut, Tiffs.writer(DiffusionOutput.samplesStack(planes)));
        }
    }

    /** One log line with what ran, for reproducibility. */
    String describe(String modelName, List<DiffusionOutput> planes) {
        double seconds = 0;
        for (DiffusionOutput p : planes) {
            seconds += p.seconds();
        }
        return String.format(
                "diffusion (DDS, model %s, %d steps, %d sample(s), eta %.2f, %d CG, seed %d): %d plane(s) in %.1f s",
                modelName, steps, samples(), eta, cgIterations, seed, planes.size(), seconds);
    }
}
