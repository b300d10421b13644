package org.diffprior.command;

import java.io.IOException;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.ReconstructionMontage;
import org.diffprior.task.SrRequest;
import org.diffprior.task.SrTask;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffPrior › Super-Resolution: enlarges the current image by an integer scale, or first degrades it
 * by that scale (box or bicubic, cropped to a multiple of the scale, optionally with Gaussian noise) to compare
 * the result with the original. A noise std > 0 also tells the diffusion method the noise level of the input.
 * A rendering of {@link SrRequest}: its parameters are the request's (same defaults, same checks), plus the
 * simulation. Macro: {@code run("Super-Resolution", "source=simulate scale=2 degradation=box method=bicubic");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DiffPrior>Super-Resolution", headless = true)
public final class SuperResolutionCommand extends TaskCommand {

    @Parameter(label = "Image")
    private RandomAccessibleInterval<? extends RealType<?>> image;

    @Parameter(label = "Data", choices = {"low-res", "simulate"}, persist = false)
    private String source = "low-res";

    @Parameter(label = "Scale", min = "2", max = "" + SrInterpolation.MAX_SCALE)
    private int scale = 2;

    @Parameter(label = "Degradation", choices = {"bicubic", "box"})
    private String degradation = SrRequest.DEFAULT_DEGRADATION;

    @Parameter(label = "Noise std of the low-res image (0 = none or unknown; simulate adds it)", min = "0")
    private double noise_sigma;

    @Parameter(label = "Method", choices = {"diffusion", "bicubic", "lanczos"})
    private String method = SrRequest.DEFAULT_METHOD;

    @Parameter(label = "Make consistent with the degradation (bicubic, lanczos)")
    private boolean data_consistency;

    @Parameter(label = "Model (empty = bundled)", required = false)
    private String model = "";

    @Parameter(label = "Diffusion steps", min = "1", max = "" + DiffusionSettings.MAX_STEPS)
    private int steps = DiffusionSettings.DEFAULT_STEPS;

    @Parameter(label = "Posterior samples", min = "1", max = "" + DiffusionSettings.MAX_SAMPLES)
    private int samples = SrRequest.DEFAULT_SAMPLES;

    @Parameter(label = "Seed")
    private long seed = DiffusionSettings.DEFAULT_SEED;

    @Parameter(label = "Fresh noise per step, eta (0 = deterministic)", min = "0", max = "1", stepSize = "0.05")
    private double eta = DiffusionSettings.DEFAULT_ETA;

    @Parameter(label = "CG iterations per step (data consistency)", min = "0",
            max = "" + DiffusionSettings.MAX_CG_ITERATIONS)
    private int cg_iterations = DiffusionSettings.DEFAULT_CG_ITERATIONS;

    @Parameter(label = "Keep samples stack")
    private boolean keep_samples;

    @Parameter(label = "Montage (input | classical | diffusion | std)")
    private boolean montage;

    @Parameter(type = ItemIO.OUTPUT, label = "Super-resolved")
    private Img<FloatType> reconstruction;

    @Parameter(type = ItemIO.OUTPUT, label = "Posterior std", required = false)
    private Img<FloatType> std;

    @Parameter(type = ItemIO.OUTPUT, label = "Posterior samples", required = false)
    private Img<FloatType> samples_stack;

    @Parameter(type = ItemIO.OUTPUT, label = "Low resolution", required = false)
    private Img<FloatType> low_res;

    @Parameter(type = ItemIO.OUTPUT, label = "Montage", required = false)
    private Img<ARGBType> montage_image;

    @Override
    protected void execute() throws IOException {
        FloatImage lowRes;
        FloatImage picture = null;
        if ("simulate".equals(source)) {
            picture = Planes.in(multipleOfScale(image), "image");
            lowRes = SrInterpolation.degrade(picture, scale, degradation, noise_sigma, seed);
            low_res = Planes.out(lowRes.width(), lowRes.height(), lowRes.data());
        } else {
            lowRes = Planes.in(image, "image");
        }
        // A known noise level lets the data consistency stop there instead of copying the noise.
        SrRequest request = SrRequest.builder(lowRes, scale).degradation(degradation).method(method)
                .dataConsistency(data_consistency).noiseSigma(noise_sigma).model(model)
                .diffusion(() -> DiffusionChoice.settings(steps, samples, seed, eta, cg_iterations)).build();
        List<DiffusionOutput> planes = SrTask.run(request, progress(), cancelToken());
        DiffusionOutput out = planes.get(0);
        if (request.isDiffusion()) {
            DiffusionImages images = DiffusionImages.of(out, keep_samples);
            reconstruction = images.mean();
            std = images.std();
            samples_stack = images.samples();
            info(DiffusionImages.summary("SR diffusion x" + scale, steps, out));
        } else {
            reconstruction = Planes.out(request.width(), request.height(), out.mean());
        }
        if (montage) {
            montage_image = Planes.rgb(
                    ReconstructionMontage.sr(request, planes, picture, ProgressListener.NONE, cancelToken()));
        }
    }

    /** The top-left part whose width and height are multiples of the scale, so any picture can be degraded. */
    private <T extends RealType<?>> RandomAccessibleInterval<T> multipleOfScale(RandomAccessibleInterval<T> picture) {
        // A scale below 1 is left for the degradation to report.
        if (picture == null || picture.numDimensions() < 2 || scale < 1 || picture.dimension(0) < scale
                || picture.dimension(1) < scale) {
            return picture;
        }
        long[] min = picture.minAsLongArray();
        long[] max = picture.maxAsLongArray();
        max[0] = min[0] + picture.dimension(0) / scale * scale - 1;
        max[1] = min[1] + picture.dimension(1) / scale * scale - 1;
        return Views.interval(picture, min, max);
    }
}
