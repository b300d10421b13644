package org.diffprior.command;

import java.io.File;
import java.io.IOException;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.diffprior.classical.MriReconstruction;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.djl.ScanAdaptation;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.physics.CoilArray;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.MriAdaptation;
import org.diffprior.task.MriAuto;
import org.diffprior.task.MriRequest;
import org.diffprior.task.MriSimulation;
import org.diffprior.task.MriTask;
import org.diffprior.task.ReconstructionMontage;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffPrior › MRI Reconstruction: reconstructs a magnitude image from undersampled Cartesian k-space,
 * either a BART .cfl file with its mask image, or k-space simulated from the current image. A rendering of
 * {@link MriRequest}: its parameters are the request's (same defaults, same checks), plus the simulation. Macro:
 * {@code run("MRI Reconstruction", "source=simulate acceleration=4 mask_type=random method=l1-wavelet");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DiffPrior>MRI Reconstruction", headless = true)
public final class MriReconstructionCommand extends TaskCommand {

    @Parameter(label = "Image (simulate)", required = false)
    private RandomAccessibleInterval<? extends RealType<?>> image;

    @Parameter(label = "Data", choices = {"simulate", "file"}, persist = false)
    private String source = "simulate";

    @Parameter(label = "k-space (.cfl, file)", required = false, style = "open", persist = false)
    private File kspace;

    @Parameter(label = "Mask image (file)", required = false, style = "open", persist = false)
    private File mask;

    @Parameter(label = "Coil sensitivities (.cfl, optional)", required = false, style = "open", persist = false)
    private File sensitivities;

    @Parameter(label = "Estimate coil sensitivities (ESPIRiT, multi-coil files)")
    private boolean estimate_sens = true;

    @Parameter(label = "Acceleration (simulate)", min = "1")
    private double acceleration = 4;

    @Parameter(label = "Mask type (simulate)", choices = {"random", "equispaced", "poisson"})
    private String mask_type = "random";

    @Parameter(label = "Centre fraction (simulate; 0 = default)", min = "0", max = "1")
    private double center_fraction;

    @Parameter(label = "Coils (simulate)", min = "1", max = "64")
    private int coils = 1;

    @Parameter(label = "k-space noise std (simulate adds it; 0 = estimate or none)", min = "0")
    private double noise_sigma;

    @Parameter(label = "Estimate the noise from the k-space corners when the std is 0")
    private boolean estimate_noise = true;

    @Parameter(label = "Method", choices = {"auto", "diffusion", "zero-filled", "cg-sense", "l1-wavelet", "tv"})
    private String method = MriRequest.DEFAULT_METHOD;

    @Parameter(label = "Model (empty = bundled)", required = false)
    private String model = "";

    @Parameter(label = "Diffusion steps", min = "1", max = "" + DiffusionSettings.MAX_STEPS)
    private int steps = DiffusionSettings.DEFAULT_STEPS;

    @Parameter(label = "Posterior samples", min = "1", max = "" + DiffusionSettings.MAX_SAMPLES)
    private int samples = DiffusionSettings.DEFAULT_SAMPLES;

    @Parameter(label = "Seed")
    private long seed = DiffusionSettings.DEFAULT_SEED;

    @Parameter(label = "Fresh noise per step, eta (0 = deterministic)", min = "0", max = "1", stepSize = "0.05")
    private double eta = DiffusionSettings.DEFAULT_ETA;

    @Parameter(label = "CG iterations per step (data consistency)", min = "0",
            max = "" + DiffusionSettings.MAX_CG_ITERATIONS)
    private int cg_iterations = DiffusionSettings.DEFAULT_CG_ITERATIONS;

    @Parameter(label = "Adapt the prior to the scan, steps (diffusion only; 0 = off)", min = "0",
            max = "" + ScanAdaptation.Settings.MAX_STEPS)
    private int adapt_steps;

    @Parameter(label = "Keep samples stack")
    private boolean keep_samples;

    @Parameter(label = "Montage (input | classical | diffusion | std)")
    private boolean montage;

    @Parameter(type = ItemIO.OUTPUT, label = "MRI reconstruction")
    private Img<FloatType> reconstruction;

    @Parameter(type = ItemIO.OUTPUT, label = "Posterior std", required = false)
    private Img<FloatType> std;

    @Parameter(type = ItemIO.OUTPUT, label = "Posterior samples", required = false)
    private Img<FloatType> samples_stack;

    @Parameter(type = ItemIO.OUTPUT, label = "Zero-filled", required = false)
    private Img<FloatType> zero_filled;

    @Parameter(type = ItemIO.OUTPUT, label = "Sampling mask", required = false)
    private Img<FloatType> sampling_mask;

    @Parameter(type = ItemIO.OUTPUT, label = "Montage", required = false)
    private Img<ARGBType> montage_image;

    @Override
    protected void execute() throws IOException {
        MriRequest.Builder builder;
        MriSimulation.Result sim = null;
        FloatImage picture = null;
        if ("simulate".equals(source)) {
            picture = Planes.in(image, "image");
            sim = MriSimulation.simulate(picture.data(), picture.width(), picture.height(),
                    new MriSimulation.Settings(acceleration, mask_type,
                            center_fraction > 0 ? center_fraction : Double.NaN,
                            coils, noise_sigma, seed));
            builder = MriRequest.builder(List.of(sim.kspace())).mask(sim.mask()).sensitivities(sim.sensitivities());
        } else {
            if (kspace == null || mask == null) {
                throw new InvalidInputException("source=file needs kspace=FILE.cfl and mask=IMAGE");
            }
            CoilArray maps = sensitivities == null ? null
                    : CoilArray.fromCfl(Cfl.read(sensitivities.toPath()), sensitivities.getName());
            // The checkbox is on by default: a maps file given beside it is used instead of estimating.
            builder = MriRequest.builder(List.of(CoilArray.fromCfl(Cfl.read(kspace.toPath()), kspace.getName())))
                    .mask(ImageFiles.read(mask.toPath()), mask.getName())
                    .sensitivities(maps).estimateSensitivities(estimate_sens && maps == null);
        }
        // A known noise std (simulate adds it) lets the data consistency stop there instead of fitting the noise;
        // 0 means estimate it from the k-space corners (as the command line's default --noise-sigma auto), or none.
        if (noise_sigma > 0 || !estimate_noise) {
            builder.noiseSigma(noise_sigma);
        }
        MriRequest request = builder.method(method).seed(seed).model(model).adaptSteps(adapt_steps)
                .diffusion(() -> DiffusionChoice.settings(steps, samples, seed, eta, cg_iterations)).build();
        MriTask.Result result = MriTask.run(request, progress(), cancelToken());
        DiffusionOutput out = result.planes().get(0);
        int width = request.width();
        int height = request.height();
        if (request.usesPrior()) {
            MriAuto.Result choice = result.auto();
            if (choice != null) {
                info("MRI auto chose " + choice.summary());
            }
            MriAdaptation.Adapted adapted = result.adaptation();
            if (adapted != null) {
                info(adapted.summary());
            }
            DiffusionImages images = DiffusionImages.of(out, keep_samples);
            reconstruction = images.mean();
            std = images.std();
            samples_stack = images.samples();
            info(DiffusionImages.summary("MRI diffusion", steps, out));
        } else {
            reconstruction = Planes.out(width, height, out.mean());
        }
        if (sim != null) {
            MriReconstruction.Request zeroFilled = new MriReconstruction.Request(sim.kspace(), sim.mask(),
                    sim.sensitivities(), MriReconstruction.Method.ZERO_FILLED, Double.NaN, 0, seed);
            zero_filled = Planes.out(width, height,
                    MriReconstruction.run(zeroFilled, progress(), cancelToken()).magnitude());
            sampling_mask = Planes.out(width, height, sim.mask());
        }
        if (montage) {
            montage_image = Planes.rgb(ReconstructionMontage.mri(request, result.planes(), picture,
                    ProgressListener.NONE, cancelToken()));
        }
    }
}
