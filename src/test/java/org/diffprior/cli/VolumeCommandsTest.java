package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.NiftiHeader;
import org.diffprior.io.Volume;
import org.diffprior.io.Volumes;
import org.diffprior.physics.CoilArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volumes through the command line: a 64×64×4 crop of Colin27 (NIfTI, sform code 2, written by nibabel's slicer in
 * scripts/make_volume_fixtures.py, which printed the affines expected here) is super-resolved, simulated and
 * reconstructed as a volume in one call each, and every output keeps the input's header with the grid it lies on.
 */
class VolumeCommandsTest {

    /** nibabel: the crop's sform, and the same field of view on grids 2x finer and 2x coarser in-plane. */
    private static final double[][] SFORM = {{1, 0, 0, -32}, {0, 1, 0, -49}, {0, 0, 1, 13}};
    private static final double[][] SFORM_FINER = {{0.5, 0, 0, -32.25}, {0, 0.5, 0, -49.25}, {0, 0, 1, 13}};
    private static final double[][] SFORM_COARSER = {{2, 0, 0, -31.5}, {0, 2, 0, -48.5}, {0, 0, 1, 13}};

    private static Path crop;

    @TempDir
    Path dir;

    @BeforeAll
    static void fixture() throws URISyntaxException {
        crop = Path.of(VolumeCommandsTest.class.getResource("/org/diffprior/io/volume/colin27_crop.nii.gz").toURI());
    }

    @Test
    void superResolutionOfAVolumeKeepsItsHeaderOnTheFinerGrid() {
        Path out = dir.resolve("hr.nii.gz");
        CliRun run = CliRun.of("sr", "--input", crop.toString(), "--scale", "2", "--method", "bicubic", "--out",
                out.toString());
        assertEquals(0, run.status(), run.stderr());
        Volume input = Volumes.read(crop);
        Volume result = Volumes.read(out);
        assertHeader(result.header(), SFORM_FINER, new double[] {0.5, 0.5, 1}, new int[] {128, 128, 4});
        assertEquals(2, result.header().sformCode());
        // Every plane is the plane's own interpolation, in order.
        for (int z = 0; z < 4; z++) {
            float[] expected = SrInterpolation.upsample(input.planes().slice(z), 64, 64, 2, "bicubic", null);
            assertArrayEquals(expected, result.planes().slice(z), 1e-4f, "plane " + z);
        }
        assertTrue(run.stderr().contains("slice 4 of 4"), "progress per slice: " + run.stderr());
    }

    @Test
    void simulatedLowResolutionAndItsSuperResolutionComeBackToTheInputsHeader() {
        Path low = dir.resolve("lr.nii");
        Path back = dir.resolve("back.nii.gz");
        assertEquals(0, CliRun.of("simulate", "sr", "--image", crop.toString(), "--scale", "2", "--degradation",
                "box", "--out", low.toString()).status());
        assertHeader(Volumes.read(low).header(), SFORM_COARSER, new double[] {2, 2, 1}, new int[] {32, 32, 4});
        CliRun run = CliRun.of("sr", "--input", low.toString(), "--scale", "2", "--method", "bicubic",
                "--data-consistency", "--degradation", "box", "--out", back.toString());
        assertEquals(0, run.status(), run.stderr());
        Volume result = Volumes.read(back);
        assertHeader(result.header(), SFORM, new double[] {1, 1, 1}, new int[] {64, 64, 4});
        // Box consistency: the result's block means are the low-resolution volume's, plane by plane.
        FloatImage lowRes = Volumes.read(low).planes();
        FloatImage again = SrInterpolation.degrade(result.planes(), 2, "box", 0, 0);
        assertArrayEquals(lowRes.data(), again.data(), 1e-3f);
    }

