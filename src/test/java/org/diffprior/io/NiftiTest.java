package org.diffprior.io;

import static org.diffprior.io.IoTestFiles.assertRefused;
import static org.diffprior.io.IoTestFiles.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NIfTI-1 reading against nibabel: small fixtures nibabel wrote in every supported datatype and both
 * byte orders (scripts/make_nifti_fixtures.py; raw value i + 4j + 12k + offset), and the Colin27
 * template of the Debian package mricron-data (values printed by scripts/print_nifti_reference.py).
 */
class NiftiTest {

    private static final Path COLIN27 = Path.of("/usr/share/mricron/templates/ch2.nii.gz");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "uint8.nii, 0, 1, 0",
            "int16_scaled.nii, -10, 2, -3",
            "int16_scaled.nii.gz, -10, 2, -3",
            "int16_bigendian.nii, -10, 0.5, 100",
            "int32.nii, -100000, 1, 0",
            "float32.nii, -7.25, 1, 0",
            "float64_bigendian.nii, 0.125, 1, 0",
    })
    void readsEveryDatatypeAndByteOrderWithScaling(String name, double offset, double slope, double intercept) {
        NiftiVolume volume = Nifti.read(fixture("nifti/" + name));
        assertEquals(4, volume.nx());
        assertEquals(3, volume.ny());
        assertEquals(2, volume.nz());
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 4; i++) {
                    double raw = i + 4 * j + 12 * k + offset;
                    assertEquals((float) (raw * slope + intercept), volume.get(i, j, k), 0f,
                            name + " at " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void readsVoxelSizes() {
        assertArrayEquals(new double[] {0.5, 0.75, 2.0}, Nifti.read(fixture("nifti/int16_scaled.nii")).voxelSize(),
                0.0);
    }

    @Test
    void slicesAreCutAndOrientedAsDocumented() {
        NiftiVolume v = Nifti.read(fixture("nifti/uint8.nii")); // value i + 4j + 12k
        FloatImage axial = v.axial(1);
        assertEquals(4, axial.width());
        assertEquals(3, axial.height());
        assertEquals(3 + 4 * 2 + 12, axial.get(3, 0, 0), 0f); // top row = largest j
        assertEquals(12, axial.get(0, 2, 0), 0f);
        FloatImage coronal = v.coronal(2);
        assertEquals(4, coronal.width());
        assertEquals(2, coronal.height());
        assertEquals(1 + 8 + 12, coronal.get(1, 0, 0), 0f); // top row = largest k
        FloatImage sagittal = v.sagittal(3);
        assertEquals(3, sagittal.width());
        assertEquals(2, sagittal.height());
        assertEquals(3 + 4 * 2 + 0, sagittal.get(2, 1, 0), 0f); // column = j, bottom row = k 0
    }

    @Test
    void colin27MatchesNibabel() {
        assumeTrue(Files.isRegularFile(COLIN27), "mricron-data is not installed");
        NiftiVolume brain = Nifti.read(COLIN27);
        assertEquals(181, brain.nx());
        assertEquals(217, brain.ny());
        assertEquals(181, brain.nz());
        assertArrayEquals(new double[] {1, 1, 1}, brain.voxelSize(), 0.0);
        int[][] voxels = {{0, 0, 0}, {90, 108, 90}, {60, 100, 80}, {120, 150, 100}, {45, 30, 60}, {180, 216, 180},
                {100, 50, 120}};
        float[] expected = {0, 33, 113, 103, 20, 0, 91};
        for (int n = 0; n < voxels.length; n++) {
            assertEquals(expected[n], brain.get(voxels[n][0], voxels[n][1], voxels[n][2]), 0f);
        }
        assertEquals(317151210.0, sum(brain.data()), 0.0);
        assertEquals(2326396.0, sum(brain.axial(90).data()), 0.0);
        assertEquals(2171323.0, sum(brain.coronal(108).data()), 0.0);
        assertEquals(1952803.0, sum(brain.sagittal(90).data()), 0.0);
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        Path source = fixture("nifti/int16_scaled.nii");
        Path cut = IoTestFiles.truncatedCopy(source, dir.resolve("cut.nii"), Files.size(source) - 10);
        assertRefused(cut, "truncated", () -> Nifti.read(cut));
        Path header = IoTestFiles.truncatedCopy(source, dir.resolve("header.nii"), 200);
        assertRefused(header, "truncated", () -> Nifti.read(header));
        Path gz = fixture("nifti/int16_scaled.nii.gz");
        Path cutGz = IoTestFiles.truncatedCopy(gz, dir.resolve("cut.nii.gz"), Files.size(gz) / 2);
        assertRefused(cutGz, "truncated", () -> Nifti.read(cutGz));
    }

    @Test
    void wrongHeadersAreRefused() throws IOException {
        Path source = fixture("nifti/uint8.nii");
        Path notNifti = Files.writeString(dir.resolve("text.nii"), "x".repeat(400));
        assertRefused(notNifti, "sizeof_hdr", () -> Nifti.read(notNifti));
        assertRefused(dir.resolve("x.nii.gz"), "no such file", () -> Nifti.read(dir.resolve("x.nii.gz")));
        Path notGzip = Files.copy(source, dir.resolve("plain.nii.gz"));
        assertRefused(notGzip, "gzip", () -> Nifti.read(notGzip));
        Path magic = edited(source, "magic.nii", b -> b.put(344, (byte) 'x'));
        assertRefused(magic, "magic", () -> Nifti.read(magic));
        Path pair = edited(source, "pair.nii", b -> b.put(345, (byte) 'i').put(346, (byte) '1'));
        assertRefused(pair, ".hdr/.img", () -> Nifti.read(pair));
        Path complex = edited(source, "complex.nii", b -> b.putShort(70, (short) 32));
        assertRefused(complex, "datatype 32", () -> Nifti.read(complex));
        Path fourD = edited(source, "fourd.nii", b -> b.putShort(40, (short) 4).putShort(48, (short) 2));
        assertRefused(fourD, "volumes", () -> Nifti.read(fourD));
        Path zero = edited(source, "zero.nii", b -> b.putShort(44, (short) 0));
        assertRefused(zero, "dim[2]", () -> Nifti.read(zero));
        Path bigger = edited(source, "bigger.nii", b -> b.putShort(46, (short) 3));
        assertRefused(bigger, "truncated", () -> Nifti.read(bigger));
    }

    private Path edited(Path source, String name, java.util.function.Consumer<ByteBuffer> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        edit.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        return Files.write(dir.resolve(name), bytes);
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
