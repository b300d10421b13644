package org.diffprior.io;

import static org.diffprior.io.IoTestFiles.assertRefused;
import static org.diffprior.io.IoTestFiles.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * DICOM through ImageJ 1.x comes out in physical units. Reference values are pydicom's
 * {@code pixel_array * RescaleSlope + RescaleIntercept} printed by scripts/print_dicom_reference.py for
 * pydicom's own test files (copied to src/test/resources/org/diffprior/io/dicom/; licence in
 * test-images/LICENSES.md). CT_small is signed 16-bit with intercept -1024, so this checks both ImageJ's
 * +32768 shift for signed data and the rescale.
 */
class DicomReadingTest {

    private static void assertValues(FloatImage image, int[][] rowColumn, double[] expected) {
        for (int n = 0; n < expected.length; n++) {
            int row = rowColumn[n][0];
            int column = rowColumn[n][1];
            assertEquals(expected[n], image.get(column, row, 0), 0.0, "value at row " + row + ", column " + column);
        }
    }

    private static double[] minMaxSum(FloatImage image) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (float v : image.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        return new double[] {min, max, sum};
    }

    @Test
    void ctComesOutInHounsfieldUnitsAsPydicomComputesThem() {
        FloatImage ct = ImageFiles.read(fixture("dicom/CT_small.dcm"));
        assertEquals(128, ct.width());
        assertEquals(128, ct.height());
        assertEquals(1, ct.slices());
        int[][] positions = {{0, 0}, {10, 20}, {64, 64}, {70, 40}, {100, 90}, {31, 32}, {50, 60}, {63, 5}};
        double[] hounsfield = {-849, -839, 904, 31, -108, -696, 40, 317};
        assertValues(ct, positions, hounsfield);
        double[] stats = minMaxSum(ct);
        assertEquals(-896.0, stats[0], 0.0);
        assertEquals(1167.0, stats[1], 0.0);
        assertEquals(-1950906.0, stats[2], 0.0);
    }

    @Test
    void mrWithoutRescaleKeepsStoredValues() {
        FloatImage mr = ImageFiles.read(fixture("dicom/MR_small.dcm"));
        assertEquals(64, mr.width());
        assertEquals(64, mr.height());
        int[][] positions = {{0, 0}, {10, 20}, {31, 32}, {50, 60}, {63, 5}};
        assertValues(mr, positions, new double[] {905, 316, 210, 709, 344});
        double[] stats = minMaxSum(mr);
        assertEquals(127.0, stats[0], 0.0);
        assertEquals(2145.0, stats[1], 0.0);
        assertEquals(2125338.0, stats[2], 0.0);
    }

    @Test
    void bigEndianAndImplicitVrEncodingsGiveTheSameValues() {
        float[] reference = ImageFiles.read(fixture("dicom/MR_small.dcm")).data();
        IoTestFiles.assertArrayEqualsExactly(reference,
                ImageFiles.read(fixture("dicom/MR_small_bigendian.dcm")).data());
        IoTestFiles.assertArrayEqualsExactly(reference, ImageFiles.read(fixture("dicom/MR_small_implicit.dcm")).data());
    }

    @Test
    void compressedDicomIsRefusedWithTheFix() {
        Path file = fixture("dicom/MR_small_RLE.dcm");
        assertRefused(file, "decompress it first", () -> ImageFiles.read(file));
    }

    @Test
    void truncatedDicomIsRefused() {
        Path file = fixture("dicom/MR_truncated.dcm");
        assertRefused(file, "truncated", () -> ImageFiles.read(file));
    }
}
