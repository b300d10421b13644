package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.diffprior.core.Metrics;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End-to-end runs of simulate ct/sr, ct and sr on files, with the exit-code contract. */
class CtSrCommandsTest {

    private static int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    /** A smooth disc phantom inside the inscribed circle. */
    private static Path phantom(Path folder, int size) throws Exception {
        float[] data = new float[size * size];
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double r = Math.hypot(row - size / 2.0, col - size / 2.0) / (size / 2.0);
                data[row * size + col] = (float) (r < 0.7 ? 1 - r * r : 0);
            }
        }
        Path file = folder.resolve("phantom.tif");
        Tiffs.write(FloatImage.of(size, size, data), file);
        return file;
    }

    @Test
    void simulatedSinogramReconstructsWithEveryClassicalMethod(@TempDir Path folder) throws Exception {
        Path image = phantom(folder, 48);
        Path sinogram = folder.resolve("sino.tif");
        assertEquals(0, run(new SimulateCtCommand(), "--image", image.toString(), "--angles", "0:180:45",
                "--out", sinogram.toString()));
        FloatImage sino = ImageFiles.read(sinogram);
        assertEquals(45, sino.height());
        assertEquals(48, sino.width());
        float[] truth = ImageFiles.read(image).data();
        for (String method : new String[] {"fbp", "sart", "tv"}) {
            Path out = folder.resolve(method + ".tif");
            assertEquals(0, run(new CtCommand(), "--sinogram", sinogram.toString(), "--angles", "0:180:45",
                    "--out", out.toString(), "--method", method, "--iterations", "60"));
            double psnr = Metrics.psnr(truth, ImageFiles.read(out).data());
            assertTrue(psnr > 25, method + " PSNR " + psnr);
        }
    }

    @Test
    void badInputExitsWithTwoAndWritesNothing(@TempDir Path folder) throws Exception {
        Path image = phantom(folder, 32);
        Path sinogram = folder.resolve("sino.tif");
        assertEquals(0, run(new SimulateCtCommand(), "--image", image.toString(), "--angles", "0:180:10",
                "--out", sinogram.toString(), "--i0", "1e4", "--seed", "2"));
        Path out = folder.resolve("never.tif");
        assertEquals(2, run(new CtCommand(), "--sinogram", sinogram.toString(), "--angles", "0:180:12", "--out",
                out.toString(), "--method", "fbp"));
        assertEquals(2,
                run(new CtCommand(), "--sinogram", sinogram.toString(), "--angles", "0:180:10", "--out", out.toString(),
                        "--method", "magic"));
        assertEquals(2,
                run(new CtCommand(), "--sinogram", sinogram.toString(), "--angles", "0:180:10", "--out", out.toString(),
                        "--method", "diffusion", "--i0", "0"));
        assertEquals(2,
                run(new CtCommand(), "--sinogram", sinogram.toString(), "--angles", "0:180:10", "--out", out.toString(),
                        "--method", "diffusion", "--i0", "1e4", "--attenuation-per-pixel", "-0.02"));
        assertEquals(2, run(new SrCommand(), "--input", image.toString(), "--scale", "2", "--out", out.toString(),
                "--samples", "0"));
        // The warm start is MRI's: ct and sr refuse --start-noise rather than ignore it.
        assertEquals(2,
                run(new CtCommand(), "--sinogram", sinogram.toString(), "--angles", "0:180:10", "--out", out.toString(),
                        "--method", "diffusion", "--start-noise", "0.2", "--steps", "2"));
        assertEquals(2, run(new SrCommand(), "--input", image.toString(), "--scale", "2", "--out", out.toString(),
                "--start-noise", "0.2", "--steps", "2"));
        assertEquals(2, run(new SrCommand(), "--input", image.toString(), "--scale", "2", "--out", out.toString(),
                "--noise-sigma", "-0.1", "--steps", "2"));
        assertEquals(2,
                run(new SimulateSrCommand(), "--image", image.toString(), "--scale", "3", "--out", out.toString()));
        assertFalse(out.toFile().exists());
    }

    @Test
    void noisySinogramWithItsPhotonCountReconstructsByDiffusion(@TempDir Path folder) throws Exception {
        Path image = phantom(folder, 32);
        Path sinogram = folder.resolve("sino.tif");
        assertEquals(0, run(new SimulateCtCommand(), "--image", image.toString(), "--angles", "0:180:16",
                "--out", sinogram.toString(), "--i0", "1e4", "--seed", "4"));
        Path out = folder.resolve("dds.tif");
        assertEquals(0, run(new CtCommand(), "--sinogram", sinogram.toString(), "--angles", "0:180:16", "--out",
                out.toString(), "--method", "diffusion", "--i0", "1e4", "--steps", "4"));
        FloatImage result = ImageFiles.read(out);
        assertEquals(32, result.width());
        double psnr = Metrics.psnr(ImageFiles.read(image).data(), result.data());
        assertTrue(psnr > 15, "PSNR " + psnr);
    }

    @Test
    void superResolutionHasExactlyScaleTimesTheInputSize(@TempDir Path folder) throws Exception {
        Path image = phantom(folder, 32);
        Path lowRes = folder.resolve("lr.tif");
        assertEquals(0,
                run(new SimulateSrCommand(), "--image", image.toString(), "--scale", "4", "--degradation", "box",
                        "--out", lowRes.toString()));
        assertEquals(8, ImageFiles.read(lowRes).width());
        Path highRes = folder.resolve("hr.tif");
        assertEquals(0, run(new SrCommand(), "--input", lowRes.toString(), "--scale", "4", "--out", highRes.toString(),
                "--method", "lanczos", "--degradation", "box", "--data-consistency"));
        FloatImage result = ImageFiles.read(highRes);
        assertEquals(32, result.width());
        assertEquals(32, result.height());
    }
}
