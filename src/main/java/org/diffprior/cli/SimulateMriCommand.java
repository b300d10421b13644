package org.diffprior.cli;

import java.nio.file.Path;
import java.util.Random;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.CoilSensitivities;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MultiCoilCartesianMri;
import org.diffprior.physics.SamplingMasks;

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
@Command(name = "mri", mixinStandardHelpOptions = true, description = "Make undersampled Cartesian k-space from an image.")
final class SimulateMriCommand extends CliCommand {

    @Option(names = "--image", required = true, description = "input image (any format ImageJ reads), one slice")
    Path image;

    @Option(names = "--out-kspace", required = true, description = "output k-space, BART .cfl (H×W, or H×W×1×C)")
    Path outKspace;

    @Option(names = "--out-mask", required = true, description = "output mask image, float32 TIFF of 0/1")
    Path outMask;

    @Option(names = "--acceleration", defaultValue = "4", description = "acceleration R, counting every sampled point (default: ${DEFAULT-VALUE})")
    double acceleration;

    @Option(names = "--mask", defaultValue = "random", description = "random, equispaced (1-D columns) or poisson (2-D) (default: ${DEFAULT-VALUE})")
    String maskType;

    @Option(names = "--center-fraction", description = "fully sampled centre as a fraction of the width (default 0.08 for R ≤ 6, else 0.04)")
    Double centerFraction;

    @Option(names = "--coils", defaultValue = "1", description = "number of simulated receive coils (default: ${DEFAULT-VALUE})")
    int coils;

    @Option(names = "--noise-sigma", defaultValue = "0", description = "standard deviation of the Gaussian noise added to the real and "
            + "imaginary parts of each sampled k-space point, in image units (the FFT is orthonormal) (default: ${DEFAULT-VALUE})")
    double noiseSigma;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the mask and the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out-sens", description = "also write the simulated coil sensitivities, BART .cfl (H×W×1×C)")
    Path outSens;

    @Override
    protected int execute() throws Exception {
        if (coils < 1 || coils > 64) {
            throw new InvalidInputException("--coils must be between 1 and 64, got " + coils);
        }
        if (!(noiseSigma >= 0)) {
            throw new InvalidInputException("--noise-sigma must be non-negative, got " + noiseSigma);
        }
        FloatImage picture = ImageFiles.read(image);
        if (picture.slices() != 1) {
            throw new InvalidInputException(image + ": has " + picture.slices() + " slices; simulate one 2-D image at a time");
        }
        int height = picture.height();
        int width = picture.width();
        if (height < 2 || width < 2) {
            throw new InvalidInputException(image + ": needs at least 2x2 pixels");
        }
        double fraction = centerFraction != null ? centerFraction : SamplingMasks.defaultCenterFraction(acceleration);
        float[] mask = switch (maskType.toLowerCase(java.util.Locale.ROOT)) {
            case "random" -> SamplingMasks.random1d(height, width, acceleration, fraction, seed);
            case "equispaced" -> SamplingMasks.equispaced1d(height, width, acceleration, fraction, seed);
            case "poisson" -> SamplingMasks.poissonDisc2d(height, width, acceleration, fraction, seed);
            default -> throw new InvalidInputException("unknown --mask '" + maskType + "'; use random, equispaced or poisson");
        };
        float[] x = new float[2 * height * width];
        for (int i = 0; i < height * width; i++) {
            x[2 * i] = picture.data()[i];
        }
        CoilArray maps = coils > 1 || outSens != null ? CoilSensitivities.simulate(height, width, coils) : null;
        LinearOperator a = maps == null ? new CartesianMri(height, width, mask)
                : new MultiCoilCartesianMri(height, width, mask, maps.data(), coils);
        float[] y = new float[a.outputSize()];
        a.apply(x, y);
        if (noiseSigma > 0) {
            // Noise only on sampled points: unsampled k-space stays exactly zero, as a scanner would store it.
            Random random = new Random(seed ^ 0x5DEECE66DL);
            int n = height * width;
            for (int i = 0; i < y.length / 2; i++) {
                if (mask[i % n] != 0) {
                    y[2 * i] += (float) (noiseSigma * random.nextGaussian());
                    y[2 * i + 1] += (float) (noiseSigma * random.nextGaussian());
                }
            }
        }
        Cfl.write(outKspace, new CoilArray(height, width, maps == null ? 1 : coils, y).toCfl());
        Tiffs.write(FloatImage.of(width, height, mask), outMask);
        if (outSens != null) {
            Cfl.write(outSens, maps.toCfl());
        }
        System.err.printf("diffprior: %dx%d, %d coil(s), %s mask, acceleration %.2f (%d of %d points)%n", height, width,
                maps == null ? 1 : coils, maskType, SamplingMasks.acceleration(mask), SamplingMasks.count(mask), mask.length);
        return OK;
    }
}
