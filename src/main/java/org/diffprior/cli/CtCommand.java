package org.diffprior.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.AtomicFiles;
import org.diffprior.io.CallFiles;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Volumes;
import org.diffprior.physics.CtAngles;
import org.diffprior.task.CtAuto;
import org.diffprior.task.CtRequest;
import org.diffprior.task.CtTask;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.ReconstructionMontage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diffprior ct}: reconstructs a CT image from a parallel-beam sinogram (one row per view, DESIGN.md §3)
 * by diffusion, FBP, SART or TV; each plane of a stack is one sinogram. A rendering of {@link CtRequest}: its
 * options are the request's parameters with its defaults, and it checks nothing itself.
 */
@Command(name = "ct", mixinStandardHelpOptions = true,
        description = "Reconstruct a CT image from a (sparse-view or limited-angle) sinogram.")
final class CtCommand extends CliCommand {

    @Option(names = "--sinogram", required = true,
            description = "float32 TIFF (or NIfTI), one row per view, one column per detector bin; each plane of a "
                    + "stack is one sinogram")
    Path sinogram;

    @Option(names = "--angles", required = true,
            description = "degrees: 0,45,90 or start:stop:count (stop excluded) or a JSON list file")
    String angles;

    @Option(names = "--out", required = true, description = "reconstructed image, one plane per sinogram: NIfTI for a "
            + ".nii or .nii.gz name, else float32 TIFF")
    Path out;

    @Option(names = "--geometry", description = "the image or volume the sinograms were made from (NIfTI, DICOM "
            + "series, calibrated TIFF): the output keeps its header, voxel size and orientation")
    Path geometry;

    @Mixin
    ThroughPlaneOption throughPlane;

    @Option(names = "--size", description = "output size N (default: the number of detector bins; fbp only may differ)")
    Integer size;

    @Option(names = "--method", defaultValue = CtRequest.DEFAULT_METHOD,
            description = "auto, diffusion, fbp, sart or tv; auto holds out "
                    + "two folds of 12 % of the views, reconstructs the rest with diffusion and with TV at three weights, and "
                    + "reconstructs again from all views with the blend of the two that predicts the held-out views best "
                    + "(sart when no CT prior is bundled and no --model is given) (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--filter", defaultValue = CtRequest.DEFAULT_FILTER,
            description = "FBP filter: ram-lak, shepp-logan or hann (default: ${DEFAULT-VALUE})")
    String filter;

    @Option(names = "--iterations", description = "SART sweeps (default 20) or TV iterations (default 300)")
    Integer iterations;

    @Option(names = "--subsets", description = "SART ordered subsets, at most the number of views (default: 10, or the "
            + "number of views if fewer)")
    Integer subsets;

    @Option(names = "--relaxation", defaultValue = "" + CtRequest.DEFAULT_RELAXATION,
            description = "SART relaxation in (0, 2) (default: ${DEFAULT-VALUE})")
    double relaxation;

    @Option(names = "--lambda", defaultValue = "" + CtRequest.DEFAULT_LAMBDA,
            description = "TV weight relative to the data scale (default: ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--i0", description = "incident photons per ray of the measurement, if known (e.g. 1e5): "
            + "diffusion then fits the sinogram down to its noise level and no further (default: unknown, a fixed "
            + "number of CG steps, right for noiseless data)")
    Double incidentPhotons;

    @Option(names = "--attenuation-per-pixel", defaultValue = "" + CtRequest.DEFAULT_ATTENUATION_PER_PIXEL,
            description = "with --i0: attenuation of image value 1 over one pixel (default: ${DEFAULT-VALUE}, as "
                    + "'simulate ct')")
    double attenuationPerPixel;

    @Mixin
    DiffusionOptions diffusion = new DiffusionOptions(CtRequest.DEFAULT_SAMPLES);

    @Mixin
    MontageOptions montage;

    @Override
    protected void declareFiles(CallFiles files) {
        files.input("sinogram", sinogram).input("angles", CtAngles.file(angles)).input("geometry", geometry)
                .output("out", out);
        diffusion.declareOutputs(files);
        montage.declareFiles(files);
    }

    @Override
    protected int execute() throws Exception {
        double[] anglesDegrees = CtAngles.parse(angles);
        CtRequest request = CtRequest.builder(ImageFiles.read(sinogram), anglesDegrees).method(method).filter(filter)
                .size(size).iterations(iterations).subsets(subsets).relaxation(relaxation).lambda(lambda)
                .noise(incidentPhotons, attenuationPerPixel).throughPlaneTv(throughPlane.weight).model(diffusion.model)
                .diffusion(diffusion::settings)
                .build();
        Geometry grid = Geometry.of(geometry, request.size(), request.size(), request.sinograms().slices());
        FloatImage reference = montage.reference(request.size(), request.size(), request.sinograms().slices());
        if (request.autoWithoutPrior()) {
            System.err.println("diffprior ct: no bundled CT prior in this version, using " + request.method()
                    + "; pass --model NAME|DIR for diffusion");
        }
        if (request.noise() != null && !request.isDiffusion()) {
            System.err.println(
                    "diffprior ct: --i0 is used by --method diffusion only; " + request.method() + " ignores it");
        }
        long start = System.nanoTime();
        // Classical methods print no progress bar for one plane, as before: they take seconds.
        ProgressListener progress = request.isDiffusion() || request.sinograms().slices() > 1
                ? new ConsoleProgress(System.err) : ProgressListener.NONE;
        CtTask.Result result = CtTask.run(request, progress, CancelToken.none());
        List<DiffusionOutput> planes = result.planes();
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            outputs.stage(out, Volumes.writer(grid.on(DiffusionOutput.meanStack(planes)), out));
            if (request.isDiffusion()) {
                diffusion.stageExtras(outputs, planes, grid::on);
            }
            montage.stage(outputs, () -> ReconstructionMontage.ct(request, planes, reference, ProgressListener.NONE,
                    CancelToken.none()));
            outputs.commit();
        }
        montage.report("ct", System.err);
        if (!request.isDiffusion()) {
            System.err.printf("diffprior ct: %s of %d view(s) x %d bins -> %dx%d in %.2f s, wrote %s%n",
                    request.method(),
                    request.views(), request.sinograms().width(), request.size(), request.size(),
                    (System.nanoTime() - start) / 1e9, out);
            return OK;
        }
        CtAuto.Result choice = result.auto();
        if (choice != null && Double.isNaN(choice.tvLambda())) {
            System.err.println("diffprior ct: auto: too few views to hold out; diffusion alone");
        } else if (choice != null) {
            System.err.printf(Locale.ROOT, "diffprior ct: auto chose %.2f diffusion + %.2f TV at weight %.0e "
                    + "(relative held-out view error: diffusion %.4g, TV %.4g, chosen %.4g)%n",
                    choice.diffusionWeight(),
                    1 - choice.diffusionWeight(), choice.tvLambda(), choice.diffusionError(), choice.tvError(),
                    choice.chosenError());
        }
        System.err.println("diffprior ct: " + diffusion.describe(request.model(), planes) + ", wrote " + out);
        return OK;
    }
}
