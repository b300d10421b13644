package org.diffprior.io;

import static org.diffprior.io.IoTestFiles.assertArrayEqualsExactly;
import static org.diffprior.io.IoTestFiles.assertRefused;
import static org.diffprior.io.IoTestFiles.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volumes with their geometry, against nibabel and pydicom (scripts/make_volume_fixtures.py wrote the fixtures and
 * printed every expected number here): the NIfTI header's qform and sform as nibabel computes them, their round
 * trip through our writer, the in-plane super-resolution grid, and a shuffled DICOM series whose voxels must land at
 * the world positions the DICOM standard gives them.
 */
class VolumesTest {

    private static final double[][] SFORM = {
            {0.754548, -0.573532, -0.397317, -12.5},
            {0.412211, 0.915136, -0.783011, 30.25},
            {0.265968, 0.208776, 2.340734, 7.0}};
    private static final double[][] QFORM = {
            {0.32246, -1.026068, 0.097923, 4.0},
            {0.829416, 0.381307, -0.436904, -8.5},
            {-0.134494, -0.108584, -2.459578, 16.75}};
    /** nibabel's sform and qform times the map of a x2 in-plane grid to the old one (block centres kept). */
    private static final double[][] SFORM_X2 = {
            {0.377274, -0.286766, -0.397317, -12.545254},
            {0.206106, 0.457568, -0.783011, 29.918163},
            {0.132984, 0.104388, 2.340734, 6.881314}};
    private static final double[][] QFORM_X2 = {
            {0.16123, -0.513034, 0.097923, 4.175902},
            {0.414708, 0.190653, -0.436904, -8.802681},
            {-0.067247, -0.054292, -2.459578, 16.810769}};
    /** Pixel value 100 s + 10 r + c of the series and its world position (RAS mm) by pydicom and DICOM C.7.6.2.1.1. */
    private static final double[][] SERIES_POSITIONS = {
            {0, 40.0, -12.5, 100.0},
            {3, 38.075434, -11.686307, 99.790351},
            {40, 38.722563, -15.278989, 100.940941},
            {143, 36.852497, -13.846595, 102.632392},
            {211, 39.148019, -11.686216, 103.967652},
            {243, 36.906897, -13.227996, 104.533592}};

    @TempDir
    Path dir;

    @Test
    void readsTheHeaderAsNibabelDoes() {
        Volume volume = Volumes.read(fixture("volume/oblique_int16.nii.gz"));
        NiftiHeader header = volume.header();
        assertAffine(SFORM, header.sform(), 1e-5);
        assertAffine(QFORM, header.qform(), 1e-5);
        assertEquals(2, header.sformCode());
        assertEquals(1, header.qformCode());
        assertArrayEquals(new double[] {0.9, 1.1, 2.5}, header.voxelSize(), 1e-6);
        assertEquals("mm", header.spatialUnit());
        // Voxel (i=5, j=4, k=3), raw 5 + 24 + 90 = 119, times 0.5 plus 10: row 0 of plane 3 holds the largest j.
        assertEquals(69.5f, volume.planes().get(5, 0, 3), 0f);
        assertEquals(10f, volume.planes().get(0, 4, 0), 0f);
    }

    @Test
    void niftiRoundTripKeepsTheHeaderAndTheValues() throws IOException {
        Volume volume = Volumes.read(fixture("volume/oblique_int16.nii.gz"));
        Path out = dir.resolve("copy.nii.gz");
        Volumes.write(volume, out);
        Volume back = Volumes.read(out);
        assertArrayEqualsExactly(volume.planes().data(), back.planes().data());
        assertAffine(SFORM, back.header().sform(), 1e-5);
        assertAffine(QFORM, back.header().qform(), 1e-5);
        assertEquals(2, back.header().sformCode());
        assertEquals(1, back.header().qformCode());
        assertArrayEquals(new double[] {0.9, 1.1, 2.5}, back.header().voxelSize(), 1e-6);
        assertEquals("mm", back.header().spatialUnit());
        assertEquals("diffprior volume fixture", back.header().description());
        // The input's bytes and the .nii form too.
        Path plain = dir.resolve("copy.nii");
        Volumes.write(back, plain);
        assertEquals(NiftiHeader.DATA_OFFSET + 4L * 6 * 5 * 4, Files.size(plain));
        assertArrayEqualsExactly(volume.planes().data(), Volumes.read(plain).planes().data());
    }

    @Test
    void superResolutionGridKeepsTheFieldOfView() {
        Volume volume = Volumes.read(fixture("volume/oblique_int16.nii.gz"));
        FloatImage highRes = new FloatImage(12, 10, 4, new float[12 * 10 * 4]);
        NiftiHeader header = volume.upsampledInPlane(highRes, 2).header();
        assertAffine(SFORM_X2, header.sform(), 1e-5);
        assertAffine(QFORM_X2, header.qform(), 1e-5);
        assertArrayEquals(new double[] {0.45, 0.55, 2.5}, header.voxelSize(), 1e-6);
        assertArrayEquals(new int[] {12, 10, 4}, header.dimensions());
    }

