package org.diffprior.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.diffprior.prior.Denoiser;
import org.diffprior.task.MriMethod;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.MriAuto;
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
import org.diffprior.classical.MriReconstruction;
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

    @Option(names = "--kspace", required = true, description = "k-space as a BART .cfl/.hdr pair (H×W, or H×W×1×C for C coils; several slices in dimension 13 are reconstructed together)")
    Path kspace;

    @Option(names = "--mask", required = true, description = "sampling mask image, H×W, 0 = not sampled")
    Path mask;

    @Option(names = "--out", required = true, description = "output magnitude image (float32 TIFF)")
    Path out;

    @Option(names = {"--sensitivities", "--sens"}, description = "coil sensitivity maps as a BART .cfl (H×W×1×C)")
    Path sens;

    @Option(names = "--estimate-sens", description = "estimate coil sensitivities with ESPIRiT from the fully sampled centre (ignored for single-coil data)")
    boolean estimateSens;

    @Option(names = "--method", defaultValue = "auto",
            description = "auto, diffusion, zero-filled, cg-sense, l1-wavelet or tv (default: ${DEFAULT-VALUE}); "
                    + "auto holds out some measured k-space (whole columns of a 1-D mask, else 10 % of the points), "
                    + "reconstructs with diffusion and with TV at three weights, and reconstructs again from all "
                    + "data with the blend of the two that predicts the held-out data best; diffusion gives the "
                    + "posterior samples alone; --seed also seeds the random wavelet shifts of l1-wavelet")
    String method;

    @Option(names = "--lambda", description = "regularisation weight relative to an image of robust maximum 1 "
            + "(cg-sense: Tikhonov μ, default " + MriReconstruction.DEFAULT_CG_MU + "; l1-wavelet: λ, default "
            + MriReconstruction.DEFAULT_WAVELET_LAMBDA + ")")
    Double lambda;

    @Option(names = "--iterations", description = "solver iterations (cg-sense default " + MriReconstruction.DEFAULT_CG_ITERATIONS
            + ", l1-wavelet default " + MriReconstruction.DEFAULT_WAVELET_ITERATIONS + ")")
    Integer iterations;

    @Option(names = "--noise-sigma", defaultValue = "auto", description = "standard deviation of the k-space noise "
            + "(real and imaginary part of each sampled value, orthonormal FFT, as 'simulate mri'): diffusion fits "
            + "the data down to this noise level and no further; 'auto' estimates it from the sampled k-space "
            + "corners (noiseless if too few are sampled), 0 fits the data exactly (default: ${DEFAULT-VALUE})")
    String noiseSigma;

    @Mixin
    DiffusionOptions diffusion;

    @Override
    protected int execute() throws Exception {
        MriMethod chosen = MriMethod.parse(method);
        boolean auto = chosen == MriMethod.AUTO;
        if (sens != null && estimateSens) {
            throw InvalidInputException.of("sensitivities", "give either {sensitivities} or {estimate_sens}, not both");
        }
        if (lambda != null && !(lambda >= 0)) {
            throw new InvalidInputException("--lambda must be a non-negative number, got " + lambda);
        }
        if (iterations != null && iterations < 1) {
            throw new InvalidInputException("--iterations must be at least 1, got " + iterations);
        }
        List<CoilArray> slices = CoilArray.slicesFromCfl(Cfl.read(kspace), kspace.toString());
        CoilArray first = slices.get(0);
        FloatImage maskImage = ImageFiles.read(mask);
        if (maskImage.width() != first.width() || maskImage.height() != first.height()) {
            throw new InvalidInputException(mask + ": mask is " + maskImage.width() + "x" + maskImage.height()
                    + " (width x height) but the k-space is " + first.width() + "x" + first.height() + "; use a mask of the k-space's size");
        }
        if (maskImage.slices() != 1 && maskImage.slices() != slices.size()) {
            throw new InvalidInputException(mask + ": has " + maskImage.slices() + " planes for " + slices.size()
                    + " k-space slices; give one mask for all slices or one plane per slice");
        }
        List<CoilArray> sensitivities = sens == null ? null : CoilArray.slicesFromCfl(Cfl.read(sens), sens.toString());
        if (sensitivities != null && sensitivities.size() != 1 && sensitivities.size() != slices.size()) {
            throw new InvalidInputException(sens + ": has " + sensitivities.size() + " slices of maps for " + slices.size()
                    + " k-space slices; give one set for all slices or one per slice");
        }
        List<float[]> masks = new ArrayList<>();
        List<CoilArray> maps = sens == null && !(estimateSens && first.coils() > 1) ? null : new ArrayList<>();
        for (int z = 0; z < slices.size(); z++) {
            FloatImage plane = maskImage.slices() == 1 ? maskImage
                    : FloatImage.of(maskImage.width(), maskImage.height(), maskImage.slice(z));
            float[] sampling = SamplingMasks.fromImage(plane, mask.toString());
            masks.add(sampling);
            if (sensitivities != null) {
                maps.add(sensitivities.get(sensitivities.size() == 1 ? 0 : z));
            } else if (maps != null) {
                // One coil has no sensitivity to estimate (ESPIRiT would only crop the image), so single-coil data skip it.
                maps.add(Espirit.estimate(slices.get(z), sampling, Espirit.Settings.defaults()));
            }
        }
        if (chosen.usesPrior()) {
            return diffusion(slices, masks, maps, auto);
        }
        float[] magnitudes = new float[first.width() * first.height() * slices.size()];
        for (int z = 0; z < slices.size(); z++) {
            MriReconstruction.Request request = new MriReconstruction.Request(slices.get(z), masks.get(z),
                    maps == null ? null : maps.get(z), chosen.classical(), lambda == null ? Double.NaN : lambda,
                    iterations == null ? 0 : iterations, diffusion.seed);
            float[] magnitude = MriReconstruction.run(request, ProgressListener.NONE, CancelToken.none()).magnitude();
            System.arraycopy(magnitude, 0, magnitudes, z * magnitude.length, magnitude.length);
        }
        Tiffs.write(new FloatImage(first.width(), first.height(), slices.size(), magnitudes), out);
        return OK;
    }

    /** The --noise-sigma value, estimated from the k-space for 'auto'. */
    private double noiseLevel(List<CoilArray> slices, List<float[]> masks) {
        if (noiseSigma.trim().equalsIgnoreCase("auto")) {
            OptionalDouble sigma = MriDiffusion.estimateNoise(slices, masks);
            if (sigma.isEmpty()) {
                System.err.println("diffprior mri: too few sampled k-space corner points to estimate the noise; "
                        + "fitting the data exactly (give --noise-sigma to set a noise level)");
                return 0;
            }
            System.err.printf("diffprior mri: k-space noise estimated from the corners: %.4g%n", sigma.getAsDouble());
            return sigma.getAsDouble();
        }
        try {
            return Double.parseDouble(noiseSigma.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--noise-sigma must be a number ≥ 0 or 'auto', got '" + noiseSigma + "'");
        }
    }

    /** All slices in one sampling run, batched through the network. */
    private int diffusion(List<CoilArray> slices, List<float[]> masks, List<CoilArray> maps, boolean auto)
            throws IOException {
        DiffusionSettings settings = diffusion.settings();
        String modelName = diffusion.modelFor(Priors.Task.MRI);
        Denoiser prior = Priors.open(modelName);
        double sigma = noiseLevel(slices, masks);
        DiffusionOutput[] result;
        if (auto) {
            MriAuto.Result choice = MriAuto.run(slices, masks, maps, sigma, prior, settings,
                    new ConsoleProgress(System.err), CancelToken.none());
            if (Double.isNaN(choice.tvLambda())) {
                System.err.println("diffprior mri: auto: nothing outside the fully sampled centre to hold out; "
                        + "diffusion alone");
            } else {
                System.err.printf(java.util.Locale.ROOT, "diffprior mri: auto chose %s (%.2f diffusion + %.2f TV at "
                        + "weight %.0e; relative held-out k-space error: diffusion %.4f, TV %.4f, chosen %.4f)%n",
                        choice.choice(), choice.diffusionWeight(), 1 - choice.diffusionWeight(), choice.tvLambda(),
                        choice.diffusionError(), choice.tvError(), choice.chosenError());
            }
            result = choice.outputs().toArray(DiffusionOutput[]::new);
        } else {
            result = MriDiffusion.runSlices(slices, masks, maps, sigma, prior, settings,
                    new ConsoleProgress(System.err), CancelToken.none()).toArray(DiffusionOutput[]::new);
        }
        int width = slices.get(0).width();
        int height = slices.get(0).height();
        float[] mean = new float[width * height * result.length];
        for (int z = 0; z < result.length; z++) {
            System.arraycopy(result[z].mean(), 0, mean, z * width * height, width * height);
        }
        Tiffs.write(new FloatImage(width, height, result.length, mean), out);
        diffusion.writeExtras(width, height, result);
        System.err.println("diffprior mri: " + diffusion.describe(modelName, result) + ", wrote " + out);
        return OK;
    }
}
