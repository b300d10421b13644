package org.diffprior.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.diffprior.prior.Denoiser;
import org.diffprior.task.CtAuto;
import org.diffprior.task.CtDiffusion;
import org.diffprior.task.CtNoise;
import org.diffprior.classical.CtReconstruction;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.Priors;
import org.diffprior.io.Stacks;

import java.nio.file.Path;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CtAngles;
import org.diffprior.classical.FbpFilter;
import org.diffprior.physics.TransmissionNoise;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diffprior ct}: reconstructs a CT image from a parallel-beam sinogram (one row per view, DESIGN.md §3)
 * by FBP, SART or TV; each plane of a stack is one sinogram.
 */
@Command(name = "ct", mixinStandardHelpOptions = true,
        description = "Reconstruct a CT image from a (sparse-view or limited-angle) sinogram.")
final class CtCommand extends CliCommand {

    @Option(names = "--sinogram", required = true, description = "float32 TIFF, one row per view, one column per detector bin")
    Path sinogram;

    @Option(names = "--angles", required = true, description = "degrees: 0,45,90 or start:stop:count (stop excluded) or a JSON list file")
    String angles;

    @Option(names = "--out", required = true, description = "reconstructed image (float32 TIFF)")
    Path out;

    @Option(names = "--size", description = "output size N (default: the number of detector bins; fbp only may differ)")
    Integer size;

    @Option(names = "--method", defaultValue = "auto", description = "auto, diffusion, fbp, sart or tv; auto holds out "
            + "two folds of 12 % of the views, reconstructs the rest with diffusion and with TV at three weights, and "
            + "reconstructs again from all views with the blend of the two that predicts the held-out views best "
            + "(sart when no CT prior is bundled and no --model is given) (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--filter", defaultValue = "ram-lak", description = "FBP filter: ram-lak, shepp-logan or hann (default: ${DEFAULT-VALUE})")
    String filter;

    @Option(names = "--iterations", description = "SART sweeps (default 20) or TV iterations (default 300)")
    Integer iterations;

    @Option(names = "--subsets", defaultValue = "10", description = "SART ordered subsets (default: ${DEFAULT-VALUE}, at most the number of views)")
    int subsets;

    @Option(names = "--relaxation", defaultValue = "0.9", description = "SART relaxation in (0, 2) (default: ${DEFAULT-VALUE})")
    double relaxation;

    @Option(names = "--lambda", defaultValue = "3e-5", description = "TV weight relative to the data scale (default: ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--i0", description = "incident photons per ray of the measurement, if known (e.g. 1e5): "
            + "diffusion then fits the sinogram down to its noise level and no further (default: unknown, a fixed "
            + "number of CG steps, right for noiseless data)")
    Double incidentPhotons;

    @Option(names = "--attenuation-per-pixel", defaultValue = "" + TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL,
            description = "with --i0: attenuation of image value 1 over one pixel (default: ${DEFAULT-VALUE}, as "
                    + "'simulate ct')")
    double attenuationPerPixel;

    @Mixin
    DiffusionOptions diffusion;

