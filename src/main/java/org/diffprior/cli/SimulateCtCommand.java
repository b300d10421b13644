package org.diffprior.cli;

import java.nio.file.Path;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.CallFiles;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Stacks;
import org.diffprior.io.Volume;
import org.diffprior.io.Volumes;
import org.diffprior.physics.CtAngles;
import org.diffprior.task.CtRequest;
import org.diffprior.task.CtSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffprior simulate ct}: the parallel-beam sinogram of a square image (DESIGN.md §3), optionally
 * with photon-counting noise of I0 incident photons per ray.
 */
@Command(name = "ct", mixinStandardHelpOptions = true,
        description = "Make a parallel-beam sinogram (one row per view) from a square image.")
final class SimulateCtCommand extends CliCommand {

    private static final double MAX_PHOTONS = 1e15;

    @Option(names = "--image", required = true, description = "square N×N image, stack or volume (TIFF, PNG, DICOM "
            + "file or series folder, NIfTI .nii/.nii.gz), one sinogram per plane; only the inscribed circle is imaged")
    Path image;

    @Option(names = "--angles", required = true,
            description = "degrees: 0,45,90 or start:stop:count (stop excluded) or a JSON list file")
    String angles;

    @Option(names = "--out", required = true, description = "sinogram, views × N per plane (float32 TIFF, or NIfTI "
            + "for a .nii or .nii.gz name)")
    Path out;

    @Option(names = "--i0",
            description = "incident photons per ray for Poisson noise (e.g. 1e5); noiseless if left out")
    Double incidentPhotons;

    @Option(names = "--attenuation-per-pixel", defaultValue = "0.02",
            description = "attenuation of image value 1 over one pixel, for the noise model (default: ${DEFAULT-VALUE}, water at 1 mm)")
    double attenuationPerPixel;

    @Option(names = "--seed", defaultValue = "0", description = "random seed for the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    protected void declareFiles(CallFiles files) {
        files.input("image", image).input("angles", CtAngles.file(angles)).output("out", out);
    }

    @Override
    protected int execute() throws Exception {
        double[] anglesDegrees = CtAngles.parse(angles);
        // Above 1e15 photons the Poisson noise is below float precision, and counts near 2^63 overflow.
        if (incidentPhotons != null && !(incidentPhotons > 0 && incidentPhotons <= MAX_PHOTONS)) {
            throw new InvalidInputException("--i0 must be a number of photons in (0, 1e15], got " + incidentPhotons
                    + "; leave it out for a noiseless sinogram");
        }
        if (!(attenuationPerPixel > 0)) {
            throw new InvalidInputException("--attenuation-per-pixel must be positive, got " + attenuationPerPixel);
        }
        FloatImage input = ImageFiles.read(image);
        if (input.width() != input.height()) {
            throw new InvalidInputException(image + " is " + input.width() + "x" + input.height()
                    + "; parallel-beam CT needs a square image (crop or pad it)");
        }
        int size = input.width();
        if (size < 2 || size > CtRequest.MAX_SIZE) {
            throw new InvalidInputException(image + " is " + size + "x" + size + "; simulate ct needs 2.."
                    + CtRequest.MAX_SIZE + " pixels a side");
        }
        if ((long) size * anglesDegrees.length * input.slices() > Integer.MAX_VALUE) {
            throw new InvalidInputException(anglesDegrees.length + " views of " + size + " bins x " + input.slices()
                    + " slices is too large a sinogram; use fewer --angles or slices");
        }
        double photons = incidentPhotons == null ? 0 : incidentPhotons;
        Volumes.write(
                Volume.of(Stacks.planeByPlane(input.slices(), size, anglesDegrees.length, z -> CtSimulation.sinogram(
                        input.slice(z), size, anglesDegrees, photons, attenuationPerPixel, seed + z))),
                out);
        System.err.printf("diffprior simulate ct: %d view(s) x %d bins%s, wrote %s%n", anglesDegrees.length, size,
                incidentPhotons == null ? "" : ", Poisson noise I0 = " + incidentPhotons, out);
        return OK;
    }
}
