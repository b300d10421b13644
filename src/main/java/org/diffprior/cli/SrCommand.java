package org.diffprior.cli;

import java.nio.file.Path;
import java.util.List;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.AtomicFiles;
import org.diffprior.io.CallFiles;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Volume;
import org.diffprior.io.Volumes;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.ReconstructionMontage;
import org.diffprior.task.SrRequest;
import org.diffprior.task.SrTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diffprior sr}: super-resolves an image by an integer scale with bicubic or Lanczos-3 interpolation
 * (MATLAB imresize conventions), optionally made exactly consistent with the box or bicubic degradation, or
 * with a diffusion prior. A rendering of {@link SrRequest}: its options are the request's parameters with its
 * defaults, and it checks nothing itself.
 */
@Command(name = "sr", mixinStandardHelpOptions = true, description = "Super-resolve an image by an integer scale.")
final class SrCommand extends CliCommand {

    @Option(names = "--input", required = true, description = "low-resolution image, stack or volume (TIFF, PNG, "
            + "DICOM file or series folder, NIfTI .nii/.nii.gz); every plane is super-resolved in-plane")
    Path input;

    @Option(names = "--scale", required = true, description = "integer scale s; the output is s times the input size")
    int scale;

    @Option(names = "--out", required = true, description = "high-resolution image: NIfTI for a .nii or .nii.gz name, "
            + "else float32 TIFF; it keeps the input's header and orientation with the in-plane voxel size divided by "
            + "the scale")
    Path out;

    @Option(names = "--degradation", defaultValue = SrRequest.DEFAULT_DEGRADATION,
            description = "how the input was made: box or bicubic (default: ${DEFAULT-VALUE}); used by --data-consistency and by diffusion")
    String degradation;

    @Option(names = "--method", defaultValue = SrRequest.DEFAULT_METHOD,
            description = "diffusion, bicubic or lanczos (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--data-consistency",
            description = "project the interpolated image onto the images whose degradation equals the input exactly")
    boolean dataConsistency;

    @Option(names = "--noise-sigma", defaultValue = "0", description = "standard deviation of the input's noise, in "
            + "its units, if known: diffusion then fits the input down to its noise level and no further (default: "
            + "${DEFAULT-VALUE}, noiseless or unknown: exact consistency)")
    double noiseSigma;

    @Mixin
    DiffusionOptions diffusion = new DiffusionOptions(SrRequest.DEFAULT_SAMPLES);

    @Mixin
    MontageOptions montage;

    @Override
    protected void declareFiles(CallFiles files) {
        files.input("input", input).output("out", out);
        diffusion.declareOutputs(files);
        montage.declareFiles(files);
    }

    @Override
    protected int execute() throws Exception {
        Volume volume = Volumes.read(input);
        FloatImage lowRes = volume.planes();
        SrRequest request = SrRequest.builder(lowRes, scale).degradation(degradation).method(method)
                .dataConsistency(dataConsistency).noiseSigma(noiseSigma).model(diffusion.model)
                .diffusion(diffusion::settings).build();
        FloatImage reference = montage.reference(request.width(), request.height(), lowRes.slices());
        long start = System.nanoTime();
        // Interpolation of one plane takes a moment: a bar only for diffusion or a volume.
        ProgressListener progress = request.isDiffusion() || lowRes.slices() > 1 ? new ConsoleProgress(System.err)
                : ProgressListener.NONE;
        List<DiffusionOutput> planes = SrTask.run(request, progress, CancelToken.none());
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            outputs.stage(out,
                    Volumes.writer(volume.upsampledInPlane(DiffusionOutput.meanStack(planes), request.scale()), out));
            if (request.isDiffusion()) {
                diffusion.stageExtras(outputs, planes, stack -> volume.upsampledInPlane(stack, request.scale()));
            }
            montage.stage(outputs, () -> ReconstructionMontage.sr(request, planes, reference, ProgressListener.NONE,
                    CancelToken.none()));
            outputs.commit();
        }
        montage.report("sr", System.err);
        if (request.isDiffusion()) {
            System.err.println("diffprior sr: x" + scale + " " + request.degradation() + ", "
                    + diffusion.describe(request.model(), planes) + ", wrote " + out);
        } else {
            System.err.printf("diffprior sr: %s x%d%s %dx%d -> %dx%d%s in %.2f s, wrote %s%n", request.method(), scale,
                    dataConsistency ? " + " + request.degradation() + " consistency" : "", lowRes.width(),
                    lowRes.height(), request.width(), request.height(),
                    lowRes.slices() > 1 ? " x " + lowRes.slices() + " planes" : "", (System.nanoTime() - start) / 1e9,
                    out);
        }
        return OK;
    }
}