    @Override
    protected int execute() throws Exception {
        String chosen = method.trim().toLowerCase();
        boolean auto = chosen.equals("auto");
        if (auto) {
            chosen = CtAuto.method(diffusion.model != null);
            if (!chosen.equals("diffusion")) {
                System.err.println("diffprior ct: no bundled CT prior in this version, using sart; "
                        + "pass --model NAME|DIR for diffusion");
            }
        }
        if (!chosen.equals("diffusion") && !chosen.equals("fbp") && !chosen.equals("sart") && !chosen.equals("tv")) {
            throw new InvalidInputException("--method '" + method + "' is unknown; use auto, diffusion, fbp, sart or tv");
        }
        FbpFilter fbpFilter = FbpFilter.parse(filter);
        double[] anglesDegrees = CtAngles.parse(angles);
        FloatImage input = ImageFiles.read(sinogram);
        if (input.height() != anglesDegrees.length) {
            throw new InvalidInputException(sinogram + " has " + input.height() + " rows (views) but --angles gives "
                    + anglesDegrees.length + " angles; they must match");
        }
        int bins = input.width();
        int outputSize = size == null ? bins : size;
        if (outputSize < 2) {
            throw new InvalidInputException("--size must be at least 2, got " + outputSize);
        }
        if (!chosen.equals("fbp") && outputSize != bins) {
            throw new InvalidInputException("--size " + outputSize + " differs from the " + bins
                    + " detector bins; sart and tv reconstruct N×N images from N bins (leave --size out)");
        }
        if (chosen.equals("sart") && (subsets < 1 || subsets > anglesDegrees.length)) {
            throw new InvalidInputException("--subsets must lie in 1.." + anglesDegrees.length + " (the number of views), got " + subsets);
        }
        if (chosen.equals("sart") && !(relaxation > 0 && relaxation < 2)) {
            throw new InvalidInputException("--relaxation must lie in (0, 2), got " + relaxation);
        }
        if (!(lambda >= 0)) {
            throw new InvalidInputException("--lambda must be ≥ 0, got " + lambda);
        }
        if (iterations != null && iterations < 1) {
            throw new InvalidInputException("--iterations must be at least 1, got " + iterations);
        }
        CtNoise noise = incidentPhotons == null ? null : new CtNoise(incidentPhotons, attenuationPerPixel);
        if (noise != null && !chosen.equals("diffusion")) {
            System.err.println("diffprior ct: --i0 is used by --method diffusion only; " + chosen + " ignores it");
        }
        if (chosen.equals("diffusion")) {
            return diffusion(input, anglesDegrees, bins, noise, auto);
        }
        CtReconstruction.Settings settings = new CtReconstruction.Settings(fbpFilter, iterations == null ? 0 : iterations,
                subsets, relaxation, lambda);
        CtReconstruction.Method classical = CtReconstruction.Method.parse(chosen);
        long start = System.nanoTime();
        Tiffs.write(Stacks.planeByPlane(input.slices(), outputSize, outputSize, z -> CtReconstruction.run(input.slice(z),
                anglesDegrees, bins, outputSize, classical, settings, ProgressListener.NONE, CancelToken.none())), out);
        System.err.printf("diffprior ct: %s of %d view(s) x %d bins -> %dx%d in %.2f s, wrote %s%n", chosen,
                anglesDegrees.length, bins, outputSize, outputSize, (System.nanoTime() - start) / 1e9, out);
        return OK;
    }

    private int diffusion(FloatImage input, double[] anglesDegrees, int bins, CtNoise noise, boolean auto)
            throws IOException {
        DiffusionSettings settings = diffusion.settingsWithoutWarmStart("ct");
        String modelName = diffusion.modelFor(Priors.Task.CT);
        Denoiser prior = Priors.open(modelName);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        List<float[]> sinograms = new ArrayList<>();
        for (int z = 0; z < input.slices(); z++) {
            sinograms.add(input.slice(z));
        }
        // All planes of a stack in one sampling run, batched through the network.
        DiffusionOutput[] planes;
        if (auto && anglesDegrees.length >= 8) {
            CtAuto.Result choice = CtAuto.run(sinograms, anglesDegrees, bins, prior, settings, noise, progress,
                    CancelToken.none());
            if (Double.isNaN(choice.tvLambda())) {
                System.err.println("diffprior ct: auto: too few views to hold out; diffusion alone");
            } else {
                System.err.printf(java.util.Locale.ROOT, "diffprior ct: auto chose %.2f diffusion + %.2f TV at weight %.0e "
                        + "(relative held-out view error: diffusion %.4g, TV %.4g, chosen %.4g)%n", choice.diffusionWeight(),
                        1 - choice.diffusionWeight(), choice.tvLambda(), choice.diffusionError(), choice.tvError(),
                        choice.chosenError());
            }
            planes = choice.outputs().toArray(DiffusionOutput[]::new);
        } else {
            // Fewer than 8 views leave too few to hold out: auto is plain diffusion there.
            planes = CtDiffusion.runSlices(sinograms, anglesDegrees, bins, prior, settings, noise, progress,
                    CancelToken.none()).toArray(DiffusionOutput[]::new);
        }
        Tiffs.write(Stacks.planeByPlane(input.slices(), bins, bins, z -> planes[z].mean()), out);
        diffusion.writeExtras(bins, bins, planes);
        System.err.println("diffprior ct: " + diffusion.describe(modelName, planes) + ", wrote " + out);
        return OK;
    }
}
