package org.diffprior.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.CallFiles;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Volume;
import org.diffprior.io.Volumes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffprior simulate sr}: a low-resolution image made by the box or bicubic degradation (DESIGN.md §3),
 * optionally with additive Gaussian noise.
 */
@Command(name = "sr", mixinStandardHelpOptions = true,
        description = "Make a low-resolution image by box or bicubic (MATLAB imresize) downsampling.")
final class SimulateSrCommand extends CliCommand {

    @Option(names = "--image", required = true,
            description = "high-resolution image, stack or volume (TIFF, PNG, DICOM file or series folder, NIfTI "
                    + ".nii/.nii.gz); width and height must be multiples of the scale")
    Path image;

    @Option(names = "--scale", required = true, description = "integer downsampling factor s")
    int scale;

    @Option(names = "--degradation", defaultValue = "bicubic",
            description = "box or bicubic (default: ${DEFAULT-VALUE})")
    String degradation;

    @Option(names = "--out", required = true, description = "low-resolution image: NIfTI for a .nii or .nii.gz name, "
            + "else float32 TIFF; it keeps the input's header with the in-plane voxel size times the scale")
    Path out;

    @Option(names = "--noise-sigma", defaultValue = "0",
            description = "standard deviation of added Gaussian noise, in image units (default: ${DEFAULT-VALUE})")
    double noiseSigma;

    @Option(names = "--seed", defaultValue = "0", description = "random seed for the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    protected void declareFiles(CallFiles files) {
        files.input("image", image).output("out", out);
    }

    @Override
    protected int execute() throws Exception {
        String name = degradation.trim().toLowerCase(Locale.ROOT);
        if (!name.equals("box") && !name.equals("bicubic")) {
            throw new InvalidInputException("--degradation '" + degradation + "' is unknown; use box or bicubic");
        }
        if (scale < 1 || scale > 16) {
            throw new InvalidInputException("--scale must be a whole number from 1 to 16, got " + scale);
        }
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new InvalidInputException("--noise-sigma must be ≥ 0, got " + noiseSigma);
        }
        Volume volume = Volumes.read(image);
        FloatImage input = volume.planes();
        if (input.width() % scale != 0 || input.height() % scale != 0) {
            throw new InvalidInputException(image + " is " + input.width() + "x" + input.height()
                    + ", not a multiple of scale " + scale + "; crop it to " + (input.width() / scale * scale) + "x"
                    + (input.height() / scale * scale));
        }
        Volumes.write(volume.downsampledInPlane(SrInterpolation.degrade(input, scale, name, noiseSigma, seed), scale),
                out);
        System.err.printf("diffprior simulate sr: %s x1/%d %dx%d -> %dx%d%s, wrote %s%n", name, scale, input.width(),
                input.height(), input.width() / scale, input.height() / scale,
                noiseSigma > 0 ? ", noise sigma " + noiseSigma : "", out);
        return OK;
    }
}