    @Test
    void multiSliceKspaceOfAVolumeIsReconstructedOnItsGrid() throws Exception {
        Path kspace = dir.resolve("k.cfl");
        Path mask = dir.resolve("mask.tif");
        Path out = dir.resolve("mri.nii.gz");
        assertEquals(0, CliRun.of("simulate", "mri", "--image", crop.toString(), "--out-kspace", kspace.toString(),
                "--out-mask", mask.toString(), "--acceleration", "2").status());
        List<CoilArray> slices = CoilArray.slicesFromCfl(Cfl.read(kspace), "k");
        assertEquals(4, slices.size(), "one k-space slice per plane, BART dimension 13");
        CliRun run = CliRun.of("mri", "--kspace", kspace.toString(), "--mask", mask.toString(), "--method",
                "zero-filled", "--geometry", crop.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.stderr());
        Volume result = Volumes.read(out);
        assertHeader(result.header(), SFORM, new double[] {1, 1, 1}, new int[] {64, 64, 4});
        assertSlicesInOrder(Volumes.read(crop).planes(), result.planes());

        // Slices 1-2 only: the output lies on those planes of the geometry (origin one plane up along k).
        Path part = dir.resolve("part.nii");
        CliRun some = CliRun.of("mri", "--kspace", kspace.toString(), "--mask", mask.toString(), "--method",
                "zero-filled", "--slices", "1-2", "--geometry", crop.toString(), "--out", part.toString());
        assertEquals(0, some.status(), some.stderr());
        Volume slab = Volumes.read(part);
        assertHeader(slab.header(), new double[][] {{1, 0, 0, -32}, {0, 1, 0, -49}, {0, 0, 1, 14}},
                new double[] {1, 1, 1}, new int[] {64, 64, 2});
        assertArrayEquals(result.planes().slice(1), slab.planes().slice(0), 1e-5f);
    }

    @Test
    void ctOfAVolumesSinogramsIsWrittenOnTheGeometryGiven() {
        Path sinograms = dir.resolve("sino.tif");
        Path out = dir.resolve("ct.nii");
        assertEquals(0, CliRun.of("simulate", "ct", "--image", crop.toString(), "--angles", "0:180:60", "--out",
                sinograms.toString()).status());
        CliRun run = CliRun.of("ct", "--sinogram", sinograms.toString(), "--angles", "0:180:60", "--method", "fbp",
                "--geometry", crop.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.stderr());
        Volume result = Volumes.read(out);
        assertHeader(result.header(), SFORM, new double[] {1, 1, 1}, new int[] {64, 64, 4});
        assertSlicesInOrder(Volumes.read(crop).planes(), result.planes());
    }

    @Test
    void aGeometryOfAnotherSizeIsRefusedBeforeAnyWork() throws Exception {
        Path sinograms = dir.resolve("sino.tif");
        assertEquals(0, CliRun.of("simulate", "ct", "--image", crop.toString(), "--angles", "0:180:12", "--out",
                sinograms.toString()).status());
        Path low = dir.resolve("lr.nii.gz");
        assertEquals(0, CliRun.of("simulate", "sr", "--image", crop.toString(), "--scale", "2", "--out",
                low.toString()).status());
        Path out = dir.resolve("ct.nii.gz");
        CliRun run = CliRun.of("ct", "--sinogram", sinograms.toString(), "--angles", "0:180:12", "--method", "fbp",
                "--geometry", low.toString(), "--out", out.toString());
        assertEquals(2, run.status());
        String line = run.stderr().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("--geometry") && line.contains("32x32x4") && line.contains("64x64x4"), line);
        assertFalse(Files.exists(out));
    }

    @Test
    void samplesAreRefusedAsNiftiBecauseTheyAreNotAVolume() {
        CliRun run = CliRun.of("sr", "--input", crop.toString(), "--scale", "2", "--out",
                dir.resolve("hr.nii").toString(), "--samples-out", dir.resolve("samples.nii").toString());
        assertEquals(2, run.status());
        assertTrue(run.stderr().contains("--samples-out"), run.stderr());
    }

    /** Each output plane is closest to the input plane of the same index (Colin27 planes 1 mm apart differ). */
    private static void assertSlicesInOrder(FloatImage input, FloatImage output) {
        for (int z = 0; z < input.slices(); z++) {
            int best = -1;
            double bestError = Double.POSITIVE_INFINITY;
            float[] plane = output.slice(z);
            for (int other = 0; other < input.slices(); other++) {
                float[] reference = input.slice(other);
                double error = 0;
                for (int i = 0; i < plane.length; i++) {
                    int row = i / input.width() - input.height() / 2;
                    int col = i % input.width() - input.width() / 2;
                    if (row * row + col * col < 28 * 28) { // inside CT's inscribed circle
                        error += (plane[i] - reference[i]) * (plane[i] - reference[i]);
                    }
                }
                if (error < bestError) {
                    bestError = error;
                    best = other;
                }
            }
            assertEquals(z, best, "output plane " + z);
        }
    }

    private static void assertHeader(NiftiHeader header, double[][] sform, double[] voxelSize, int[] dims) {
        for (int row = 0; row < 3; row++) {
            assertArrayEquals(sform[row], header.sform()[row], 1e-5, "sform row " + row);
        }
        assertArrayEquals(voxelSize, header.voxelSize(), 1e-6);
        assertArrayEquals(dims, header.dimensions());
        assertEquals("", header.spatialUnit(), "Colin27's xyzt_units is 0 (unknown), and stays so");
    }
}
