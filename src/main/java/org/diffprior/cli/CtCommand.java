package org.diffprior.cli;

import java.nio.file.Path;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CtAngles;
import org.diffprior.physics.FbpFilter;
import org.diffprior.physics.FilteredBackProjection;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.physics.Sart;
import org.diffprior.physics.TotalVariationCt;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffprior ct}: reconstructs a CT image from a parallel-beam sinogram (one row per view, DESIGN.md §3)
 * by FBP, SART or TV; each plane of a stack is one sinogram.
 */
@Command(name = "ct", mixinStandardHelpOptions = true,
        description = "Reconstruct a CT image from a (sparse-view or limited-angle) sinogram.")
final class CtCommand extends CliCommand {

    @Option(names = "--sinogram", required = true, description = "float32 TIFF, one row per view, one column per detector bin")
    Path sinogram;

    @Option(names = "--angles", required = true, description = "degrees: 0,45,90 or start:stop:count (stop excluded) or a JSON list file")
    String angles;

    @Option(names = "--out", required = true, description = "reconstructed image (float32 TIFF)")
    Path out;

    @Option(names = "--size", description = "output size N (default: the number of detector bins; fbp only may differ)")
    Integer size;

    @Option(names = "--method", defaultValue = "diffusion", description = "diffusion, fbp, sart or tv (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--filter", defaultValue = "ram-lak", description = "FBP filter: ram-lak, shepp-logan or hann (default: ${DEFAULT-VALUE})")
    String filter;

    @Option(names = "--iterations", description = "SART sweeps (default 20) or TV iterations (default 300)")
    Integer iterations;

    @Option(names = "--subsets", defaultValue = "10", description = "SART ordered subsets (default: ${DEFAULT-VALUE}, at most the number of views)")
    int subsets;

    @Option(names = "--relaxation", defaultValue = "0.9", description = "SART relaxation in (0, 2) (default: ${DEFAULT-VALUE})")
    double relaxation;

    @Option(names = "--lambda", defaultValue = "3e-5", description = "TV weight relative to the data scale (default: ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--model", description = "diffusion model name or directory")
    String model;

    @Option(names = "--steps", description = "diffusion sampling steps")
    Integer steps;

    @Option(names = "--samples", description = "posterior samples")
    Integer samples;

    @Option(names = "--std-out", description = "posterior standard deviation map (float32 TIFF)")
    Path stdOut;

    @Option(names = "--seed", description = "random seed")
    Long seed;

    @Override
    protected int execute() throws Exception {
        String chosen = method.trim().toLowerCase();
        if (chosen.equals("diffusion")) {
            throw new InvalidInputException("--method diffusion is not built yet in this version; use --method fbp, sart or tv");
        }
        if (!chosen.equals("fbp") && !chosen.equals("sart") && !chosen.equals("tv")) {
            throw new InvalidInputException("--method '" + method + "' is unknown; use diffusion, fbp, sart or tv");
        }
        FbpFilter fbpFilter = FbpFilter.parse(filter);
        double[] anglesDegrees = CtAngles.parse(angles);
        FloatImage input = ImageFiles.read(sinogram);
        if (input.height() != anglesDegrees.length) {
            throw new InvalidInputException(sinogram + " has " + input.height() + " rows (views) but --angles gives "
                    + anglesDegrees.length + " angles; they must match");
        }
        int bins = input.width();
        int outputSize = size == null ? bins : size;
        if (outputSize < 2) {
            throw new InvalidInputException("--size must be at least 2, got " + outputSize);
        }
        if (!chosen.equals("fbp") && outputSize != bins) {
            throw new InvalidInputException("--size " + outputSize + " differs from the " + bins
                    + " detector bins; sart and tv reconstruct N×N images from N bins (leave --size out)");
        }
        if (chosen.equals("sart") && (subsets < 1 || subsets > anglesDegrees.length)) {
            throw new InvalidInputException("--subsets must lie in 1.." + anglesDegrees.length + " (the number of views), got " + subsets);
        }
        if (chosen.equals("sart") && !(relaxation > 0 && relaxation < 2)) {
            throw new InvalidInputException("--relaxation must lie in (0, 2), got " + relaxation);
        }
        if (!(lambda >= 0)) {
            throw new InvalidInputException("--lambda must be ≥ 0, got " + lambda);
        }
        if (iterations != null && iterations < 1) {
            throw new InvalidInputException("--iterations must be at least 1, got " + iterations);
        }
        ParallelBeamProjector projector = new ParallelBeamProjector(outputSize, anglesDegrees);
        float[] result = new float[outputSize * outputSize * input.slices()];
        long start = System.nanoTime();
        for (int z = 0; z < input.slices(); z++) {
            float[] plane = input.slice(z);
            float[] image = switch (chosen) {
                case "fbp" -> FilteredBackProjection.reconstruct(plane, anglesDegrees, outputSize, fbpFilter);
                case "sart" -> new Sart(projector, iterations == null ? 20 : iterations, subsets, relaxation, true)
                        .reconstruct(plane, ProgressListener.NONE, CancelToken.none());
                default -> new TotalVariationCt(projector, lambda,
                        iterations == null ? TotalVariationCt.DEFAULT_ITERATIONS : iterations)
                        .reconstruct(plane, ProgressListener.NONE, CancelToken.none());
            };
            System.arraycopy(image, 0, result, z * image.length, image.length);
        }
        Tiffs.write(new FloatImage(outputSize, outputSize, input.slices(), result), out);
        System.err.printf("diffprior ct: %s of %d view(s) x %d bins -> %dx%d in %.2f s, wrote %s%n", chosen,
                anglesDegrees.length, bins, outputSize, outputSize, (System.nanoTime() - start) / 1e9, out);
        return OK;
    }
}
