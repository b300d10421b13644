package org.diffprior.cli;

import java.io.IOException;

import org.diffprior.core.CancelToken;
import org.diffprior.prior.Denoiser;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.Priors;
import org.diffprior.task.SrDiffusion;
import org.diffprior.classical.SrInterpolation;
import org.diffprior.io.Stacks;

import java.nio.file.Path;
import java.util.Locale;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diffprior sr}: super-resolves an image by an integer scale with bicubic or Lanczos-3 interpolation
 * (MATLAB imresize conventions), optionally made exactly consistent with the box or bicubic degradation.
 */
@Command(name = "sr", mixinStandardHelpOptions = true, description = "Super-resolve an image by an integer scale.")
final class SrCommand extends CliCommand {

    @Option(names = "--input", required = true, description = "low-resolution image")
    Path input;

    @Option(names = "--scale", required = true, description = "integer scale s; the output is s times the input size")
    int scale;

    @Option(names = "--out", required = true, description = "high-resolution image (float32 TIFF)")
    Path out;

    @Option(names = "--degradation", defaultValue = "bicubic", description = "how the input was made: box or bicubic (default: ${DEFAULT-VALUE}); used by --data-consistency and by diffusion")
    String degradation;

    @Option(names = "--method", defaultValue = "diffusion", description = "diffusion, bicubic or lanczos (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--data-consistency", description = "project the interpolated image onto the images whose degradation equals the input exactly")
    boolean dataConsistency;

    @Option(names = "--noise-sigma", defaultValue = "0", description = "standard deviation of the input's noise, in "
            + "its units, if known: diffusion then fits the input down to its noise level and no further (default: "
            + "${DEFAULT-VALUE}, noiseless or unknown: exact consistency)")
    double noiseSigma;

    @Mixin
    DiffusionOptions diffusion;

    @Override
    protected int execute() throws Exception {
        String chosen = method.trim().toLowerCase(Locale.ROOT);
        String degradationName = degradation.trim().toLowerCase(Locale.ROOT);
        if (!degradationName.equals("box") && !degradationName.equals("bicubic")) {
            throw new InvalidInputException("--degradation '" + degradation + "' is unknown; use box or bicubic");
        }
        if (chosen.equals("diffusion")) {
            return diffusion(degradationName);
        }
        if (!chosen.equals("bicubic") && !chosen.equals("lanczos")) {
            throw new InvalidInputException("--method '" + method + "' is unknown; use diffusion, bicubic or lanczos");
        }
        if (scale < 1 || scale > 16) {
            throw new InvalidInputException("--scale must be a whole number from 1 to 16, got " + scale);
        }
        FloatImage lowRes = ImageFiles.read(input);
        long start = System.nanoTime();
        FloatImage highRes = Stacks.planeByPlane(lowRes.slices(), lowRes.width() * scale, lowRes.height() * scale,
                z -> SrInterpolation.upsample(lowRes.slice(z), lowRes.width(), lowRes.height(), scale, chosen,
                        dataConsistency ? degradationName : null));
        Tiffs.write(highRes, out);
        System.err.printf("diffprior sr: %s x%d%s %dx%d -> %dx%d in %.2f s, wrote %s%n", chosen, scale,
                dataConsistency ? " + " + degradationName + " consistency" : "", lowRes.width(), lowRes.height(),
                highRes.width(), highRes.height(), (System.nanoTime() - start) / 1e9, out);
        return OK;
    }

    private int diffusion(String degradationName) throws IOException {
        if (scale < 2 || scale > 16) {
            throw new InvalidInputException("--scale must be a whole number from 2 to 16 for diffusion, got " + scale);
        }
        DiffusionSettings settings = diffusion.settingsWithoutWarmStart("sr");
        String modelName = diffusion.modelFor(Priors.Task.SR);
        Denoiser prior = Priors.open(modelName);
        FloatImage lowRes = ImageFiles.read(input);
        int width = lowRes.width() * scale;
        int height = lowRes.height() * scale;
        ConsoleProgress progress = new ConsoleProgress(System.err);
        DiffusionOutput[] planes = new DiffusionOutput[lowRes.slices()];
        Tiffs.write(Stacks.planeByPlane(lowRes.slices(), width, height, z -> (planes[z] = SrDiffusion.run(lowRes.slice(z),
                lowRes.width(), lowRes.height(), scale, degradationName, noiseSigma, prior, settings, progress,
                CancelToken.none())).mean()),
                out);
        diffusion.writeExtras(width, height, planes);
        System.err.println("diffprior sr: x" + scale + " " + degradationName + ", " + diffusion.describe(modelName, planes)
                + ", wrote " + out);
        return OK;
    }
}
