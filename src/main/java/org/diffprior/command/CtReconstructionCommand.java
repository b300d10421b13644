package org.diffprior.command;

import java.io.IOException;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.diffprior.classical.CtReconstruction;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.CtAngles;
import org.diffprior.task.CtAuto;
import org.diffprior.task.CtRequest;
import org.diffprior.task.CtSimulation;
import org.diffprior.task.CtTask;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.ReconstructionMontage;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffPrior › CT Reconstruction: reconstructs a parallel-beam CT image from the current image as a
 * sinogram (one row per view, angles as text), or from the sinogram simulated from the current image
 * (centre square, equispaced views over 180°, optional photon noise). A photon count I0 > 0 also tells the
 * diffusion method the noise level of a measured sinogram. A rendering of {@link CtRequest}: its parameters are
 * the request's (same defaults, same checks), plus the simulation. Macro:
 * {@code run("CT Reconstruction", "source=simulate views=30 i0=0 method=sart");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DiffPrior>CT Reconstruction", headless = true)
public final class CtReconstructionCommand extends TaskCommand {

    @Parameter(label = "Image (sinogram, or picture to simulate from)")
    private RandomAccessibleInterval<? extends RealType<?>> image;

    @Parameter(label = "Data", choices = {"simulate", "sinogram"}, persist = false)
    private String source = "simulate";

    @Parameter(label = "Angles in degrees (sinogram; 0:180:60 or 0,45,90)", required = false, persist = false)
    private String angles = "";

    @Parameter(label = "Views over 180° (simulate)", min = "1")
    private int views = 60;

    @Parameter(label = "Incident photons I0 per ray (0 = noiseless or unknown)", min = "0")
    private double i0;

    @Parameter(label = "Method", choices = {"auto", "diffusion", "fbp", "sart", "tv"})
    private String method = CtRequest.DEFAULT_METHOD;

    @Parameter(label = "FBP filter", choices = {"ram-lak", "shepp-logan", "hann"})
    private String filter = CtRequest.DEFAULT_FILTER;

    @Parameter(label = "Model (empty = bundled)", required = false)
    private String model = "";

    @Parameter(label = "Diffusion steps", min = "1", max = "" + DiffusionSettings.MAX_STEPS)
    private int steps = DiffusionSettings.DEFAULT_STEPS;

    @Parameter(label = "Posterior samples", min = "1", max = "" + DiffusionSettings.MAX_SAMPLES)
    private int samples = CtRequest.DEFAULT_SAMPLES;

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

    @Parameter(type = ItemIO.OUTPUT, label = "CT reconstruction")
    private Img<FloatType> reconstruction;

    @Parameter(type = ItemIO.OUTPUT, label = "Posterior std", required = false)
    private Img<FloatType> std;

    @Parameter(type = ItemIO.OUTPUT, label = "Posterior samples", required = false)
    private Img<FloatType> samples_stack;

    @Parameter(type = ItemIO.OUTPUT, label = "Simulated sinogram", required = false)
    private Img<FloatType> sinogram;

    @Parameter(type = ItemIO.OUTPUT, label = "FBP", required = false)
    private Img<FloatType> fbp;

    @Parameter(type = ItemIO.OUTPUT, label = "Montage", required = false)
    private Img<ARGBType> montage_image;

    @Override
    protected void execute() throws IOException {
        boolean simulate = "simulate".equals(source);
        FloatImage sinograms;
        double[] anglesDegrees;
        FloatImage picture = null;
        if (simulate) {
            picture = Planes.in(centreSquare(image), "image");
            anglesDegrees = CtAngles.equispaced(0, 180, views);
            sinograms = FloatImage.of(picture.width(), views, CtSimulation.sinogram(picture.data(), picture.width(),
                    anglesDegrees, i0, CtRequest.DEFAULT_ATTENUATION_PER_PIXEL, seed));
        } else {
            sinograms = Planes.in(image, "image");
            anglesDegrees = CtAngles.parse(angles);
        }
        // A known photon count (simulated, or given for a measured sinogram) lets the data consistency stop at the
        // noise level instead of fitting the noise; 0 means unknown here.
        CtRequest request = CtRequest.builder(sinograms, anglesDegrees).method(method).filter(filter)
                .noise(i0 > 0 ? i0 : null, CtRequest.DEFAULT_ATTENUATION_PER_PIXEL).model(model)
                .diffusion(() -> DiffusionChoice.settings(steps, samples, seed, eta, cg_iterations)).build();
        CtTask.Result result = CtTask.run(request, progress(), cancelToken());
        DiffusionOutput out = result.planes().get(0);
        int size = request.size();
        if (request.isDiffusion()) {
            CtAuto.Result choice = result.auto();
            if (choice != null) {
                info(String.format(Locale.ROOT,
                        "CT auto chose %.2f diffusion + %.2f TV (held-out view error: diffusion "
                                + "%.4g, TV %.4g, chosen %.4g)",
                        choice.diffusionWeight(), 1 - choice.diffusionWeight(),
                        choice.diffusionError(), choice.tvError(), choice.chosenError()));
            }
            DiffusionImages images = DiffusionImages.of(out, keep_samples);
            reconstruction = images.mean();
            std = images.std();
            samples_stack = images.samples();
            info(DiffusionImages.summary("CT diffusion", steps, out));
        } else {
            reconstruction = Planes.out(size, size, out.mean());
        }
        if (simulate) {
            float[] measured = sinograms.data();
            sinogram = Planes.out(size, request.views(), measured);
            fbp = Planes.out(size, size,
                    CtReconstruction.run(measured, anglesDegrees, size, CtReconstruction.Method.FBP,
                            request.classical().filter(), progress(), cancelToken()));
        }
        if (montage) {
            montage_image = Planes.rgb(ReconstructionMontage.ct(request, result.planes(), picture,
                    ProgressListener.NONE, cancelToken()));
        }
    }

    /** The largest centred square of the picture: parallel-beam CT images the inscribed circle of a square. */
    private static <T extends RealType<?>> RandomAccessibleInterval<T> centreSquare(
            RandomAccessibleInterval<T> picture) {
        if (picture == null || picture.numDimensions() < 2) {
            return picture;
        }
        long side = Math.min(picture.dimension(0), picture.dimension(1));
        long x0 = picture.min(0) + (picture.dimension(0) - side) / 2;
        long y0 = picture.min(1) + (picture.dimension(1) - side) / 2;
        long[] min = picture.minAsLongArray();
        long[] max = picture.maxAsLongArray();
        min[0] = x0;
        min[1] = y0;
        max[0] = x0 + side - 1;
        max[1] = y0 + side - 1;
        return Views.zeroMin(Views.interval(picture, min, max));
    }
}