    @Test
    void everyOldVoxelCentreIsTheCentreOfItsBlockOfNewVoxels() {
        NiftiHeader old = Volumes.read(fixture("volume/oblique_int16.nii.gz")).header();
        int scale = 3;
        NiftiHeader fine = old.upsampledInPlane(scale);
        for (double[][][] pair : new double[][][][] {{old.sform(), fine.sform()}, {old.qform(), fine.qform()}}) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 5; j++) {
                    double[] centre = new double[3];
                    for (int a = 0; a < scale; a++) {
                        for (int b = 0; b < scale; b++) {
                            double[] p = world(pair[1], scale * i + a, scale * j + b, 2);
                            for (int n = 0; n < 3; n++) {
                                centre[n] += p[n] / (scale * scale);
                            }
                        }
                    }
                    assertArrayEquals(world(pair[0], i, j, 2), centre, 1e-4, "voxel " + i + "," + j);
                }
            }
        }
    }

    @Test
    void dicomSeriesIsSortedAlongTheNormalAndLandsWhereTheStandardSays() {
        Volume series = Volumes.read(fixture("volume/series"));
        FloatImage planes = series.planes();
        assertEquals(4, planes.width());
        assertEquals(5, planes.height());
        assertEquals(3, planes.slices());
        assertEquals(1, series.header().sformCode());
        assertArrayEquals(new double[] {0.7, 0.8, 2.0}, series.header().voxelSize(), 1e-4);
        for (double[] expected : SERIES_POSITIONS) {
            int[] voxel = find(series, (float) expected[0]);
            double[] position = world(series.header().bestAffine(), voxel[0], voxel[1], voxel[2]);
            assertArrayEquals(new double[] {expected[1], expected[2], expected[3]}, position, 1e-3,
                    "value " + expected[0]);
            // The qform says the same (quaternion of the series' orientation).
            assertArrayEquals(position, world(series.header().qform(), voxel[0], voxel[1], voxel[2]), 1e-4);
        }
        // Plane k is slice k along the normal (values 100 k + ...), its rows as ImageJ shows the DICOM (row 0 first).
        assertEquals(203f, planes.get(3, 0, 2), 0f);
        assertEquals(143f, planes.get(3, 4, 1), 0f);
    }

    @Test
    void dicomSeriesWrittenAsNiftiAndTiffKeepsItsGeometry() throws IOException {
        Volume series = Volumes.read(fixture("volume/series"));
        Path nifti = dir.resolve("series.nii");
        Volumes.write(series, nifti);
        Volume back = Volumes.read(nifti);
        assertArrayEqualsExactly(series.planes().data(), back.planes().data());
        assertAffine(series.header().sform(), back.header().sform(), 1e-6);
        assertAffine(series.header().sform(), back.header().qform(), 1e-4);

        Path tiff = dir.resolve("series.tif");
        Volumes.write(series, tiff);
        Volume calibrated = Volumes.read(tiff);
        assertArrayEqualsExactly(series.planes().data(), calibrated.planes().data());
        assertArrayEquals(new double[] {0.7, 0.8, 2.0}, calibrated.header().voxelSize(), 1e-4);
        assertEquals("mm", calibrated.header().spatialUnit());
    }

    @Test
    void aFolderWithoutDicomFilesIsRefusedInOneLine() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("notes"));
        Files.writeString(folder.resolve("readme.txt"), "no images here");
        assertRefused(folder, "without DICOM files", () -> Volumes.read(folder));
    }

    @Test
    void aSeriesWithAGapOrTwoSeriesInAFolderIsRefusedInOneLine() {
        Path uneven = fixture("volume/series_uneven");
        String message = assertRefused(uneven, "evenly spaced", () -> Volumes.read(uneven));
        assertTrue(message.contains("2.000 mm apart") && message.contains("averages 2.500 mm"), message);
        Path two = fixture("volume/series_two");
        assertRefused(two, "holds 2 series", () -> Volumes.read(two));
    }

    @Test
    void niftiIsReadWhereverImagesAreRead() {
        // The command line's readers of images (masks, sinograms, inputs) take NIfTI too.
        Path file = fixture("volume/oblique_int16.nii.gz");
        assertArrayEqualsExactly(Volumes.read(file).planes().data(), ImageFiles.read(file).data());
    }

    private static int[] find(Volume volume, float value) {
        FloatImage planes = volume.planes();
        for (int k = 0; k < planes.slices(); k++) {
            for (int row = 0; row < planes.height(); row++) {
                for (int i = 0; i < planes.width(); i++) {
                    if (planes.get(i, row, k) == value) {
                        return new int[] {i, planes.height() - 1 - row, k};
                    }
                }
            }
        }
        throw new AssertionError("no voxel holds " + value);
    }

    private static double[] world(double[][] affine, double i, double j, double k) {
        double[] p = new double[3];
        for (int n = 0; n < 3; n++) {
            p[n] = affine[n][0] * i + affine[n][1] * j + affine[n][2] * k + affine[n][3];
        }
        return p;
    }

    private static void assertAffine(double[][] expected, double[][] actual, double tolerance) {
        for (int row = 0; row < 3; row++) {
            assertArrayEquals(expected[row], actual[row], tolerance, "row " + row);
        }
    }
}
