package org.diffprior.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.AtomicFiles;
import org.diffprior.io.CallFiles;
import org.diffprior.io.Cfl;
import org.diffprior.io.ComplexArray;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.task.MriSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffprior simulate mri}: undersampled Cartesian k-space of an image (treated as a real-valued complex
 * image), with a seeded mask, optional simulated coils (Σ|S_c|² = 1) and complex Gaussian noise.
 *
 * <pre>
 * diffprior simulate mri --image brain.tif --out-kspace k.cfl --out-mask m.tif --acceleration 4 --coils 8 --out-sens s.cfl
 * </pre>
 */
@Command(name = "mri", mixinStandardHelpOptions = true,
        description = "Make undersampled Cartesian k-space from an image.")
final class SimulateMriCommand extends CliCommand {

    @Option(names = "--image", required = true, description = "input image, stack or volume (TIFF, PNG, DICOM file "
            + "or series folder, NIfTI .nii/.nii.gz); a stack gives one k-space slice per plane (BART dimension 13), "
            + "all with the same mask and coils")
    Path image;

    @Option(names = "--out-kspace", required = true, description = "output k-space, BART .cfl (H×W, or H×W×1×C)")
    Path outKspace;

    @Option(names = "--out-mask", required = true, description = "output mask image, float32 TIFF of 0/1")
    Path outMask;

    @Option(names = "--acceleration", defaultValue = "4",
            description = "acceleration R, counting every sampled point (default: ${DEFAULT-VALUE})")
    double acceleration;

    @Option(names = "--mask", defaultValue = "random",
            description = "random, equispaced (1-D columns) or poisson (2-D) (default: ${DEFAULT-VALUE})")
    String maskType;

    @Option(names = "--center-fraction",
            description = "fully sampled centre as a fraction of the width (default 0.08 for R ≤ 6, else 0.04)")
    Double centerFraction;

    @Option(names = "--coils", defaultValue = "1",
            description = "number of simulated receive coils (default: ${DEFAULT-VALUE})")
    int coils;

    @Option(names = "--noise-sigma", defaultValue = "0",
            description = "standard deviation of the Gaussian noise added to the real and "
                    + "imaginary parts of each sampled k-space point, in image units (the FFT is orthonormal) (default: ${DEFAULT-VALUE})")
    double noiseSigma;

    @Option(names = "--seed", defaultValue = "0",
            description = "seed of the mask and the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out-sens", description = "also write the simulated coil sensitivities, BART .cfl (H×W×1×C)")
    Path outSens;

    @Override
    protected void declareFiles(CallFiles files) {
        files.input("image", image).output("out_kspace", Cfl.files(outKspace)).output("out_mask", outMask);
        if (outSens != null) {
            files.output("out_sens", Cfl.files(outSens));
        }
    }

    @Override
    protected int execute() throws Exception {
        if (coils < 1 || coils > 64) {
            throw new InvalidInputException("--coils must be between 1 and 64, got " + coils);
        }
        if (!(noiseSigma >= 0)) {
            throw new InvalidInputException("--noise-sigma must be non-negative, got " + noiseSigma);
        }
        // NaN stands for "not given" below, so a NaN typed by the user must not pass as the default.
        if (centerFraction != null && !Double.isFinite(centerFraction)) {
            throw new InvalidInputException("--center-fraction must be a number in [0, 1], got " + centerFraction);
        }
        FloatImage picture = ImageFiles.read(image);
        int height = picture.height();
        int width = picture.width();
        if (height < 2 || width < 2) {
            throw new InvalidInputException(image + ": needs at least 2x2 pixels");
        }
        if (!MriSimulation.MASK_TYPES.contains(maskType.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("unknown --mask '" + maskType + "'; use random, equispaced or poisson");
        }
        MriSimulation.Settings settings = new MriSimulation.Settings(acceleration, maskType,
                centerFraction == null ? Double.NaN : centerFraction, coils, noiseSigma, seed);
        List<CoilArray> kspaces = new ArrayList<>();
        MriSimulation.Result sim = null;
        for (int z = 0; z < picture.slices(); z++) {
            sim = MriSimulation.simulate(picture.slice(z), width, height, settings, outSens != null, z);
            kspaces.add(sim.kspace());
        }
        float[] mask = sim.mask();
        write(CoilArray.toCfl(kspaces), sim, FloatImage.of(width, height, mask));
        System.err.printf("diffprior: %dx%d%s, %d coil(s), %s mask, acceleration %.2f (%d of %d points)%n", height,
                width, picture.slices() > 1 ? " x " + picture.slices() + " slices" : "", sim.kspace().coils(), maskType,
                SamplingMasks.acceleration(mask), SamplingMasks.count(mask),
                mask.length);
        return OK;
    }

    /** The k-space (every slice), the mask and the maps (if asked for), all replaced together or none. */
    private void write(ComplexArray kspace, MriSimulation.Result sim, FloatImage mask) throws IOException {
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            Cfl.stage(outputs, outKspace, kspace);
            outputs.stage(outMask, Tiffs.writer(mask));
            if (outSens != null) {
                Cfl.stage(outputs, outSens, sim.sensitivities().toCfl());
            }
            outputs.commit();
        }
    }
}
