package org.diffprior.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.AtomicFiles;
import org.diffprior.io.CallFiles;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.SliceRange;
import org.diffprior.io.Volumes;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.KspaceFile;
import org.diffprior.task.MriAuto;
import org.diffprior.task.MriRequest;
import org.diffprior.task.MriTask;
import org.diffprior.task.ReconstructionMontage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diffprior mri}: reconstructs a magnitude image from undersampled Cartesian k-space (BART .cfl, H×W or
 * H×W×1×C, slices in dimension 13; or fastMRI HDF5, {@link KspaceFile}), each slice to one output plane, and its
 * 0/1 mask image (without one: the file's column mask, else the points that hold data). A rendering of
 * {@link MriRequest}: its options are the request's parameters with its defaults, and it checks nothing itself.
 *
 * <pre>
 * diffprior mri --kspace k.cfl --mask mask.tif --out x.tif --estimate-sens --method l1-wavelet
 * diffprior mri --kspace file1000000.h5 --slices 10-19 --out x.tif --estimate-sens
 * </pre>
 */
@Command(name = "mri", mixinStandardHelpOptions = true,
        description = "Reconstruct an MRI image from undersampled Cartesian k-space.")
final class MriCommand extends CliCommand {

    @Option(names = "--kspace", required = true,
            description = "k-space as a BART .cfl/.hdr pair (H×W, or H×W×1×C for C coils; several slices in dimension 13 "
                    + "are reconstructed together) or a fastMRI .h5 file (dataset kspace, single- or multi-coil)")
    Path kspace;

    @Option(names = "--slices", defaultValue = SliceRange.DEFAULT,
            description = "slices to reconstruct, counted from 0: all, N or FIRST-LAST (default: ${DEFAULT-VALUE})")
    String slices;

    @Option(names = "--mask", description = "sampling mask image, H×W (one plane, or one per slice), 0 = not sampled; "
            + "default: the .h5 file's mask dataset, else the points where the k-space holds data (non-zero)")
    Path mask;

    @Option(names = "--out", required = true, description = "output magnitude image, one plane per slice: NIfTI for a "
            + ".nii or .nii.gz name, else float32 TIFF")
    Path out;

    @Option(names = "--geometry", description = "the image or volume the k-space was made from (NIfTI, DICOM series, "
            + "calibrated TIFF): the output keeps its header, voxel size and orientation")
    Path geometry;

    @Mixin
    ThroughPlaneOption throughPlane;

    @Option(names = {"--sensitivities", "--sens"},
            description = "coil sensitivity maps as a BART .cfl (H×W×1×C, one set or one per slice read)")
    Path sensitivities;

    @Option(names = "--estimate-sens",
            description = "estimate coil sensitivities with ESPIRiT from the fully sampled centre (ignored for single-coil data)")
    boolean estimateSens;

    @Option(names = "--method", defaultValue = MriRequest.DEFAULT_METHOD,
            description = "auto, diffusion, zero-filled, cg-sense, l1-wavelet or tv (default: ${DEFAULT-VALUE}); "
                    + "auto holds out some measured k-space (whole columns of a 1-D mask, else 10 % of the points), "
                    + "reconstructs with diffusion and with TV and L1-wavelet at several weights, and reconstructs "
                    + "again from all data with the blend of diffusion and one of these that predicts the held-out "
                    + "data best (on an equispaced mask, where held-out columns would break the spacing, it keeps "
                    + "0.75 diffusion + 0.25 TV without holding out); diffusion gives the "
                    + "posterior samples alone; --seed also seeds the random wavelet shifts of l1-wavelet")
    String method;

    @Option(names = "--adapt-steps", defaultValue = "0",
            description = "with --method diffusion: first adapt the prior's weights to this scan in at most this "
                    + "many steps (self-supervised: a TV image of part of the data must predict the rest of the "
                    + "k-space), used only if diffusion with them predicts held-out k-space better; for scans "
                    + "unlike the prior's training images; 0.2-0.3 s per step at 128x128 on 2 cores plus two "
                    + "diffusion runs for the check (default: ${DEFAULT-VALUE}, no adaptation)")
    int adaptSteps;

    @Option(names = "--lambda", description = "regularisation weight relative to an image of robust maximum 1 "
            + "(cg-sense: Tikhonov μ, default " + MriReconstruction.DEFAULT_CG_MU + "; l1-wavelet: λ, default "
            + MriReconstruction.DEFAULT_WAVELET_LAMBDA + ")")
    Double lambda;

    @Option(names = "--iterations",
            description = "solver iterations (cg-sense default " + MriReconstruction.DEFAULT_CG_ITERATIONS
                    + ", l1-wavelet default " + MriReconstruction.DEFAULT_WAVELET_ITERATIONS + ")")
    Integer iterations;

    @Option(names = "--noise-sigma", defaultValue = MriRequest.DEFAULT_NOISE_SIGMA,
            description = "standard deviation of the k-space noise "
                    + "(real and imaginary part of each sampled value, orthonormal FFT, as 'simulate mri'): diffusion fits "
                    + "the data down to this noise level and no further; 'auto' estimates it from the sampled k-space "
                    + "corners (noiseless if too few are sampled), 0 fits the data exactly (default: ${DEFAULT-VALUE})")
    String noiseSigma;

    @Mixin
    DiffusionOptions diffusion;

    @Mixin
    MontageOptions montage;

    @Override
    protected void declareFiles(CallFiles files) {
        files.input("kspace", Cfl.files(kspace)).input("mask", mask).input("geometry", geometry);
        if (sensitivities != null) {
            files.input("sensitivities", Cfl.files(sensitivities));
        }
        files.output("out", out);
        diffusion.declareOutputs(files);
        montage.declareFiles(files);
    }

    @Override
    protected int execute() throws Exception {
        SliceRange range = SliceRange.parse(slices);
        KspaceFile k = KspaceFile.read(kspace, range);
        MriRequest.Builder builder = MriRequest.builder(k.slices()).columnMask(k.columnMask(), k.name());
        if (mask != null) {
            builder.mask(ImageFiles.read(mask), mask.toString());
        }
        MriRequest request = builder
                .sensitivities(sensitivities == null ? null : maps(sensitivities, range, k.slices().size()),
                        String.valueOf(sensitivities))
                .estimateSensitivities(estimateSens).method(method).lambda(lambda).iterations(iterations)
                .seed(diffusion.seed).noiseSigma(noiseSigma).throughPlaneTv(throughPlane.weight).adaptSteps(adaptSteps)
                .model(diffusion.model)
                .diffusion(diffusion::settings)
                .build();
        Geometry grid = Geometry.of(geometry, request.width(), request.height(), request.slices(), range);
        if (request.maskSource() != MriRequest.MaskSource.GIVEN) {
            System.err.printf(Locale.ROOT, "diffprior mri: no --mask: sampled %s (acceleration %.2f)%n",
                    request.maskSource() == MriRequest.MaskSource.FILE ? "columns from the mask dataset of " + kspace
                            : "points taken where the k-space holds data",
                    SamplingMasks.acceleration(request.masks().get(0)));
        }
        FloatImage reference = montage.reference(request.width(), request.height(), request.slices());
        if (request.noise() == MriRequest.Noise.ESTIMATED) {
            System.err.printf("diffprior mri: k-space noise estimated from the corners: %.4g%n", request.noiseSigma());
        } else if (request.usesPrior() && request.noise() == MriRequest.Noise.NOT_ESTIMATED) {
            System.err.println("diffprior mri: too few sampled k-space corner points to estimate the noise; "
                    + "fitting the data exactly (give --noise-sigma to set a noise level)");
        }
        // Classical methods print no progress bar for one slice, as before: they take seconds.
        ProgressListener progress = request.usesPrior() || request.slices() > 1 ? new ConsoleProgress(System.err)
                : ProgressListener.NONE;
        MriTask.Result result = MriTask.run(request, progress, CancelToken.none());
        List<DiffusionOutput> planes = result.planes();
        MriAuto.Result choice = result.auto();
        if (choice != null) {
            System.err.println("diffprior mri: auto chose " + choice.summary());
        }
        if (result.adaptation() != null) {
            System.err.println("diffprior mri: " + result.adaptation().summary());
        }
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            outputs.stage(out, Volumes.writer(grid.on(DiffusionOutput.meanStack(planes)), out));
            if (request.usesPrior()) {
                diffusion.stageExtras(outputs, planes, grid::on);
            }
            montage.stage(outputs, () -> ReconstructionMontage.mri(request, planes, reference, ProgressListener.NONE,
                    CancelToken.none()));
            outputs.commit();
        }
        montage.report("mri", System.err);
        if (request.usesPrior()) {
            System.err.println("diffprior mri: " + diffusion.describe(request.model(), planes) + ", wrote " + out);
        }
        return OK;
    }

    /** The maps of a BART array (slices in dimension 13); maps of every slice of the file cut to the slices read. */
    private static List<CoilArray> maps(Path cfl, SliceRange range, int slicesRead) {
        List<CoilArray> maps = CoilArray.slicesFromCfl(Cfl.read(cfl), cfl.toString());
        if (range.isAll() || maps.size() == 1 || maps.size() == slicesRead) {
            return maps;
        }
        int first = range.first(maps.size(), cfl.toString());
        return maps.subList(first, first + range.count(maps.size()));
    }
}
