package org.diffprior.cli;

import java.io.IOException;

import org.diffprior.prior.Denoiser;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.MriDiffusion;
import org.diffprior.task.Priors;

import java.nio.file.Path;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.Espirit;
import org.diffprior.physics.MriReconstruction;
import org.diffprior.physics.MriReconstruction.Method;
import org.diffprior.physics.SamplingMasks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diffprior mri}: reconstructs a magnitude image from undersampled Cartesian k-space (BART .cfl, H×W or
 * H×W×1×C) and its 0/1 mask image.
 *
 * <pre>
 * diffprior mri --kspace k.cfl --mask mask.tif --out x.tif --estimate-sens --method l1-wavelet
 * </pre>
 */
@Command(name = "mri", mixinStandardHelpOptions = true,
        description = "Reconstruct an MRI image from undersampled Cartesian k-space.")
final class MriCommand extends CliCommand {

    @Option(names = "--kspace", required = true, description = "k-space as a BART .cfl/.hdr pair (H×W, or H×W×1×C for C coils)")
    Path kspace;

    @Option(names = "--mask", required = true, description = "sampling mask image, H×W, 0 = not sampled")
    Path mask;

    @Option(names = "--out", required = true, description = "output magnitude image (float32 TIFF)")
    Path out;

    @Option(names = "--sens", description = "coil sensitivity maps as a BART .cfl (H×W×1×C)")
    Path sens;

    @Option(names = "--estimate-sens", description = "estimate coil sensitivities with ESPIRiT from the fully sampled centre (ignored for single-coil data)")
    boolean estimateSens;

    @Option(names = "--method", defaultValue = "diffusion",
            description = "diffusion, zero-filled, cg-sense, l1-wavelet or tv (default: ${DEFAULT-VALUE}); "
                    + "--seed also seeds the random wavelet shifts of l1-wavelet")
    String method;

    @Option(names = "--lambda", description = "regularisation weight relative to an image of robust maximum 1 "
            + "(cg-sense: Tikhonov μ, default " + MriReconstruction.DEFAULT_CG_MU + "; l1-wavelet: λ, default "
            + MriReconstruction.DEFAULT_WAVELET_LAMBDA + ")")
    Double lambda;

    @Option(names = "--iterations", description = "solver iterations (cg-sense default " + MriReconstruction.DEFAULT_CG_ITERATIONS
            + ", l1-wavelet default " + MriReconstruction.DEFAULT_WAVELET_ITERATIONS + ")")
    Integer iterations;

    @Mixin
    DiffusionOptions diffusion;

    @Override
    protected int execute() throws Exception {
        Method chosen = Method.parse(method);
        if (sens != null && estimateSens) {
            throw new InvalidInputException("give either --sens or --estimate-sens, not both");
        }
        if (lambda != null && !(lambda >= 0)) {
            throw new InvalidInputException("--lambda must be a non-negative number, got " + lambda);
        }
        if (iterations != null && iterations < 1) {
            throw new InvalidInputException("--iterations must be at least 1, got " + iterations);
        }
        CoilArray data = CoilArray.fromCfl(Cfl.read(kspace), kspace.toString());
        FloatImage maskImage = ImageFiles.read(mask);
        if (maskImage.width() != data.width() || maskImage.height() != data.height()) {
            throw new InvalidInputException(mask + ": mask is " + maskImage.width() + "x" + maskImage.height()
                    + " (width x height) but the k-space is " + data.width() + "x" + data.height() + "; use a mask of the k-space's size");
        }
        float[] sampling = SamplingMasks.fromImage(maskImage, mask.toString());
        CoilArray maps = null;
        if (sens != null) {
            maps = CoilArray.fromCfl(Cfl.read(sens), sens.toString());
        } else if (estimateSens && data.coils() > 1) {
            // One coil has no sensitivity to estimate (ESPIRiT would only crop the image), so single-coil data skip it.
            maps = Espirit.estimate(data, sampling, Espirit.Settings.defaults());
        }
        if (chosen == Method.DIFFUSION) {
            return diffusion(data, sampling, maps);
        }
        MriReconstruction.Request request = new MriReconstruction.Request(data, sampling, maps, chosen,
                lambda == null ? Double.NaN : lambda, iterations == null ? 0 : iterations, diffusion.seed);
        MriReconstruction.Result result = MriReconstruction.run(request, ProgressListener.NONE, CancelToken.none());
        Tiffs.write(FloatImage.of(result.width(), result.height(), result.magnitude()), out);
        return OK;
    }

    private int diffusion(CoilArray data, float[] sampling, CoilArray maps) throws IOException {
        DiffusionSettings settings = diffusion.settings();
        String modelName = diffusion.modelFor(Priors.Task.MRI);
        Denoiser prior = Priors.open(modelName);
        DiffusionOutput[] result = {MriDiffusion.run(data, sampling, maps, prior, settings,
                new ConsoleProgress(System.err), CancelToken.none())};
        Tiffs.write(FloatImage.of(data.width(), data.height(), result[0].mean()), out);
        diffusion.writeExtras(data.width(), data.height(), result);
        System.err.println("diffprior mri: " + diffusion.describe(modelName, result) + ", wrote " + out);
        return OK;
    }
}
